// The access registers a script can name, with their id, size and named fields, taken from the one
// layout declaration the firmware uses too (firmware_model/layout/register_layouts.h). A field may
// name a NameTable, so a script writes `control_state: IDLE` instead of 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/layout/be_field.h"
#include "tools/hostdrv/protocol_names.h"

namespace secnic::hostdrv {

struct RegisterField {
  std::string name;
  layout::Field field;
  std::optional<NameTable> names;  // symbolic values, when the field has them
};

struct RegisterDescription {
  std::string name;
  uint16_t id = 0;
  uint32_t size = 0;
  std::vector<RegisterField> fields;

  const RegisterField* field(const std::string& field_name) const;
};

// By name ("MCC", case-insensitive) or by id; nullptr when the catalogue does not describe it.
const RegisterDescription* find_register(const std::string& name);
const RegisterDescription* find_register(uint16_t id);
// "MCC, MCDA, ..." for error messages.
std::string register_names();

}  // namespace secnic::hostdrv
