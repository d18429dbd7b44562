// The PCIe function of the simulated ConnectX-4 Lx as host software sees it through config space: a
// 4 KiB config space with a type-0 header and a capability list ending in the Mellanox VSEC
// gateway. The host shim forwards every config pread/pwrite here (PciConfigPort); the VSEC gateway
// (a child module) forwards gateway transactions to the device's address spaces through its
// initiator sockets.
//
// Capability list (standard space only; the extended space 0x100.. is empty):
//   0x34 -> 0x60 PCI Express (0x10) -> 0x48 VPD (0x03) -> 0x9c MSI-X (0x11) -> 0xc0 VSEC (0x09,
//   length 0x18)
//        -> 0x40 power management (0x01) -> end
// Header and capability fields are declared read-only registers (writes ignored and logged);
// everything else reads 0. Accesses of 1, 2 or 4 bytes at any offset below 0x1000 (crossing
// register boundaries is fine); anything else is refused (config_* return false, logged).
#pragma once

#include <cstdint>
#include <systemc>

#include "model/pcie/vsec_gateway.h"
#include "model/regs/register_bank.h"
#include "tlm/hostlink/pci_config_port.h"

namespace secnic::model {

// What the type-0 header says about the function. Defaults are a ConnectX-4 Lx EN card. The tools
// read the device ID from the header: it must not be 0x1003/0x1007 (that selects another access
// method) nor equal the CR-space HW ID (that makes the device "live-fish" and disables ICMD).
struct PcieIdentity {
  uint16_t vendor_id = 0x15b3;
  uint16_t device_id = 0x1015;
  uint8_t revision_id = 0x00;
  uint32_t class_code = 0x020000;  // Ethernet controller
  uint16_t subsystem_vendor_id = 0x15b3;
  uint16_t subsystem_id = 0x0016;
};

namespace pci_config {
inline constexpr uint32_t kSize = 0x1000;
inline constexpr uint32_t kCapabilityPointer = 0x34;
inline constexpr uint32_t kPcieCapability = 0x60;
inline constexpr uint32_t kVpdCapability = 0x48;
inline constexpr uint32_t kMsixCapability = 0x9c;
inline constexpr uint32_t kVsecCapability = 0xc0;
inline constexpr uint32_t kPowerManagementCapability = 0x40;
}  // namespace pci_config

struct PcieFunctionConfig {
  PcieIdentity identity;
  VsecGatewayConfig vsec;  // next_capability is set by the function's capability chain
  // Simulated time one config access costs, added to annotated_time().
  sc_core::sc_time config_access_time = sc_core::sc_time(500, sc_core::SC_NS);
};

class PcieFunction : public sc_core::sc_module, public hostlink::PciConfigPort {
 public:
  PcieFunction(const sc_core::sc_module_name& name, VsecState& vsec_state,
               const PcieFunctionConfig& config = {});
  PcieFunction(const PcieFunction&) = delete;
  PcieFunction& operator=(const PcieFunction&) = delete;

  // hostlink::PciConfigPort. `value` is little-endian as on the bus, in the low `size` bytes.
  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override;

  VsecGateway& vsec() { return m_vsec; }
  RegisterBank& config_space() { return m_config_space; }
  const PcieIdentity& identity() const { return m_config.identity; }
  // Power-on reset of the volatile state (the VSEC gateway's).
  void reset();
  // Simulated time consumed by config accesses and the transactions they caused, since
  // construction.
  sc_core::sc_time annotated_time() const;

  const char* kind() const override { return "secnic::model::PcieFunction"; }

 private:
  void declare_header();
  void declare_capabilities();
  bool valid_access(uint32_t offset, unsigned size, const char* what) const;

  PcieFunctionConfig m_config;
  VsecGateway m_vsec;
  RegisterBank m_config_space;
  sc_core::sc_time m_config_time;
};

}  // namespace secnic::model
