#include "firmware_model/layout/be_field.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace secnic::layout {
namespace {

TEST(BeField, PacksInPrmNotation) {
  std::array<uint8_t, 16> buf{};
  constexpr Field update_handle{0x8, 0, 24};  // MCC update_handle 0x8.0-23
  constexpr Field auto_update{0x8, 31, 1};
  set(buf, update_handle, 0x123456);
  set(buf, auto_update, 1);
  EXPECT_EQ(buf[8], 0x80);
  EXPECT_EQ(buf[9], 0x12);
  EXPECT_EQ(buf[10], 0x34);
  EXPECT_EQ(buf[11], 0x56);
  EXPECT_EQ(get(buf, update_handle), 0x123456u);
  EXPECT_EQ(get(buf, auto_update), 1u);
}

TEST(BeField, SetMasksValueToWidthAndKeepsNeighbours) {
  std::array<uint8_t, 4> buf{0xff, 0xff, 0xff, 0xff};
  set(buf, Field{0, 8, 4}, 0x12);  // only the low 4 bits (0x2) fit
  EXPECT_EQ(load_be32(buf.data()), 0xfffff2ffu);
}

TEST(BeField, FullDwordAnd64Bit) {
  std::array<uint8_t, 12> buf{};
  set(buf, Field{0, 0, 32}, 0xdeadbeef);
  set(buf, Field64{4}, 0x0102030405060708ull);
  EXPECT_EQ(get(buf, Field{0, 0, 32}), 0xdeadbeefu);
  EXPECT_EQ(get(buf, Field64{4}), 0x0102030405060708ull);
  EXPECT_EQ(buf[4], 0x01);
  EXPECT_EQ(buf[11], 0x08);
}

TEST(BeField, StringsAndBounds) {
  std::array<uint8_t, 20> buf{};
  set_string(buf, Bytes{4, 16}, "MT_2420110034");
  EXPECT_EQ(get_string(buf, Bytes{4, 16}), "MT_2420110034");
  const std::vector<uint8_t> heap(buf.begin(), buf.end());
  EXPECT_THROW(get(heap, Field{20, 0, 8}), std::out_of_range);
  EXPECT_THROW(get(heap, Bytes{10, 16}), std::out_of_range);
}

}  // namespace
}  // namespace secnic::layout
