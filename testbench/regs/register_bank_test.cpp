// The register declaration framework: policies, masks, hooks, external storage, decoding of
// accesses of any size and alignment, unmapped and out-of-range answers, memory regions, windows
// and mounted banks.
#include "model/regs/register_bank.h"

#include <gtest/gtest.h>

#include <array>
#include <stdexcept>

#include "model/regs/bit_field.h"
#include "model/regs/semaphore_word.h"
#include "model/regs/state_layout.h"
#include "testbench/regs/model_log_capture.h"

namespace secnic::model {
namespace {

using testing::ModelLogCapture;

uint32_t read32(RegisterBank& bank, uint64_t offset, bool debug = false) {
  uint32_t value = 0xdeadbeef;
  EXPECT_EQ(bank.read_value(offset, 4, value, debug), BankResponse::kOk);
  return value;
}

TEST(RegisterTest, ReadOnlyKeepsResetValueAndLogsWrites) {
  ModelLogCapture log;
  RegisterBank bank("bank", 0x100);
  bank.add_register("ID", 0x10, 4, 0x1234abcd).read_only();
  EXPECT_EQ(bank.write_value(0x10, 4, 0xffffffff), BankResponse::kOk);
  EXPECT_EQ(read32(bank, 0x10), 0x1234abcdu);
  EXPECT_TRUE(log.contains({"warn", "read-only register ID"}));
}

TEST(RegisterTest, WritableMaskProtectsOtherBits) {
  RegisterBank bank("bank", 0x100);
  bank.add_register("CTRL", 0x0, 4, 0xa0000000).writable_bits(0x0000ffff);
  bank.write_value(0x0, 4, 0x5555aaaa);
  EXPECT_EQ(read32(bank, 0x0), 0xa000aaaau);
}

TEST(RegisterTest, WriteOneToClearAndSet) {
  RegisterBank bank("bank", 0x100);
  bank.add_register("EVENTS", 0x0, 4, 0xff).write_one_to_clear();
  bank.add_register("ENABLES", 0x4, 4, 0x01).write_one_to_set();
  bank.write_value(0x0, 4, 0x0f);
  bank.write_value(0x4, 4, 0x80);
  EXPECT_EQ(read32(bank, 0x0), 0xf0u);
  EXPECT_EQ(read32(bank, 0x4), 0x81u);
}

TEST(RegisterTest, WriteOnlyReadsZeroExceptForDebug) {
  RegisterBank bank("bank", 0x100);
  bank.add_register("KEY", 0x0, 4).write_only();
  bank.write_value(0x0, 4, 0x600dcafe);
  EXPECT_EQ(read32(bank, 0x0), 0u);
  EXPECT_EQ(read32(bank, 0x0, /*debug=*/true), 0x600dcafeu);
}

TEST(RegisterTest, HooksRunOncePerAccessAndNotForDebug) {
  RegisterBank bank("bank", 0x100);
  int reads = 0;
  int writes = 0;
  uint32_t word = 0;
  bank.add_register("TICKET", 0x0, 4).storage(word).on_read([&] { return ++reads; });
  bank.add_register("DOORBELL", 0x4, 4)
      .on_write([](uint32_t proposed, uint32_t) { return proposed | 0x100; })
      .after_write([&](uint32_t stored) { writes += stored == 0x1ff ? 1 : 100; });

  uint8_t bytes[8] = {};
  EXPECT_EQ(bank.read(0x0, bytes, 8), BankResponse::kOk);  // one read of TICKET covers 4 lanes
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(bytes[0], 1);
  read32(bank, 0x0, /*debug=*/true);
  EXPECT_EQ(reads, 1);

  bank.write_value(0x4, 1, 0xff);
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(read32(bank, 0x4), 0x1ffu);
  bank.write_value(0x4, 4, 0x0, /*debug=*/true);
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(read32(bank, 0x4), 0u);
}

TEST(RegisterTest, ExternalStorageIsNotResetByDeclarationButByBankReset) {
  uint32_t word = 0x77;
  RegisterBank bank("bank", 0x100);
  bank.add_register("STATE", 0x8, 4, 0x5).storage(word);
  EXPECT_EQ(read32(bank, 0x8), 0x77u);
  bank.write_value(0x8, 4, 0x99);
  EXPECT_EQ(word, 0x99u);
  bank.reset();
  EXPECT_EQ(word, 0x5u);
}

TEST(RegisterTest, DeclarationErrorsThrow) {
  RegisterBank bank("bank", 0x100);
  bank.add_register("A", 0x10, 4);
  EXPECT_THROW(bank.add_register("B", 0x12, 2), std::logic_error);
  EXPECT_THROW(bank.add_register("C", 0x0e, 4), std::logic_error);
  EXPECT_THROW(bank.add_register("D", 0xfe, 4), std::logic_error);
  EXPECT_THROW(bank.add_register("E", 0x20, 3), std::invalid_argument);
  EXPECT_THROW(bank.add_register("F", 0x20, 1, 0x100), std::invalid_argument);
  bank.add_register("G", 0x14, 2);  // adjacent declarations are fine
  EXPECT_EQ(bank.find_register("G"), bank.register_at(0x14));
  EXPECT_EQ(bank.register_at(0x15), nullptr);
  EXPECT_EQ(bank.find_register("B"), nullptr);
}

TEST(RegisterBankTest, AccessesOfAnyAlignmentSplitAcrossRegisters) {
  RegisterBank bank("bank", 0x100);
  bank.add_register("LO", 0x0, 2, 0x2211).read_only();
  bank.add_register("HI", 0x2, 2, 0x4433).read_only();
  bank.add_register("B4", 0x4, 1, 0x55).read_only();
  bank.add_register("W", 0x8, 4, 0x99887766).read_only();
  EXPECT_EQ(read32(bank, 0x0), 0x44332211u);
  EXPECT_EQ(read32(bank, 0x1), 0x55443322u);
  uint32_t value = 0;
  bank.read_value(0x3, 2, value);
  EXPECT_EQ(value, 0x5544u);
  EXPECT_EQ(read32(bank, 0x6), 0x77660000u);  // 0x5-0x7 unmapped read as 0
  bank.read_value(0xb, 1, value);
  EXPECT_EQ(value, 0x99u);
}

TEST(RegisterBankTest, PartialWritesTouchOnlyTheirByteLanes) {
  RegisterBank bank("bank", 0x100);
  bank.add_register("R0", 0x0, 4, 0x11111111);
  bank.add_register("R1", 0x4, 4, 0x22222222);
  bank.write_value(0x3, 2, 0xbbaa);  // last byte of R0, first byte of R1
  EXPECT_EQ(read32(bank, 0x0), 0xaa111111u);
  EXPECT_EQ(read32(bank, 0x4), 0x222222bbu);
}

TEST(RegisterBankTest, UnmappedReadsZeroAndIgnoresWritesByDefault) {
  ModelLogCapture log;
  RegisterBank bank("bank", 0x100);
  EXPECT_EQ(bank.write_value(0x40, 4, 0x12345678), BankResponse::kOk);
  EXPECT_EQ(read32(bank, 0x40), 0u);
  EXPECT_TRUE(log.contains({"debug", "unmapped"}));
}

TEST(RegisterBankTest, AddressErrorPolicyFailsBeforeAnySideEffect) {
  ModelLogCapture log;
  RegisterBank bank("bank", 0x100, UnmappedAccess::kAddressError);
  int reads = 0;
  int writes = 0;
  bank.add_register("R", 0x0, 4).on_read([&] { return ++reads; }).after_write([&](uint32_t) {
    ++writes;
  });
  uint8_t bytes[8] = {};
  EXPECT_EQ(bank.read(0x0, bytes, 8), BankResponse::kAddressError);
  EXPECT_EQ(bank.write(0x0, bytes, 8), BankResponse::kAddressError);
  EXPECT_EQ(reads, 0);
  EXPECT_EQ(writes, 0);
  EXPECT_TRUE(log.contains({"warn", "unmapped address 0x4"}));
}

TEST(RegisterBankTest, OutsideTheBankIsAnAddressError) {
  RegisterBank bank("bank", 0x100);
  uint32_t value = 0;
  EXPECT_EQ(bank.read_value(0xfe, 4, value), BankResponse::kAddressError);
  EXPECT_EQ(bank.write_value(0x100, 1, 0), BankResponse::kAddressError);
  EXPECT_EQ(bank.read_value(0xffffffffffffffffull, 4, value), BankResponse::kAddressError);
  EXPECT_EQ(bank.read_value(0xfc, 4, value), BankResponse::kOk);
  uint8_t byte = 0;
  EXPECT_EQ(bank.read(0x1000, &byte, 0), BankResponse::kOk);  // empty access: nothing to do
}

TEST(RegisterBankTest, BigEndianRegionMapsDwordValuesToByteOrder) {
  std::array<uint8_t, 8> storage{};
  RegisterBank bank("bank", 0x100);
  bank.add_region("MAILBOX", 0x10, 8, storage.data(), ByteOrder::kBigEndianDwords);
  bank.write_value(0x10, 4, 0x00010203);
  EXPECT_EQ(storage[0], 0x00);
  EXPECT_EQ(storage[1], 0x01);
  EXPECT_EQ(storage[3], 0x03);
  bank.write_value(0x17, 1, 0xee);  // most significant byte of dword 1 = storage byte 4
  EXPECT_EQ(storage[4], 0xee);
  storage[6] = 0x66;
  EXPECT_EQ(read32(bank, 0x14), 0xee006600u);
  EXPECT_THROW(bank.add_region("ODD", 0x40, 6, storage.data(), ByteOrder::kBigEndianDwords),
               std::invalid_argument);
}

TEST(RegisterBankTest, LittleEndianAndReadOnlyRegions) {
  ModelLogCapture log;
  std::array<uint8_t, 4> rom{{0x11, 0x22, 0x33, 0x44}};
  RegisterBank bank("bank", 0x100);
  bank.add_region("ROM", 0x0, 4, rom.data(), ByteOrder::kLittleEndian, /*writable=*/false);
  EXPECT_EQ(read32(bank, 0x0), 0x44332211u);
  bank.write_value(0x0, 4, 0);
  EXPECT_EQ(rom[0], 0x11);
  EXPECT_TRUE(log.contains({"warn", "read-only ROM"}));
}

TEST(RegisterBankTest, MountedBankAndWindowsSeeRelativeOffsets) {
  RegisterBank child("child", 0x18);
  child.add_register("C0", 0x0, 4, 0xc0c0c0c0).read_only();
  child.add_register("C4", 0x4, 4);
  RegisterBank parent("parent", 0x1000);
  parent.mount(0xc0, child);
  uint32_t seen_offset = 0;
  parent.add_window(
      "W", 0x200, 0x10,
      [&](uint32_t offset, uint8_t* data, uint32_t length, bool) {
        seen_offset = offset;
        for (uint32_t i = 0; i < length; ++i) data[i] = static_cast<uint8_t>(0xa0 + i);
        return BankResponse::kOk;
      },
      [](uint32_t, const uint8_t*, uint32_t, bool) { return BankResponse::kAddressError; });

  EXPECT_EQ(read32(parent, 0xc0), 0xc0c0c0c0u);
  parent.write_value(0xc4, 4, 0x1234);
  EXPECT_EQ(read32(child, 0x4), 0x1234u);
  EXPECT_EQ(read32(parent, 0xbe), 0xc0c00000u);  // spans unmapped parent bytes and the child
  EXPECT_EQ(read32(parent, 0x208), 0xa3a2a1a0u);
  EXPECT_EQ(seen_offset, 8u);
  EXPECT_EQ(parent.write_value(0x208, 4, 0), BankResponse::kAddressError);
  EXPECT_THROW(parent.mount(0xd0, child), std::logic_error);
}

TEST(BitFieldTest, GetSetMake) {
  constexpr BitField status{29, 3};
  static_assert(status.mask() == 0xe0000000u);
  static_assert(status.get(0x20000004u) == 1);
  static_assert(status.set(0xffffffffu, 0) == 0x1fffffffu);
  static_assert(status.make(9) == 0x20000000u);  // truncated to the width
  constexpr BitField all{0, 32};
  static_assert(all.mask() == 0xffffffffu);
}

TEST(SemaphoreWordTest, TakeIgnoreRelease) {
  static_assert(semaphore_word_write(7, 0) == 7);  // free: taken
  static_assert(semaphore_word_write(9, 7) == 7);  // taken: another taker is ignored
  static_assert(semaphore_word_write(0, 7) == 0);  // released
  static_assert(semaphore_word_write(7, 7) == 7);
}

TEST(StateLayoutTest, BlankIsStampedMatchingKeptForeignRefused) {
  StateLayoutHeader header;
  EXPECT_TRUE(adopt_state_layout(header, 3, 64, "x"));
  EXPECT_EQ(header.version, 3u);
  EXPECT_EQ(header.size, 64u);
  EXPECT_FALSE(adopt_state_layout(header, 3, 64, "x"));
  EXPECT_THROW(adopt_state_layout(header, 4, 64, "x"), std::invalid_argument);
  EXPECT_THROW(adopt_state_layout(header, 3, 68, "x"), std::invalid_argument);
}

}  // namespace
}  // namespace secnic::model
