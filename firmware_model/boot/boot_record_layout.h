// The boot-control record: one 256-byte flash page of the journal (flash_map.h), declared once.
//
//   0x00  magic 0x534E4243 ("SNBC")
//   0x04  layout version 0x04.24-31 (= 1), active slot 0x04.0-7 (0 = A, 1 = B)
//   0x08  sequence number (32 bits; the highest valid one wins)
//   0x0C  image length in bytes (the activated component)
//   0x10  SHA-256 of the slot bytes [0, image length) as stored (FS3 magic present), 32 bytes
//   0x30  .. 0xFB reserved, 0
//   0xFC  CRC-32 (IEEE 802.3) of bytes 0x00..0xFB
#pragma once

#include <cstdint>

#include "firmware_model/layout/be_field.h"

namespace secnic::fw::boot_record {

using secnic::layout::Bytes;
using secnic::layout::Field;

constexpr uint32_t kSize = 0x100;
constexpr Field magic{0x00, 0, 32};
constexpr Field layout_version{0x04, 24, 8};
constexpr Field active_slot{0x04, 0, 8};
constexpr Field sequence{0x08, 0, 32};
constexpr Field image_length{0x0C, 0, 32};
constexpr Bytes image_sha256{0x10, 32};
constexpr Field crc32{0xFC, 0, 32};
constexpr uint32_t kCrcCoveredBytes = 0xFC;

constexpr uint32_t kMagic = 0x534E4243;  // "SNBC"
constexpr uint32_t kLayoutVersion = 1;

}  // namespace secnic::fw::boot_record
