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

// Within sixteen shifts a message bit never reaches the top bit, so sixteen message bits move the
// register to msg16 ^ F(crc), F being sixteen zero-bit shifts of the old register. F is linear, so
// it is the XOR of a table for the high byte and one for the low byte.
constexpr uint16_t shift_zero_bits(uint16_t crc, int n) {
  for (int i = 0; i < n; ++i) crc = shift_bit(crc, 0);
  return crc;
}
struct FeedbackTables {
  std::array<uint16_t, 256> high{};
  std::array<uint16_t, 256> low{};
};
constexpr FeedbackTables make_feedback_tables() {
  FeedbackTables t{};
  for (uint32_t v = 0; v < 256; ++v) {
    t.high[v] = shift_zero_bits(static_cast<uint16_t>(v << 8), 16);
    t.low[v] = shift_zero_bits(static_cast<uint16_t>(v), 16);
  }
  return t;
}
constexpr FeedbackTables kFeedback = make_feedback_tables();

inline uint16_t shift_halfword(uint16_t crc, uint16_t message) {
  return static_cast<uint16_t>(message ^ kFeedback.high[crc >> 8] ^ kFeedback.low[crc & 0xFF]);
}

}  // namespace

uint16_t fs3_crc16(const uint8_t* data, size_t dwords) {
  uint16_t crc = 0xFFFF;
  const size_t n = dwords * 4;
  for (size_t i = 0; i < n; i += 2) {
    crc = shift_halfword(crc, static_cast<uint16_t>(data[i] << 8 | data[i + 1]));
  }
  crc = shift_halfword(crc, 0);  // the 16 flushed zero bits
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
