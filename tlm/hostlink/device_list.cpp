#include "tlm/hostlink/device_list.h"

#include "tlm/hostlink/device_spec_error.h"

namespace secnic::hostlink {
namespace {

void check_unique(const std::vector<DeviceAssignment>& devices) {
  for (size_t i = 0; i < devices.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (devices[i].address == devices[j].address) {
        throw DeviceSpecError("two devices at " + devices[i].address.to_string() + " ('" +
                              devices[j].spec + "' and '" + devices[i].spec + "')");
      }
    }
  }
}

}  // namespace

std::vector<DeviceAssignment> parse_device_list(std::string_view text) {
  std::vector<DeviceAssignment> devices;
  if (text.empty()) return devices;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(';', start);
    const std::string_view entry =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    const size_t equals = entry.find('=');
    if (equals == std::string_view::npos) {
      throw DeviceSpecError("bad device list entry '" + std::string(entry) +
                            "': expected ADDRESS=SPEC, e.g. 0000:03:00.0=null");
    }
    DeviceAssignment device;
    device.address = PciAddress::parse(entry.substr(0, equals));
    device.spec = std::string(entry.substr(equals + 1));
    if (device.spec.empty()) {
      throw DeviceSpecError("bad device list entry '" + std::string(entry) +
                            "': empty device spec");
    }
    devices.push_back(std::move(device));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  check_unique(devices);
  return devices;
}

std::string format_device_list(const std::vector<DeviceAssignment>& devices) {
  check_unique(devices);
  std::string text;
  for (const DeviceAssignment& device : devices) {
    if (device.spec.empty() || device.spec.find(';') != std::string::npos) {
      throw DeviceSpecError("device spec '" + device.spec + "' for " + device.address.to_string() +
                            " is empty or contains ';'");
    }
    if (!text.empty()) text += ';';
    text += device.address.to_string() + '=' + device.spec;
  }
  return text;
}

}  // namespace secnic::hostlink
