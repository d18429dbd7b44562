#include "firmware_model/regs/device_profile.h"

#include <stdexcept>
#include <string>

#include "firmware_model/layout/register_layouts.h"

namespace secnic::fw {
namespace {

[[noreturn]] void reject(const std::string& field, const std::string& why) {
  throw std::invalid_argument("device profile: " + field + " " + why);
}

}  // namespace

void DeviceProfile::validate() const {
  if (psid.empty() || psid.size() > layout::mgir::psid.length) {
    reject("psid", "must have 1.." + std::to_string(layout::mgir::psid.length) + " characters");
  }
  if (base_mac >> 48) reject("base_mac", "is wider than 48 bits");
  if (num_ports == 0) reject("num_ports", "must be at least 1");
  if (pci_device_id == hw_dev_id) {
    reject("pci_device_id", "equals hw_dev_id (the tools would see a live-fish card)");
  }
  // MQIS info_length is 16 bits; keep the strings printable lengths.
  constexpr size_t kMaxInfoString = 0xFFFF;
  if (part_number.size() > kMaxInfoString) reject("part_number", "is too long for MQIS");
  if (description.size() > kMaxInfoString) reject("description", "is too long for MQIS");
  if (part_number.find('\0') != std::string::npos) reject("part_number", "contains a NUL");
  if (description.find('\0') != std::string::npos) reject("description", "contains a NUL");
  if (max_component_size == 0) reject("max_component_size", "must not be 0");
}

}  // namespace secnic::fw
