#include <utility>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/regs/nv_config_store.h"

namespace secnic::fw {

namespace {

namespace pci_conf = layout::nv_global_pci_conf;
namespace pci_cap = layout::nv_global_pci_cap;

// ConnectX-4 Lx factory defaults of the global PCI configuration.
constexpr uint32_t kDefaultNumPfs = 2;
constexpr uint32_t kDefaultTotalVfs = 8;
constexpr uint32_t kDefaultLogPfBarSize = 5;
constexpr uint32_t kDefaultLogVfBarSize = 1;
constexpr uint32_t kDefaultNumPfMsix = 63;
constexpr uint32_t kDefaultNumVfMsix = 11;
constexpr uint32_t kMaxVfsPerPf = 127;
constexpr uint32_t kMaxLogBarSize = 0xF;
constexpr uint32_t kMaxNumMsix = 0x3FF;

std::vector<uint8_t> base_mac_guid(const DeviceProfile& profile) {
  std::vector<uint8_t> v(layout::nv_base_mac_guid::kSize, 0);
  layout::set(v, layout::nv_base_mac_guid::base_mac, profile.base_mac);
  layout::set(v, layout::nv_base_mac_guid::base_guid, profile.base_guid);
  return v;
}

std::vector<uint8_t> base_mac_guid_cap(const DeviceProfile& profile) {
  namespace cap = layout::nv_base_mac_guid_cap;
  std::vector<uint8_t> v(cap::kSize, 0);
  layout::set(v, cap::mac_en, 1);
  layout::set(v, cap::guid_en, 1);
  layout::set(v, cap::num_of_allocated_macs, profile.num_macs);
  layout::set(v, cap::num_of_allocated_guids, profile.num_guids);
  return v;
}

std::vector<uint8_t> global_pci_conf() {
  std::vector<uint8_t> v(pci_conf::kSize, 0);
  for (auto valid : {pci_conf::sriov_valid, pci_conf::fpp_valid, pci_conf::num_pfs_valid,
                     pci_conf::pf_bar_size_valid, pci_conf::vf_bar_size_valid,
                     pci_conf::num_pf_msix_valid, pci_conf::num_vf_msix_valid}) {
    layout::set(v, valid, 1);
  }
  layout::set(v, pci_conf::sriov_en, 0);
  layout::set(v, pci_conf::total_vfs, kDefaultTotalVfs);
  layout::set(v, pci_conf::num_pfs, kDefaultNumPfs);
  layout::set(v, pci_conf::fpp_en, 1);
  layout::set(v, pci_conf::log_pf_uar_bar_size, kDefaultLogPfBarSize);
  layout::set(v, pci_conf::log_vf_uar_bar_size, kDefaultLogVfBarSize);
  layout::set(v, pci_conf::num_pf_msix, kDefaultNumPfMsix);
  layout::set(v, pci_conf::num_vf_msix, kDefaultNumVfMsix);
  return v;
}

std::vector<uint8_t> global_pci_cap() {
  std::vector<uint8_t> v(pci_cap::kSize, 0);
  for (auto supported :
       {pci_cap::sriov_support, pci_cap::fpp_support, pci_cap::pf_bar_size_supported,
        pci_cap::vf_bar_size_supported, pci_cap::num_pf_msix_supported,
        pci_cap::num_vf_msix_supported, pci_cap::max_vfs_per_pf_valid}) {
    layout::set(v, supported, 1);
  }
  layout::set(v, pci_cap::max_vfs_per_pf, kMaxVfsPerPf);
  layout::set(v, pci_cap::max_num_pfs, kDefaultNumPfs);
  layout::set(v, pci_cap::max_log_pf_uar_bar_size, kMaxLogBarSize);
  layout::set(v, pci_cap::max_log_vf_uar_bar_size, kMaxLogBarSize);
  layout::set(v, pci_cap::max_num_pf_msix, kMaxNumMsix);
  layout::set(v, pci_cap::max_num_vf_msix, kMaxNumMsix);
  return v;
}

std::vector<uint8_t> keep_link_up() {
  std::vector<uint8_t> v(layout::nv_keep_link_up::kSize, 0);
  layout::set(v, layout::nv_keep_link_up::keep_eth_link_up, 1);
  return v;
}

}  // namespace

InMemoryNvConfig::InMemoryNvConfig(const DeviceProfile& profile) {
  const NvTlvCapability read_only{true, false, 0};
  const NvTlvCapability read_write{true, true, 0};
  add(layout::nv_base_mac_guid::kType, read_only, base_mac_guid(profile));
  add(layout::nv_base_mac_guid_cap::kType, read_only, base_mac_guid_cap(profile));
  add(pci_conf::kType, read_write, global_pci_conf());
  add(pci_cap::kType, read_only, global_pci_cap());
  for (uint32_t port = 1; port <= profile.num_ports; ++port) {
    add(layout::nv_type::physical_port(port, layout::nv_keep_link_up::kIndex), read_write,
        keep_link_up());
  }
}

void InMemoryNvConfig::add(uint32_t type, NvTlvCapability capability, std::vector<uint8_t> value) {
  m_tlvs[type] = StoredTlv{capability, value, value, std::move(value)};
}

std::optional<NvTlvCapability> InMemoryNvConfig::capability(uint32_t type) const {
  auto it = m_tlvs.find(type);
  if (it == m_tlvs.end()) return std::nullopt;
  return it->second.capability;
}

std::optional<std::vector<uint8_t>> InMemoryNvConfig::read(uint32_t type, NvReadKind kind) const {
  auto it = m_tlvs.find(type);
  if (it == m_tlvs.end() || !it->second.capability.readable) return std::nullopt;
  switch (kind) {
    case NvReadKind::kDefault:
      return it->second.default_value;
    case NvReadKind::kCurrent:
      return it->second.current_value;
    case NvReadKind::kNext:
      return it->second.next_value;
  }
  return std::nullopt;
}

RegStatus InMemoryNvConfig::write(uint32_t type, const std::vector<uint8_t>& data) {
  auto it = m_tlvs.find(type);
  if (it == m_tlvs.end() || !it->second.capability.writable ||
      data.size() != it->second.next_value.size()) {
    return RegStatus::kBadParam;
  }
  it->second.next_value = data;
  return RegStatus::kOk;
}

}  // namespace secnic::fw
