#include "fuzz/harness/host_requests.h"

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/regs/access_register_mailbox.h"

namespace secnic::fuzz {

namespace {

namespace lo = layout;
constexpr size_t kMailboxSize = 0x340;

// The request bytes up to the end of the register body (the tool's write_size).
HostRequest access(std::string name, uint16_t id, fw::AccessMethod method,
                   std::vector<uint8_t> body) {
  std::vector<uint8_t> mailbox = fw::build_access_register_request(id, method, body, kMailboxSize);
  mailbox.resize(lo::access_tlv::kRegisterBodyOffset + body.size());
  return HostRequest{std::move(name), lo::icmd_opcode::kAccessRegister, std::move(mailbox)};
}

HostRequest get(std::string name, uint16_t id, std::vector<uint8_t> body) {
  return access(std::move(name), id, fw::AccessMethod::kGet, std::move(body));
}

std::vector<uint8_t> mcam(uint32_t group) {
  std::vector<uint8_t> b(lo::mcam::kSize, 0);
  lo::set(b, lo::mcam::access_reg_group, group);
  return b;
}

std::vector<uint8_t> mcqs(uint32_t index) {
  std::vector<uint8_t> b(lo::mcqs::kSize, 0);
  lo::set(b, lo::mcqs::component_index, index);
  return b;
}

std::vector<uint8_t> mcqi(uint32_t info_type, bool pending) {
  std::vector<uint8_t> b(lo::mcqi::kSize, 0);
  lo::set(b, lo::mcqi::info_type, info_type);
  lo::set(b, lo::mcqi::read_pending_component, pending ? 1 : 0);
  lo::set(b, lo::mcqi::data_size, 128);
  return b;
}

std::vector<uint8_t> mnva(uint32_t type, bool defaults) {
  std::vector<uint8_t> b(lo::nv_hdr::kSize + 0x40, 0);
  lo::set(b, lo::nv_hdr::length, 0x40);
  lo::set(b, lo::nv_hdr::type, type);
  lo::set(b, lo::nv_hdr::default_, defaults ? 1 : 0);
  lo::set(b, lo::nv_hdr::read_current, defaults ? 0 : 1);
  return b;
}

std::vector<uint8_t> mqis(uint32_t info_type, uint32_t offset) {
  std::vector<uint8_t> b(lo::mqis::kSize, 0);
  lo::set(b, lo::mqis::info_type, info_type);
  lo::set(b, lo::mqis::read_offset, offset);
  lo::set(b, lo::mqis::read_length, 8);
  return b;
}

std::vector<uint8_t> mcc(fw::MccInstruction instruction, uint32_t handle, uint32_t size) {
  std::vector<uint8_t> b(lo::mcc::kSize, 0);
  lo::set(b, lo::mcc::instruction, static_cast<uint32_t>(instruction));
  lo::set(b, lo::mcc::update_handle, handle);
  lo::set(b, lo::mcc::component_size, size);
  return b;
}

std::vector<uint8_t> mcda(uint32_t handle, uint32_t offset, uint32_t size) {
  std::vector<uint8_t> b(lo::mcda::kSize, 0);
  lo::set(b, lo::mcda::update_handle, handle);
  lo::set(b, lo::mcda::offset, offset);
  lo::set(b, lo::mcda::size, size);
  for (uint32_t i = 0; i < size && i < lo::mcda::kMaxDataSize; ++i) {
    b[lo::mcda::data.byte + i] = static_cast<uint8_t>(0xA0 + i);
  }
  return b;
}

std::vector<uint8_t> nvqc(uint32_t type) {
  std::vector<uint8_t> b(lo::nvqc::kSize, 0);
  lo::set(b, lo::nvqc::type, type);
  return b;
}

}  // namespace

std::vector<HostRequest> host_requests() {
  using fw::MccInstruction;
  std::vector<HostRequest> r;
  r.push_back(get("mcam_group0", lo::mcam::kId, mcam(0)));
  r.push_back(get("mcam_group2", lo::mcam::kId, mcam(2)));
  r.push_back(get("mcc_query", lo::mcc::kId, mcc(MccInstruction::kQuery, 0, 0)));
  r.push_back(get("mcqs_index0", lo::mcqs::kId, mcqs(0)));
  r.push_back(get("mcqs_index1", lo::mcqs::kId, mcqs(1)));
  r.push_back(get("mcqi_caps_pending", lo::mcqi::kId, mcqi(lo::mcqi::kInfoCapabilities, true)));
  r.push_back(get("mcqi_caps", lo::mcqi::kId, mcqi(lo::mcqi::kInfoCapabilities, false)));
  r.push_back(get("mcqi_version_pending", lo::mcqi::kId, mcqi(lo::mcqi::kInfoVersion, true)));
  r.push_back(get("mcqi_version", lo::mcqi::kId, mcqi(lo::mcqi::kInfoVersion, false)));
  r.push_back(get("mgir", lo::mgir::kId, std::vector<uint8_t>(lo::mgir::kSize, 0)));
  r.push_back(
      get("mnva_base_mac_current", lo::mnva::kId, mnva(lo::nv_base_mac_guid::kType, false)));
  r.push_back(get("mnva_base_mac_default", lo::mnva::kId, mnva(lo::nv_base_mac_guid::kType, true)));
  r.push_back(
      get("mnva_mac_cap_current", lo::mnva::kId, mnva(lo::nv_base_mac_guid_cap::kType, false)));
  r.push_back(get("mqis_name", lo::mqis::kId, mqis(lo::mqis::kInfoModelName, 0)));
  r.push_back(get("mqis_description", lo::mqis::kId, mqis(lo::mqis::kInfoModelDescription, 8)));
  r.push_back(get("mqis_device_vsd", lo::mqis::kId, mqis(lo::mqis::kInfoDeviceVsd, 0)));
  r.push_back(get("nvqc_pci_conf", lo::nvqc::kId, nvqc(lo::nv_global_pci_conf::kType)));
  r.push_back(get("nvqgc", lo::nvqgc::kId, std::vector<uint8_t>(lo::nvqgc::kSize, 0)));
  r.push_back(get("mvts", lo::mvts::kId, std::vector<uint8_t>(lo::mvts::kSize, 0)));
  r.push_back(access("mcc_lock", lo::mcc::kId, fw::AccessMethod::kSet,
                     mcc(MccInstruction::kLockUpdateHandle, 0, 0)));
  r.push_back(access("mcc_update_component", lo::mcc::kId, fw::AccessMethod::kSet,
                     mcc(MccInstruction::kUpdateComponent, 0x123456, 0x12000)));
  r.push_back(access("mcda_write", lo::mcda::kId, fw::AccessMethod::kSet,
                     mcda(0x123456, 0, lo::mcda::kMaxDataSize)));
  r.push_back(get("mcda_read", lo::mcda::kId, mcda(0x123456, 0x100, 0x40)));
  r.push_back(access("mcc_verify", lo::mcc::kId, fw::AccessMethod::kSet,
                     mcc(MccInstruction::kVerifyComponent, 0x123456, 0)));
  std::vector<uint8_t> pci_conf(lo::nv_hdr::kSize + lo::nv_global_pci_conf::kSize, 0);
  lo::set(pci_conf, lo::nv_hdr::length, lo::nv_global_pci_conf::kSize);
  lo::set(pci_conf, lo::nv_hdr::type, lo::nv_global_pci_conf::kType);
  r.push_back(access("mnva_set_pci_conf", lo::mnva::kId, fw::AccessMethod::kSet, pci_conf));
  r.push_back(HostRequest{"query_cap", lo::icmd_opcode::kQueryCap, std::vector<uint8_t>(8, 0)});
  return r;
}

}  // namespace secnic::fuzz
