// Power loss at every step of an update, and host-tool processes that die half way (the next
// process resumes from the shared state).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "testbench/update/fsm_bench.h"

namespace secnic::fw::test {
namespace {

using sc_core::SC_MS;
using sc_core::sc_time;

constexpr uint32_t kSlotB = 0x800000;

enum class Booted { kOld, kNew, kNothing };

std::string name(Booted b) {
  return b == Booted::kOld ? "old" : b == Booted::kNew ? "new" : "nothing";
}

class UpdateFsmPower : public ::testing::Test {
 protected:
  void SetUp() override {
    bench().reset();
    m_new = make_component(0x3000, 21);
  }
  static FsmBench& bench() { return FsmBench::get(); }
  UpdateFsm& fsm() { return bench().fsm; }

  // What a BootRom would boot after power returns: the journal's slot if it holds a complete known
  // image, else the other slot (slot A when the journal is empty). A slot counts as an image only
  // if it is bit-exact (magic included): anything torn or unverified has no magic.
  Booted boot() const {
    auto& flash = bench().flash;
    auto slot_ok = [&](uint8_t slot) {
      if (slot == 0) return flash.slice(0, bench().running_bytes.size()) == bench().running_bytes;
      return flash.slice(kSlotB, m_new.size()) == with_magic(m_new);
    };
    const uint8_t first = bench().journal.recorded_slot().value_or(0);
    if (slot_ok(first)) return first == 0 ? Booted::kOld : Booted::kNew;
    const uint8_t other = static_cast<uint8_t>(first ^ 1);
    if (slot_ok(other)) return other == 0 ? Booted::kOld : Booted::kNew;
    return Booted::kNothing;
  }

  // A whole burn as the tool does it; stops at the first failure (a power cut).
  bool burn(ToolDriver& t) {
    t.open();
    if (t.mcc(MccInstruction::kLockUpdateHandle).status != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kUpdateComponent, m_new.size()).status != RegStatus::kOk)
      return false;
    if (t.poll_while_initialize().control_state != FsmState::kDownload) return false;
    if (t.write_component(m_new) != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kVerifyComponent).status != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kActivate).status != RegStatus::kOk) return false;
    return t.mcc(MccInstruction::kReleaseUpdateHandle).status == RegStatus::kOk;
  }

  void expect_stopped(ToolDriver& t) {
    EXPECT_TRUE(fsm().power_lost());
    EXPECT_EQ(bench().power_lost_calls, 1);
    const uint64_t ops = bench().flash.op_count();
    EXPECT_EQ(t.query().status, RegStatus::kInternalError);
    EXPECT_EQ(t.mcc(MccInstruction::kCancel).status, RegStatus::kInternalError);
    const auto chunk = make_component(128, 1);
    EXPECT_EQ(fsm().mcda_write(t.handle(), 0, chunk.data(), 128), RegStatus::kInternalError);
    run_to_idle();
    EXPECT_EQ(bench().flash.op_count(), ops) << "no flash operation after the power loss";
  }

  // Flash operations of a burn before the first MCDA chunk: the INITIALIZE erases.
  uint64_t erase_ops() const {
    uint64_t n = 0;
    const uint32_t end = kSlotB + (static_cast<uint32_t>(m_new.size()) + 0xFFF) / 0x1000 * 0x1000;
    for (uint32_t a = kSlotB; a < end; ++n)
      a += (a % 0x10000 == 0 && end - a >= 0x10000) ? 0x10000 : 0x1000;
    return n;
  }
  uint64_t chunk_ops() const { return (m_new.size() + 127) / 128; }

  std::vector<uint8_t> m_new;
};

