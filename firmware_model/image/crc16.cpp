#include "firmware_model/image/crc16.h"

#include <array>

namespace secnic::image {
namespace {

constexpr uint16_t kPoly = 0x100B;

// One message bit shifted into the register (the augmented, message-in-at-the-bottom form).
constexpr uint16_t shift_bit(uint16_t crc, uint32_t bit) {
  const bool top = (crc & 0x8000) != 0;
  crc = static_cast<uint16_t>((crc << 1) | bit);
  return top ? static_cast<uint16_t>(crc ^ kPoly) : crc;
}

// Within eight shifts a message bit never reaches the top bit, so the feedback of a byte step
// depends on the register's high byte only: the step is (crc << 8 | byte) ^ kFeedback[crc >> 8].
constexpr std::array<uint16_t, 256> make_feedback_table() {
  std::array<uint16_t, 256> t{};
  for (uint32_t h = 0; h < 256; ++h) {
    uint16_t crc = static_cast<uint16_t>(h << 8);
    for (int i = 0; i < 8; ++i) crc = shift_bit(crc, 0);
    t[h] = crc;
  }
  return t;
}
constexpr std::array<uint16_t, 256> kFeedback = make_feedback_table();

inline uint16_t shift_byte(uint16_t crc, uint8_t byte) {
  return static_cast<uint16_t>(((crc << 8) | byte) ^ kFeedback[crc >> 8]);
}

}  // namespace

uint16_t fs3_crc16(const uint8_t* data, size_t dwords) {
  uint16_t crc = 0xFFFF;
  const size_t n = dwords * 4;
  for (size_t i = 0; i < n; ++i) crc = shift_byte(crc, data[i]);
  crc = shift_byte(shift_byte(crc, 0), 0);
  return static_cast<uint16_t>(crc ^ 0xFFFF);
}

uint16_t fs3_crc16_bitwise(const uint8_t* data, size_t dwords) {
  uint16_t crc = 0xFFFF;
  for (size_t i = 0; i < dwords * 4; ++i) {
    for (int b = 7; b >= 0; --b) crc = shift_bit(crc, (data[i] >> b) & 1u);
  }
  for (int i = 0; i < 16; ++i) crc = shift_bit(crc, 0);
  return static_cast<uint16_t>(crc ^ 0xFFFF);
}

}  // namespace secnic::image
