// The FS3 image magic (big-endian dwords 4D544657 8CDFD000 DEAD9270 4154BEEF at image offset 0).
// The tool sends it as 0xFF bytes; the firmware programs it into the slot once the component has
// been verified.
#pragma once

#include <array>
#include <cstdint>

namespace secnic::fw {

inline constexpr std::array<uint8_t, 16> kFs3Magic = {
    0x4D, 0x54, 0x46, 0x57, 0x8C, 0xDF, 0xD0, 0x00, 0xDE, 0xAD, 0x92, 0x70, 0x41, 0x54, 0xBE, 0xEF};

}  // namespace secnic::fw
