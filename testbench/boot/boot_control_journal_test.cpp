#include "firmware_model/boot/boot_control_journal.h"

#include <gtest/gtest.h>

#include "firmware_model/boot/boot_record_layout.h"
#include "firmware_model/crypto/digest.h"
#include "testbench/boot/memory_flash.h"

namespace secnic::fw {
namespace {

using test::CutMode;
using test::MemoryFlash;

std::array<uint8_t, 32> digest_of(uint32_t n) {
  std::array<uint8_t, 32> d{};
  for (size_t i = 0; i < d.size(); ++i) d[i] = static_cast<uint8_t>(n * 31 + i);
  return d;
}

FlashSlot slot_for(uint32_t n) { return n % 2 ? FlashSlot::kB : FlashSlot::kA; }

// Appends records 1..n (slot alternating, length = 0x1000 * n).
void append_n(BootControlJournal& j, uint32_t n) {
  for (uint32_t i = 1; i <= n; ++i) {
    ASSERT_EQ(j.append(slot_for(i), 0x1000 * i, digest_of(i)), FlashResult::kOk) << i;
  }
}

JournalScan scan(MemoryFlash& flash) {
  BootControlJournal j(flash);
  JournalScan s;
  EXPECT_EQ(j.scan(s), FlashResult::kOk);
  return s;
}

TEST(BootControlJournal, EmptyJournalPrefersSlotA) {
  MemoryFlash flash;
  BootControlJournal j(flash);
  JournalScan s;
  ASSERT_EQ(j.scan(s), FlashResult::kOk);
  EXPECT_FALSE(s.latest);
  EXPECT_EQ(s.valid_records, 0u);
  EXPECT_EQ(s.damaged_pages, 0u);
  FlashSlot slot = FlashSlot::kB;
  ASSERT_EQ(j.preferred_slot(slot), FlashResult::kOk);
  EXPECT_EQ(slot, FlashSlot::kA);
}

TEST(BootControlJournal, AppendIsReadBack) {
  MemoryFlash flash;
  BootControlJournal j(flash);
  BootRecord written;
  ASSERT_EQ(j.append(FlashSlot::kB, 0x108100, digest_of(7), &written), FlashResult::kOk);
  EXPECT_EQ(written.sequence, 1u);
  const JournalScan s = scan(flash);
  ASSERT_TRUE(s.latest);
  EXPECT_EQ(s.latest->sequence, 1u);
  EXPECT_EQ(s.latest->active_slot, FlashSlot::kB);
  EXPECT_EQ(s.latest->image_length, 0x108100u);
  EXPECT_EQ(s.latest->image_sha256, digest_of(7));
  EXPECT_EQ(s.latest_subsector, 0u);
  EXPECT_EQ(s.latest_index, 0u);
  // It is one 256-byte page at the start of the journal sector, nothing else was written.
  EXPECT_EQ(flash.op_count(), 1u);
  EXPECT_NE(flash.data()[kJournalBase], 0xFF);
  EXPECT_EQ(flash.data()[kJournalBase + kJournalRecordSize], 0xFF);
  FlashSlot slot = FlashSlot::kA;
  ASSERT_EQ(j.preferred_slot(slot), FlashResult::kOk);
  EXPECT_EQ(slot, FlashSlot::kB);
}

TEST(BootControlJournal, PingPongsBetweenTheTwoSubsectors) {
  MemoryFlash flash;
  BootControlJournal j(flash);
  append_n(j, 16);
  JournalScan s = scan(flash);
  EXPECT_EQ(s.latest->sequence, 16u);
  EXPECT_EQ(s.latest_subsector, 0u);
  EXPECT_EQ(s.latest_index, 15u);
  // The 17th record goes to subsector 1 (erased first); subsector 0 keeps its older records.
  ASSERT_EQ(j.append(FlashSlot::kA, 0x11000, digest_of(17)), FlashResult::kOk);
  s = scan(flash);
  EXPECT_EQ(s.latest->sequence, 17u);
  EXPECT_EQ(s.latest_subsector, 1u);
  EXPECT_EQ(s.latest_index, 0u);
  EXPECT_EQ(s.valid_records, 17u);
  for (uint32_t i = 18; i <= 40; ++i) {
    ASSERT_EQ(j.append(slot_for(i), 0x1000, digest_of(i)), FlashResult::kOk);
  }
  s = scan(flash);
  EXPECT_EQ(s.latest->sequence, 40u);
  EXPECT_EQ(s.latest->active_slot, slot_for(40));
  // 1..16 in subsector 0, 17..32 in subsector 1, 33.. in subsector 0 again (erased when 33 came).
  EXPECT_EQ(s.latest_subsector, 0u);
  EXPECT_EQ(s.latest_index, 7u);
  EXPECT_EQ(s.valid_records, 8u + 16u);
  EXPECT_EQ(s.damaged_pages, 0u);
  EXPECT_EQ(flash.data()[journal_record_address(0, 8)], 0xFF);
}

TEST(BootControlJournal, TornLatestRecordLetsThePreviousOneWin) {
  MemoryFlash flash;
  BootControlJournal j(flash);
  append_n(j, 3);
  flash.data()[journal_record_address(0, 2) + 0x20] ^= 0x01;  // record 3 damaged
  const JournalScan s = scan(flash);
  ASSERT_TRUE(s.latest);
  EXPECT_EQ(s.latest->sequence, 2u);
  EXPECT_EQ(s.damaged_pages, 1u);
  // The next record skips the damaged page.
  ASSERT_EQ(j.append(FlashSlot::kA, 0x100, digest_of(9)), FlashResult::kOk);
  const JournalScan t = scan(flash);
  EXPECT_EQ(t.latest->sequence, 3u);
  EXPECT_EQ(t.latest_index, 3u);
}

TEST(BootControlJournal, DecodeRefusesEverythingButAValidRecord) {
  BootRecord r;
  r.sequence = 5;
  r.active_slot = FlashSlot::kB;
  r.image_length = 0x1000;
  auto page = encode_boot_record(r);
  ASSERT_TRUE(decode_boot_record(page.data(), page.size()));
  EXPECT_FALSE(decode_boot_record(page.data(), 100));
  auto bad_magic = page;
  bad_magic[0] ^= 1;
  EXPECT_FALSE(decode_boot_record(bad_magic.data(), bad_magic.size()));
  auto bad_crc = page;
  bad_crc[0x40] ^= 1;
  EXPECT_FALSE(decode_boot_record(bad_crc.data(), bad_crc.size()));
  auto erased = page;
  erased.fill(0xFF);
  EXPECT_FALSE(decode_boot_record(erased.data(), erased.size()));
  r.image_length = kSlotMaxSize + 4;
  auto too_long = encode_boot_record(r);
  EXPECT_FALSE(decode_boot_record(too_long.data(), too_long.size()));
  r.image_length = 0x1000;
  r.active_slot = static_cast<FlashSlot>(2);
  auto bad_slot = encode_boot_record(r);
  EXPECT_FALSE(decode_boot_record(bad_slot.data(), bad_slot.size()));
}

TEST(BootControlJournal, RefusesToWrapTheSequenceOrWriteNonsense) {
  MemoryFlash flash;
  BootRecord last;
  last.sequence = UINT32_MAX;
  const auto page = encode_boot_record(last);
  flash.load(kJournalBase, std::vector<uint8_t>(page.begin(), page.end()));
  BootControlJournal j(flash);
  EXPECT_EQ(j.append(FlashSlot::kB, 0x100, digest_of(1)), FlashResult::kDeviceError);
  EXPECT_EQ(j.append(FlashSlot::kB, kSlotMaxSize + 1, digest_of(1)), FlashResult::kDeviceError);
  EXPECT_EQ(flash.op_count(), 0u);
}

TEST(BootControlJournal, FlashErrorsArePassedOn) {
  MemoryFlash flash;
  flash.fail_reads(kJournalBase, kFlashSize);
  BootControlJournal j(flash);
  JournalScan s;
  EXPECT_EQ(j.scan(s), FlashResult::kDeviceError);
  FlashSlot slot;
  EXPECT_EQ(j.preferred_slot(slot), FlashResult::kDeviceError);
  EXPECT_EQ(j.append(FlashSlot::kA, 1, digest_of(1)), FlashResult::kDeviceError);
}

// Cut the power at every flash operation of an append (before, torn with several seeds, after),
// from states where the append stays in its subsector and where it must erase the other one.
// Afterwards the journal names either the old latest record or the complete new one, and the next
// append works.
class JournalPowerCut : public ::testing::TestWithParam<uint32_t> {};

TEST_P(JournalPowerCut, OldOrNewNeverAnythingElse) {
  const uint32_t existing = GetParam();  // records before the interrupted append
  for (CutMode mode : {CutMode::kBeforeOp, CutMode::kTornOp, CutMode::kAfterOp}) {
    for (uint64_t seed = 1; seed <= (mode == CutMode::kTornOp ? 6u : 1u); ++seed) {
      for (uint64_t k = 0;; ++k) {
        MemoryFlash flash;
        BootControlJournal j(flash);
        append_n(j, existing);
        const uint32_t next = existing + 1;
        flash.arm_cut(k, mode, seed);
        const FlashResult r = j.append(slot_for(next), 0x1000 * next, digest_of(next));
        if (r == FlashResult::kOk) break;  // k is past the last operation of the append
        ASSERT_EQ(r, FlashResult::kPowerLost);
        flash.power_on();
        const JournalScan s = scan(flash);
        const std::string where =
            "existing " + std::to_string(existing) + " op " + std::to_string(k) + " mode " +
            std::to_string(static_cast<int>(mode)) + " seed " + std::to_string(seed);
        if (existing == 0) {
          if (s.latest) {
            EXPECT_EQ(s.latest->sequence, next) << where;
          }
        } else {
          ASSERT_TRUE(s.latest) << where;
          EXPECT_TRUE(s.latest->sequence == existing || s.latest->sequence == next) << where;
        }
        if (s.latest) {
          const uint32_t n = s.latest->sequence;
          EXPECT_EQ(s.latest->active_slot, slot_for(n)) << where;
          EXPECT_EQ(s.latest->image_length, 0x1000 * n) << where;
          EXPECT_EQ(s.latest->image_sha256, digest_of(n)) << where;
        }
        // Recovery: the next append lands and wins.
        const uint32_t after = s.latest ? s.latest->sequence + 1 : 1;
        ASSERT_EQ(j.append(FlashSlot::kB, 0x2000, digest_of(99)), FlashResult::kOk) << where;
        const JournalScan t = scan(flash);
        ASSERT_TRUE(t.latest) << where;
        EXPECT_EQ(t.latest->sequence, after) << where;
        EXPECT_EQ(t.latest->active_slot, FlashSlot::kB) << where;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(States, JournalPowerCut,
                         ::testing::Values(0u, 1u, 7u, 15u, 16u, 31u, 32u));

TEST(SlotSha256, HashesTheSlotBytesAsStored) {
  MemoryFlash flash;
  std::vector<uint8_t> bytes(0x23456);
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<uint8_t>(i * 7);
  flash.load(kSlotBBase, bytes);
  std::array<uint8_t, 32> d{};
  ASSERT_EQ(slot_sha256(flash, FlashSlot::kB, static_cast<uint32_t>(bytes.size()), d),
            FlashResult::kOk);
  const auto expected = crypto::sha256(bytes.data(), bytes.size());
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), d.begin()));
  EXPECT_EQ(slot_sha256(flash, FlashSlot::kB, kSlotMaxSize + 1, d), FlashResult::kOutOfRange);
}

}  // namespace
}  // namespace secnic::fw
