// The `null` device kind: a PCI function with a ConnectX-4 Lx config header (15b3:1015, Ethernet
// class) and nothing behind it (no capabilities, no BARs). Only the command register and the other
// software-owned header bytes are writable; everything else reads as its reset value or 0. It
// answers every access, instantly.
#pragma once

#include <array>
#include <cstdint>

#include "tlm/hostlink/pci_config_port.h"
#include "tlm/hostlink/pci_header.h"

namespace secnic::hostlink {

class NullPciFunction : public PciConfigPort {
 public:
  static constexpr uint16_t kVendorId = 0x15b3;
  static constexpr uint16_t kDeviceId = 0x1015;
  static constexpr uint32_t kClassCode = 0x020000;  // network controller, Ethernet
  static constexpr uint16_t kSubsystemId = 0x0016;

  NullPciFunction();
  NullPciFunction(const NullPciFunction&) = delete;
  NullPciFunction& operator=(const NullPciFunction&) = delete;

  void reset();

  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override;

 private:
  std::array<uint8_t, kConfigSpaceSize> m_bytes{};
  std::array<uint8_t, kConfigSpaceSize> m_writable{};  // per-byte mask of software-writable bits
};

}  // namespace secnic::hostlink
