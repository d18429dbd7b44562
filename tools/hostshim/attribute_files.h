// The read-only sysfs attribute files of a simulated function (vendor, device, class, ...),
// rendered from its config header exactly as Linux prints them. `config` itself is not an
// attribute: it is served live.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tlm/hostlink/pci_address.h"

namespace secnic::hostshim {

struct AttributeFile {
  const char* name;
  // `header` holds the first kConfigHeaderSize bytes of config space.
  std::string (*render)(const uint8_t* header, const hostlink::PciAddress& address);
};

// All attribute files, in directory-listing order: [begin, end).
const AttributeFile* attribute_files_begin();
const AttributeFile* attribute_files_end();

// The attribute called `name`, or nullptr.
const AttributeFile* find_attribute_file(std::string_view name);

}  // namespace secnic::hostshim