TEST_F(UpdateFsmPower, CutMidInitializeBootsTheOldImage) {
  m_new = make_component(0x100000, 22);  // 16 sector erases
  bench().flash.arm_cut(bench().flash.op_count() + 5, MemoryFlash::CutWhen::kBeforeOp);
  ToolDriver t(fsm(), bench().flash);
  EXPECT_FALSE(burn(t));
  EXPECT_EQ(bench().flash.erase_count(), 5u);
  expect_stopped(t);
  EXPECT_EQ(boot(), Booted::kOld);
}

TEST_F(UpdateFsmPower, CutMidDownloadBootsTheOldImage) {
  // Operation indices: the erases, then one program per MCDA chunk; cut in the middle of the
  // chunks.
  bench().flash.arm_cut(bench().flash.op_count() + erase_ops() + 40,
                        MemoryFlash::CutWhen::kAfterOp);
  ToolDriver t(fsm(), bench().flash);
  EXPECT_FALSE(burn(t));
  EXPECT_EQ(bench().state.write_pointer,
            40u * 128);  // the chunk cut after programming never counted
  expect_stopped(t);
  EXPECT_EQ(boot(), Booted::kOld);
}

TEST_F(UpdateFsmPower, CutBeforeTheMagicBootsTheOldImage) {
  bench().flash.arm_cut(bench().flash.op_count() + erase_ops() + chunk_ops(),
                        MemoryFlash::CutWhen::kBeforeOp);
  ToolDriver t(fsm(), bench().flash);
  EXPECT_FALSE(burn(t));
  EXPECT_EQ(bench().verifier.calls, 1);
  expect_stopped(t);
  EXPECT_EQ(boot(), Booted::kOld);
}

TEST_F(UpdateFsmPower, CutBeforeTheJournalRecordBootsTheOldImage) {
  const uint64_t journal_op = bench().flash.op_count() + erase_ops() + chunk_ops() + 1;
  bench().flash.arm_cut(journal_op, MemoryFlash::CutWhen::kBeforeOp);
  ToolDriver t(fsm(), bench().flash);
  EXPECT_FALSE(burn(t));
  EXPECT_EQ(bench().journal.record_count(), 0);
  expect_stopped(t);
  EXPECT_EQ(boot(), Booted::kOld);
}

TEST_F(UpdateFsmPower, CutAfterTheJournalRecordBootsTheNewImage) {
  const uint64_t journal_op = bench().flash.op_count() + erase_ops() + chunk_ops() + 1;
  bench().flash.arm_cut(journal_op, MemoryFlash::CutWhen::kAfterOp);
  ToolDriver t(fsm(), bench().flash);
  EXPECT_FALSE(burn(t));
  EXPECT_EQ(bench().journal.recorded_slot(), std::optional<uint8_t>(1));
  expect_stopped(t);
  EXPECT_EQ(boot(), Booted::kNew);
}

// Every program/erase of a burn, cut before and after it: the card boots the old image until the
// journal record is complete, the new one after, never nothing.
TEST_F(UpdateFsmPower, CutAtEveryFlashOperationBootsOldOrNew) {
  ToolDriver dry(fsm(), bench().flash);
  const uint64_t first = bench().flash.op_count();
  ASSERT_TRUE(burn(dry));
  const uint64_t ops = bench().flash.op_count() - first;
  const uint64_t journal_op = ops - 1;  // the last operation of a burn is the journal record
  ASSERT_GT(ops, 3u);
  for (uint64_t k = 0; k < ops; ++k) {
    for (auto when : {MemoryFlash::CutWhen::kBeforeOp, MemoryFlash::CutWhen::kAfterOp}) {
      bench().reset();
      bench().flash.arm_cut(bench().flash.op_count() + k, when);
      ToolDriver t(fsm(), bench().flash);
      EXPECT_FALSE(burn(t));
      EXPECT_TRUE(fsm().power_lost());
      const bool journal_done = k == journal_op && when == MemoryFlash::CutWhen::kAfterOp;
      const Booted expected = journal_done ? Booted::kNew : Booted::kOld;
      EXPECT_EQ(name(boot()), name(expected))
          << "cut " << (when == MemoryFlash::CutWhen::kBeforeOp ? "before" : "after") << " op "
          << k;
    }
  }
}

