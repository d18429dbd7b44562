#include "model/pcie/pcie_function.h"

#include "model/regs/model_log.h"

namespace secnic::model {

namespace {

// The capability chain: each capability's ID and the next one's offset (0 ends the list).
constexpr uint8_t kPcieCapId = 0x10;
constexpr uint8_t kVpdCapId = 0x03;
constexpr uint8_t kMsixCapId = 0x11;
constexpr uint8_t kPowerManagementCapId = 0x01;

constexpr uint32_t capability_header(uint8_t id, uint32_t next) { return id | (next << 8); }

VsecGatewayConfig vsec_config(const PcieFunctionConfig& config) {
  VsecGatewayConfig vsec = config.vsec;
  vsec.next_capability = pci_config::kPowerManagementCapability;
  return vsec;
}

}  // namespace

PcieFunction::PcieFunction(const sc_core::sc_module_name& name, VsecState& vsec_state,
                           const PcieFunctionConfig& config)
    : sc_core::sc_module(name),
      m_config(config),
      m_vsec("vsec", vsec_state, vsec_config(config)),
      m_config_space(std::string(this->name()) + ".config", pci_config::kSize) {
  declare_header();
  declare_capabilities();
}

void PcieFunction::declare_header() {
  const PcieIdentity& id = m_config.identity;
  RegisterBank& cs = m_config_space;
  cs.add_register("VENDOR_ID", 0x00, 2, id.vendor_id).read_only();
  cs.add_register("DEVICE_ID", 0x02, 2, id.device_id).read_only();
  cs.add_register("COMMAND", 0x04, 2, 0x0006).read_only();  // memory space, bus master enabled
  cs.add_register("STATUS", 0x06, 2, 0x0010).read_only();   // capability list present
  cs.add_register("REVISION_ID", 0x08, 1, id.revision_id).read_only();
  cs.add_register("PROG_IF", 0x09, 1, id.class_code & 0xff).read_only();
  cs.add_register("SUBCLASS", 0x0a, 1, (id.class_code >> 8) & 0xff).read_only();
  cs.add_register("BASE_CLASS", 0x0b, 1, (id.class_code >> 16) & 0xff).read_only();
  cs.add_register("HEADER_TYPE", 0x0e, 1, 0x00).read_only();  // type 0, single function
  cs.add_register("BAR0", 0x10, 4, 0x0000000c).read_only();   // 64-bit prefetchable memory
  cs.add_register("BAR1", 0x14, 4, 0x00000000).read_only();
  cs.add_register("SUBSYSTEM_VENDOR_ID", 0x2c, 2, id.subsystem_vendor_id).read_only();
  cs.add_register("SUBSYSTEM_ID", 0x2e, 2, id.subsystem_id).read_only();
  cs.add_register("CAPABILITIES_POINTER", pci_config::kCapabilityPointer, 1,
                  pci_config::kPcieCapability)
      .read_only();
  cs.add_register("INTERRUPT_LINE", 0x3c, 1, 0xff).read_only();
  cs.add_register("INTERRUPT_PIN", 0x3d, 1, 0x01).read_only();  // INTA#
}

void PcieFunction::declare_capabilities() {
  using namespace pci_config;
  RegisterBank& cs = m_config_space;

  // 0x60 PCI Express, version 2, endpoint; 512-byte max payload, Gen3 x8 link.
  cs.add_register("PCIE.HEADER", kPcieCapability, 2, capability_header(kPcieCapId, kVpdCapability))
      .read_only();
  cs.add_register("PCIE.CAPABILITIES", kPcieCapability + 0x02, 2, 0x0002).read_only();
  cs.add_register("PCIE.DEVICE_CAPABILITIES", kPcieCapability + 0x04, 4, 0x10008022).read_only();
  cs.add_register("PCIE.DEVICE_CONTROL", kPcieCapability + 0x08, 2, 0x2930).read_only();
  cs.add_register("PCIE.DEVICE_STATUS", kPcieCapability + 0x0a, 2, 0x0000).read_only();
  cs.add_register("PCIE.LINK_CAPABILITIES", kPcieCapability + 0x0c, 4, 0x00000083).read_only();
  cs.add_register("PCIE.LINK_CONTROL", kPcieCapability + 0x10, 2, 0x0000).read_only();
  cs.add_register("PCIE.LINK_STATUS", kPcieCapability + 0x12, 2, 0x1083).read_only();

  // 0x48 VPD (no VPD is served: the address register never reports completion).
  cs.add_register("VPD.HEADER", kVpdCapability, 2, capability_header(kVpdCapId, kMsixCapability))
      .read_only();
  cs.add_register("VPD.ADDRESS", kVpdCapability + 0x02, 2, 0x0000).read_only();
  cs.add_register("VPD.DATA", kVpdCapability + 0x04, 4, 0x00000000).read_only();

  // 0x9c MSI-X, 64 vectors, table and PBA in BAR0.
  cs.add_register("MSIX.HEADER", kMsixCapability, 2, capability_header(kMsixCapId, kVsecCapability))
      .read_only();
  cs.add_register("MSIX.MESSAGE_CONTROL", kMsixCapability + 0x02, 2, 0x003f).read_only();
  cs.add_register("MSIX.TABLE", kMsixCapability + 0x04, 4, 0x00002000).read_only();
  cs.add_register("MSIX.PBA", kMsixCapability + 0x08, 4, 0x00003000).read_only();

  // 0xc0 Mellanox VSEC gateway (its header points at 0x40).
  cs.mount(kVsecCapability, m_vsec.registers());

  // 0x40 power management, version 3, D0; last capability.
  cs.add_register("PM.HEADER", kPowerManagementCapability, 2,
                  capability_header(kPowerManagementCapId, 0))
      .read_only();
  cs.add_register("PM.CAPABILITIES", kPowerManagementCapability + 0x02, 2, 0x0003).read_only();
  cs.add_register("PM.CONTROL_STATUS", kPowerManagementCapability + 0x04, 4, 0x00000008)
      .read_only();  // No_Soft_Reset
}

bool PcieFunction::valid_access(uint32_t offset, unsigned size, const char* what) const {
  if ((size == 1 || size == 2 || size == 4) && offset < pci_config::kSize &&
      offset + size <= pci_config::kSize) {
    return true;
  }
  model_log()->warn("{}: config {} of {} bytes at {:#x} refused", name(), what, size, offset);
  return false;
}

bool PcieFunction::config_read(uint32_t offset, unsigned size, uint32_t& value) {
  if (!valid_access(offset, size, "read")) return false;
  m_config_time += m_config.config_access_time;
  return m_config_space.read_value(offset, size, value) == BankResponse::kOk;
}

bool PcieFunction::config_write(uint32_t offset, unsigned size, uint32_t value) {
  if (!valid_access(offset, size, "write")) return false;
  m_config_time += m_config.config_access_time;
  const uint32_t bytes = size == 4 ? value : value & ((1u << (8 * size)) - 1u);
  return m_config_space.write_value(offset, size, bytes) == BankResponse::kOk;
}

void PcieFunction::reset() { m_vsec.reset(); }

sc_core::sc_time PcieFunction::annotated_time() const {
  return m_config_time + m_vsec.annotated_time();
}

}  // namespace secnic::model
