// A PCI function address (domain:bus:device.function) as the host names it: "03:00.0",
// "0000:03:00.0".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace secnic::hostlink {

struct PciAddress {
  uint16_t domain = 0;
  uint8_t bus = 0;
  uint8_t device = 0;    // 0..0x1f
  uint8_t function = 0;  // 0..7

  // Accepts "BB:DD.F" and "DDDD:BB:DD.F" in hex (either case). Throws DeviceSpecError naming the
  // text.
  static PciAddress parse(std::string_view text);

  // The sysfs spelling: "0000:03:00.0" (lowercase, zero-padded).
  std::string to_string() const;

  friend bool operator==(const PciAddress& a, const PciAddress& b) {
    return a.domain == b.domain && a.bus == b.bus && a.device == b.device &&
           a.function == b.function;
  }
  friend bool operator!=(const PciAddress& a, const PciAddress& b) { return !(a == b); }
};

}  // namespace secnic::hostlink
