// The torn-operation function on its own: deterministic, monotone in progress, NOR-reachable.
#include "model/flash/torn_operation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace secnic::model::torn {
namespace {

std::vector<uint8_t> torn(const std::vector<uint8_t>& before, const std::vector<uint8_t>& after,
                          uint32_t progress, uint64_t key) {
  std::vector<uint8_t> out(before.size());
  tear(before.data(), after.data(), out.data(), before.size(), progress, key);
  return out;
}

TEST(TornOperation, EndpointsAreOldAndNew) {
  const std::vector<uint8_t> before(4096, 0xFF);
  const std::vector<uint8_t> after(4096, 0x00);
  EXPECT_EQ(torn(before, after, 0, 1), before);
  EXPECT_EQ(torn(before, after, kProgressComplete, 1), after);
}

TEST(TornOperation, SameKeyGivesTheSameBytesAndOtherKeysDiffer) {
  std::vector<uint8_t> before(4096), after(4096);
  for (size_t i = 0; i < before.size(); ++i) {
    before[i] = static_cast<uint8_t>(0xF0 | i);
    after[i] = static_cast<uint8_t>(before[i] & 0x3C);
  }
  const uint64_t key = operation_key(17, 4);
  EXPECT_EQ(torn(before, after, 30000, key), torn(before, after, 30000, key));
  EXPECT_NE(torn(before, after, 30000, key), torn(before, after, 30000, operation_key(17, 5)));
  EXPECT_NE(torn(before, after, 30000, key), torn(before, after, 30000, operation_key(18, 4)));
}

TEST(TornOperation, LaterCutsKeepWhatEarlierCutsHadDone) {
  const std::vector<uint8_t> before(8192, 0x00);
  const std::vector<uint8_t> after(8192, 0xFF);  // an erase
  const uint64_t key = operation_key(3, 9);
  size_t previous = 0;
  std::vector<uint8_t> earlier = torn(before, after, 0, key);
  for (uint32_t progress = 4096; progress <= kProgressComplete; progress += 4096) {
    const auto now = torn(before, after, progress, key);
    size_t complete = 0;
    for (size_t i = 0; i < now.size(); ++i) {
      EXPECT_EQ(now[i] & before[i], before[i]);  // an erase only sets bits
      if (earlier[i] == 0xFF) {
        EXPECT_EQ(now[i], 0xFF) << "byte " << i << " at " << progress;
      }
      complete += now[i] == 0xFF;
    }
    EXPECT_GE(complete, previous);
    // Roughly p of the bytes are done (the binomial spread at 8192 bytes is ~1%).
    EXPECT_NEAR(static_cast<double>(complete) / now.size(),
                static_cast<double>(progress) / kProgressComplete, 0.05);
    previous = complete;
    earlier = now;
  }
}

TEST(TornOperation, PartialBytesOnlyMoveTheBitsTheOperationMoves) {
  std::vector<uint8_t> before(4096), after(4096);
  for (size_t i = 0; i < before.size(); ++i) {
    before[i] = static_cast<uint8_t>(i * 13);
    after[i] = static_cast<uint8_t>(before[i] & 0xA5);  // a program
  }
  const auto out = torn(before, after, kProgressComplete / 2, operation_key(1, 1));
  size_t partial = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(out[i] & before[i], out[i]) << "set a bit at " << i;
    EXPECT_EQ(out[i] & after[i], after[i]) << "cleared a bit the program keeps at " << i;
    partial += out[i] != before[i] && out[i] != after[i];
  }
  EXPECT_GT(partial, 0u);
}

TEST(TornOperation, ArmedCutProgressStaysInsideTheOperation) {
  for (uint64_t seed = 0; seed < 200; ++seed) {
    const uint32_t p = cut_progress(seed * 7, seed);
    EXPECT_GE(p, kProgressComplete / 16);
    EXPECT_LE(p, kProgressComplete * 15 / 16);
    EXPECT_EQ(p, cut_progress(seed * 7, seed));
  }
  EXPECT_NE(cut_progress(1, 1), cut_progress(1, 2));
}

TEST(TornOperation, KnownValuesDoNotDrift) {
  // Campaign ids replay torn results across builds: the hash must never change.
  EXPECT_EQ(mix64(0), 0xE220A8397B1DCDAFull);
  const std::vector<uint8_t> before(8, 0xFF), after(8, 0x00);
  EXPECT_EQ(torn(before, after, kProgressComplete / 2, operation_key(5, 42)),
            (std::vector<uint8_t>{0xFF, 0x86, 0xFF, 0x00, 0x00, 0x14, 0x00, 0x13}));
}

}  // namespace
}  // namespace secnic::model::torn
