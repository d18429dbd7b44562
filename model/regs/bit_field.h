// A bit field inside one 32-bit register value (not a big-endian buffer: for those use
// firmware_model/layout/be_field.h). Registers declare their fields once as constexpr BitField
// values and every read, write and test uses them.
#pragma once

#include <cstdint>

namespace secnic::model {

struct BitField {
  uint8_t lsb;    // lowest bit, 0 = least significant
  uint8_t width;  // 1..32

  constexpr uint32_t mask() const {
    return (width >= 32 ? 0xffffffffu : ((1u << width) - 1u)) << lsb;
  }
  constexpr uint32_t get(uint32_t reg) const { return (reg & mask()) >> lsb; }
  constexpr uint32_t set(uint32_t reg, uint32_t value) const {
    return (reg & ~mask()) | ((value << lsb) & mask());
  }
  constexpr uint32_t make(uint32_t value) const { return set(0, value); }
};

}  // namespace secnic::model
