// The simulated functions of one host-tool run, as the shim reads them from SECNIC_DEVICES:
// "0000:03:00.0=card:/abs/dir;0000:04:00.0=null" (entries separated by ';', address '=' device
// spec).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tlm/hostlink/pci_address.h"

namespace secnic::hostlink {

// The environment variable that carries the device list to the shim.
inline constexpr const char* kDevicesEnvironmentVariable = "SECNIC_DEVICES";

struct DeviceAssignment {
  PciAddress address;
  std::string spec;  // "kind" or "kind:argument", see DeviceRegistry
};

// Parses a device list. An empty text is an empty list. Throws DeviceSpecError for a malformed
// entry, an empty spec or two entries at the same address; the message names the entry.
std::vector<DeviceAssignment> parse_device_list(std::string_view text);

// The inverse of parse_device_list (canonical addresses). Throws DeviceSpecError if a spec contains
// ';' (it could not be parsed back) or two entries share an address.
std::string format_device_list(const std::vector<DeviceAssignment>& devices);

}  // namespace secnic::hostlink
