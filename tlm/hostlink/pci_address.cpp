#include "tlm/hostlink/pci_address.h"

#include <cstdio>
#include <vector>

#include "tlm/hostlink/device_spec_error.h"

namespace secnic::hostlink {
namespace {

constexpr unsigned kMaxDevice = 0x1f;
constexpr unsigned kMaxFunction = 7;

// Parses 1..max_digits hex digits; false on anything else.
bool parse_hex(std::string_view text, size_t max_digits, unsigned& value) {
  if (text.empty() || text.size() > max_digits) return false;
  value = 0;
  for (char c : text) {
    unsigned digit;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return false;
    }
    value = value * 16 + digit;
  }
  return true;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

PciAddress PciAddress::parse(std::string_view text) {
  const auto fail = [&](const char* why) -> DeviceSpecError {
    return DeviceSpecError("bad PCI address '" + std::string(text) + "': " + why +
                           " (expected BB:DD.F or DDDD:BB:DD.F in hex, e.g. 03:00.0)");
  };
  const size_t dot = text.rfind('.');
  if (dot == std::string_view::npos) throw fail("no '.' before the function number");
  const std::vector<std::string_view> fields = split(text.substr(0, dot), ':');
  if (fields.size() != 2 && fields.size() != 3) throw fail("wrong number of ':' separated fields");
  PciAddress address;
  unsigned domain = 0, bus = 0, device = 0, function = 0;
  if (fields.size() == 3 && !parse_hex(fields[0], 4, domain)) throw fail("bad domain");
  if (!parse_hex(fields[fields.size() - 2], 2, bus)) throw fail("bad bus number");
  if (!parse_hex(fields.back(), 2, device) || device > kMaxDevice) {
    throw fail("bad device number (0..1f)");
  }
  if (!parse_hex(text.substr(dot + 1), 1, function) || function > kMaxFunction) {
    throw fail("bad function number (0..7)");
  }
  address.domain = static_cast<uint16_t>(domain);
  address.bus = static_cast<uint8_t>(bus);
  address.device = static_cast<uint8_t>(device);
  address.function = static_cast<uint8_t>(function);
  return address;
}

std::string PciAddress::to_string() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04x:%02x:%02x.%x", domain, bus, device, function);
  return text;
}

}  // namespace secnic::hostlink