TEST_F(UpdateFsmPower, PowerOnAfterACutAllowsTheNextUpdate) {
  bench().flash.arm_cut(bench().flash.op_count() + 3, MemoryFlash::CutWhen::kBeforeOp);
  ToolDriver t(fsm(), bench().flash);
  EXPECT_FALSE(burn(t));
  ASSERT_TRUE(fsm().power_lost());
  // Power-up: flash back, RAM re-initialised with what the BootRom booted (the old image).
  bench().flash.power_on();
  fsm().power_on(bench().running_info);
  ToolDriver again(fsm(), bench().flash);
  EXPECT_TRUE(burn(again));
  EXPECT_EQ(boot(), Booted::kNew);
}

TEST_F(UpdateFsmPower, ANewProcessResumesAnInterruptedErase) {
  m_new = make_component(0x100000, 23);  // 16 x 150 ms
  ToolDriver first(fsm(), bench().flash, /*deterministic=*/false);
  first.open();
  first.mcc(MccInstruction::kLockUpdateHandle);
  ASSERT_EQ(first.mcc(MccInstruction::kUpdateComponent, m_new.size()).control_state,
            FsmState::kInitialize);
  advance(sc_time(500, SC_MS));
  const uint64_t erased = bench().flash.erase_count();
  ASSERT_GT(erased, 1u);
  ASSERT_LT(erased, 16u);

  // The first process dies; a new one maps the same shared state (here: state2 with its contents).
  bench().state2 = bench().state;
  bench().state = UpdateFsmState{};
  ToolDriver second(bench().fsm2, bench().flash, /*deterministic=*/false);
  second.set_handle(first.handle());
  EXPECT_EQ(second.query().control_state, FsmState::kInitialize);
  EXPECT_EQ(second.poll_while_initialize().control_state, FsmState::kDownload);
  EXPECT_EQ(bench().flash.erase_count(), 16u) << "resumed, not restarted";
  ASSERT_EQ(second.write_component(m_new), RegStatus::kOk);
  EXPECT_EQ(second.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
}

TEST_F(UpdateFsmPower, AProcessKilledDuringVerifyIsRecoveredAsDownload) {
  ToolDriver t(fsm(), bench().flash);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kUpdateComponent, m_new.size());
  t.poll_while_initialize();
  ASSERT_EQ(t.write_component(m_new), RegStatus::kOk);
  bench().state.control_state = FsmState::kVerify;  // what a SIGKILL inside VERIFY leaves behind
  EXPECT_EQ(t.query().control_state, FsmState::kDownload);
  EXPECT_EQ(t.mcc(MccInstruction::kVerifyComponent).control_state, FsmState::kLocked);
  EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
}

TEST_F(UpdateFsmPower, AProcessKilledDuringActivateIsRecoveredFromTheJournal) {
  for (bool record_written : {false, true}) {
    bench().reset();
    ToolDriver t(fsm(), bench().flash);
    t.open();
    t.mcc(MccInstruction::kLockUpdateHandle);
    t.mcc(MccInstruction::kUpdateComponent, m_new.size());
    t.poll_while_initialize();
    ASSERT_EQ(t.write_component(m_new), RegStatus::kOk);
    ASSERT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
    bench().state.control_state = FsmState::kActivate;  // killed while appending the record
    if (record_written) {
      ASSERT_EQ(bench().journal.record_active_slot(bench().state.staged), FlashResult::kOk);
    }
    EXPECT_EQ(t.query().control_state, FsmState::kLocked);
    EXPECT_EQ(fsm().pending_image() != nullptr, record_written);
    EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
    EXPECT_EQ(bench().journal.record_count(), 1);
    EXPECT_NE(fsm().pending_image(), nullptr);
  }
}

}  // namespace
}  // namespace secnic::fw::test
