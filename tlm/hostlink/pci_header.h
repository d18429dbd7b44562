// The PCI type-0 configuration header fields the host link uses, declared once. PCI config space is
// little-endian: a field is `size` bytes at `offset`, least significant byte first. The null
// function builds its header from these declarations and the shim renders the sysfs attribute files
// (vendor, device, class...) from them.
#pragma once

#include <cstdint>

namespace secnic::hostlink {

inline constexpr uint32_t kConfigSpaceSize =
    0x1000;  // PCIe extended config space, as sysfs serves it
inline constexpr uint32_t kConfigHeaderSize = 0x40;  // the type-0 header

struct ConfigField {
  uint16_t offset;
  uint8_t size;  // 1..4
};

namespace pci_header {
inline constexpr ConfigField kVendorId{0x00, 2};
inline constexpr ConfigField kDeviceId{0x02, 2};
inline constexpr ConfigField kCommand{0x04, 2};
inline constexpr ConfigField kStatus{0x06, 2};
inline constexpr ConfigField kRevisionId{0x08, 1};
inline constexpr ConfigField kClassCode{0x09, 3};
inline constexpr ConfigField kCacheLineSize{0x0c, 1};
inline constexpr ConfigField kHeaderType{0x0e, 1};
inline constexpr ConfigField kSubsystemVendorId{0x2c, 2};
inline constexpr ConfigField kSubsystemId{0x2e, 2};
inline constexpr ConfigField kCapabilitiesPointer{0x34, 1};
inline constexpr ConfigField kInterruptLine{0x3c, 1};
}  // namespace pci_header

// Reads a field from a buffer holding config space from offset 0. The caller guarantees the buffer
// covers the field (header fields lie inside kConfigHeaderSize).
inline uint32_t get_field(const uint8_t* config, ConfigField field) {
  uint32_t value = 0;
  for (unsigned i = 0; i < field.size; ++i) value |= uint32_t{config[field.offset + i]} << (8 * i);
  return value;
}
inline void set_field(uint8_t* config, ConfigField field, uint32_t value) {
  for (unsigned i = 0; i < field.size; ++i) {
    config[field.offset + i] = static_cast<uint8_t>(value >> (8 * i));
  }
}

}  // namespace secnic::hostlink
