#include "tools/hostshim/attribute_files.h"

#include <cstdio>

#include "tlm/hostlink/pci_header.h"

namespace secnic::hostshim {
namespace {

namespace hdr = hostlink::pci_header;
using hostlink::get_field;
using hostlink::PciAddress;

constexpr unsigned kBaseAddressRegisters =
    7;  // six BARs and the expansion ROM, as sysfs lists them

std::string hex(unsigned digits, uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%0*x\n", static_cast<int>(digits), value);
  return text;
}

std::string render_vendor(const uint8_t* header, const PciAddress&) {
  return hex(4, get_field(header, hdr::kVendorId));
}
std::string render_device(const uint8_t* header, const PciAddress&) {
  return hex(4, get_field(header, hdr::kDeviceId));
}
std::string render_subsystem_vendor(const uint8_t* header, const PciAddress&) {
  return hex(4, get_field(header, hdr::kSubsystemVendorId));
}
std::string render_subsystem_device(const uint8_t* header, const PciAddress&) {
  return hex(4, get_field(header, hdr::kSubsystemId));
}
std::string render_class(const uint8_t* header, const PciAddress&) {
  return hex(6, get_field(header, hdr::kClassCode));
}
std::string render_revision(const uint8_t* header, const PciAddress&) {
  return hex(2, get_field(header, hdr::kRevisionId));
}
std::string render_irq(const uint8_t*, const PciAddress&) { return "0\n"; }
std::string render_numa_node(const uint8_t*, const PciAddress&) { return "-1\n"; }
std::string render_resource(const uint8_t*, const PciAddress&) {
  std::string text;
  for (unsigned i = 0; i < kBaseAddressRegisters; ++i) {
    text += "0x0000000000000000 0x0000000000000000 0x0000000000000000\n";
  }
  return text;
}
std::string render_modalias(const uint8_t* header, const PciAddress&) {
  const uint32_t class_code = get_field(header, hdr::kClassCode);
  char text[96];
  std::snprintf(text, sizeof text, "pci:v%08Xd%08Xsv%08Xsd%08Xbc%02Xsc%02Xi%02X\n",
                get_field(header, hdr::kVendorId), get_field(header, hdr::kDeviceId),
                get_field(header, hdr::kSubsystemVendorId), get_field(header, hdr::kSubsystemId),
                class_code >> 16, (class_code >> 8) & 0xff, class_code & 0xff);
  return text;
}
std::string render_uevent(const uint8_t* header, const PciAddress& address) {
  char text[160];
  std::snprintf(text, sizeof text,
                "PCI_CLASS=%X\nPCI_ID=%04X:%04X\nPCI_SUBSYS_ID=%04X:%04X\nPCI_SLOT_NAME=%s\n",
                get_field(header, hdr::kClassCode), get_field(header, hdr::kVendorId),
                get_field(header, hdr::kDeviceId), get_field(header, hdr::kSubsystemVendorId),
                get_field(header, hdr::kSubsystemId), address.to_string().c_str());
  return text + std::string("MODALIAS=") + render_modalias(header, address);
}

constexpr AttributeFile kAttributeFiles[] = {
    {"class", render_class},
    {"device", render_device},
    {"irq", render_irq},
    {"modalias", render_modalias},
    {"numa_node", render_numa_node},
    {"resource", render_resource},
    {"revision", render_revision},
    {"subsystem_device", render_subsystem_device},
    {"subsystem_vendor", render_subsystem_vendor},
    {"uevent", render_uevent},
    {"vendor", render_vendor},
};

}  // namespace

const AttributeFile* attribute_files_begin() { return std::begin(kAttributeFiles); }
const AttributeFile* attribute_files_end() { return std::end(kAttributeFiles); }

const AttributeFile* find_attribute_file(std::string_view name) {
  for (const AttributeFile& file : kAttributeFiles) {
    if (name == file.name) return &file;
  }
  return nullptr;
}

}  // namespace secnic::hostshim
