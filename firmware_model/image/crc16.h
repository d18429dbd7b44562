// The FS3 CRC16: polynomial 0x100B, initial value 0xFFFF, the data fed as big-endian dwords MSB
// first, then 16 zero bits, the result inverted. Used for BOOT2, the ITOC header and entries, and
// sections.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::image {

// CRC16 over `dwords` big-endian dwords starting at `data`.
uint16_t fs3_crc16(const uint8_t* data, size_t dwords);

// The same CRC computed one bit at a time, exactly as the format defines it (a reference for
// tests).
uint16_t fs3_crc16_bitwise(const uint8_t* data, size_t dwords);

}  // namespace secnic::image
