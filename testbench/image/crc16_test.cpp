#include "firmware_model/image/crc16.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace secnic::image {
namespace {

TEST(Crc16, TableMatchesBitwiseDefinitionOnRandomData) {
  std::mt19937 rng(7);
  for (size_t dwords : {0u, 1u, 2u, 7u, 64u, 1000u}) {
    std::vector<uint8_t> data(dwords * 4);
    for (auto& b : data) b = static_cast<uint8_t>(rng());
    EXPECT_EQ(fs3_crc16(data.data(), dwords), fs3_crc16_bitwise(data.data(), dwords))
        << dwords << " dwords";
  }
}

TEST(Crc16, EmptyInputIsTheFlushedInitialValue) {
  // 0xFFFF through 16 zero bits, inverted: computed independently of either implementation.
  uint16_t crc = 0xFFFF;
  for (int i = 0; i < 16; ++i) crc = (crc & 0x8000) ? ((crc << 1) ^ 0x100B) & 0xFFFF : crc << 1;
  EXPECT_EQ(fs3_crc16(nullptr, 0), static_cast<uint16_t>(crc ^ 0xFFFF));
}

TEST(Crc16, DetectsEverySingleBitFlipInASmallRecord) {
  std::vector<uint8_t> data(28, 0x5A);
  const uint16_t good = fs3_crc16(data.data(), 7);
  for (size_t bit = 0; bit < data.size() * 8; ++bit) {
    data[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    EXPECT_NE(fs3_crc16(data.data(), 7), good) << "bit " << bit;
    data[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
  }
}

}  // namespace
}  // namespace secnic::image
