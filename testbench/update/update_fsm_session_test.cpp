// Update-handle ownership, the transition table, wrong-state commands, CANCEL, FORCE_HANDLE_RELEASE
// and the idle-handle timeout.
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "firmware_model/update/update_fsm_table.h"
#include "testbench/update/fsm_bench.h"

namespace secnic::fw::test {
namespace {

using sc_core::SC_MS;
using sc_core::SC_SEC;
using sc_core::sc_time;

class UpdateFsmSession : public ::testing::Test {
 protected:
  void SetUp() override { bench().reset(); }
  static FsmBench& bench() { return FsmBench::get(); }
  UpdateFsm& fsm() { return bench().fsm; }
  ToolDriver tool() { return ToolDriver(fsm(), bench().flash); }

  MccReply raw(MccInstruction instruction, uint32_t handle, uint32_t size = 0, bool set = true) {
    MccCommand cmd;
    cmd.is_set = set;
    cmd.instruction = instruction;
    cmd.update_handle = handle;
    cmd.component_size = size;
    MccReply r = fsm().mcc(cmd);
    advance(bench().flash.take_elapsed());
    run_to_idle();
    return r;
  }
};

TEST_F(UpdateFsmSession, QueryWhileIdleOffersANonZeroHandleAndSucceedsForAnyone) {
  ToolDriver t = tool();
  const MccReply r = t.open();
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(r.control_state, FsmState::kIdle);
  EXPECT_NE(r.update_handle, 0u);
  EXPECT_EQ(r.update_handle & ~0xFFFFFFu, 0u);
  EXPECT_EQ(raw(MccInstruction::kQuery, 0x777, 0, /*set=*/false).update_handle, r.update_handle);
}

TEST_F(UpdateFsmSession, LockFromIdleAdoptsTheSendersHandle) {
  ToolDriver t = tool();
  t.open();
  t.set_handle(0xABCDEF);
  const MccReply r = t.mcc(MccInstruction::kLockUpdateHandle);
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(r.control_state, FsmState::kLocked);
  EXPECT_EQ(r.update_handle, 0xABCDEFu);
  // The owner may LOCK again (the verify flow re-locks with the same handle).
  EXPECT_EQ(t.mcc(MccInstruction::kLockUpdateHandle).status, RegStatus::kOk);
}

TEST_F(UpdateFsmSession, OtherHandlesAreRejectedAndChangeNothing) {
  ToolDriver owner = tool();
  owner.open();
  owner.mcc(MccInstruction::kLockUpdateHandle);
  const UpdateFsmState before = bench().state;

  ToolDriver intruder = tool();
  intruder.set_handle(owner.handle() ^ 0x1);
  for (MccInstruction i :
       {MccInstruction::kLockUpdateHandle, MccInstruction::kUpdateComponent,
        MccInstruction::kReleaseUpdateHandle, MccInstruction::kCancel, MccInstruction::kActivate,
        MccInstruction::kReadComponent, MccInstruction::kCheckUpdateHandle}) {
    const MccReply r = intruder.mcc(i, 0x1000);
    EXPECT_EQ(r.status, RegStatus::kBadParam) << to_string(i);
    EXPECT_EQ(r.error_code, MccError::kError) << to_string(i);
    EXPECT_EQ(r.control_state, FsmState::kLocked) << to_string(i);
    EXPECT_EQ(r.update_handle, 0u) << "the owner's handle is not disclosed";
    ASSERT_EQ(intruder.last_sends().size(), 2u);
    EXPECT_TRUE(intruder.last_sends()[0] == intruder.last_sends()[1]) << to_string(i);
  }
  EXPECT_EQ(bench().state.control_state, before.control_state);
  EXPECT_EQ(bench().state.handle, before.handle);
  // A query from anyone still succeeds (the tool's constructor must not fail) but hides the handle.
  const MccReply q = intruder.query();
  EXPECT_EQ(q.status, RegStatus::kOk);
  EXPECT_EQ(q.control_state, FsmState::kLocked);
  EXPECT_EQ(q.update_handle, 0u);
  // The owner is unaffected.
  EXPECT_EQ(owner.mcc(MccInstruction::kCheckUpdateHandle).status, RegStatus::kOk);
  EXPECT_EQ(owner.mcc(MccInstruction::kReleaseUpdateHandle).control_state, FsmState::kIdle);
}

TEST_F(UpdateFsmSession, McdaWithAnotherHandleIsRefused) {
  ToolDriver t = tool();
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kUpdateComponent, 0x1000);
  ASSERT_EQ(t.poll_while_initialize().control_state, FsmState::kDownload);
  const auto chunk = make_component(128, 3);
  EXPECT_EQ(fsm().mcda_write(t.handle() + 1, 0, chunk.data(), chunk.size()), RegStatus::kBadParam);
  EXPECT_EQ(bench().state.write_pointer, 0u);
  EXPECT_EQ(fsm().mcda_write(t.handle(), 0, chunk.data(), chunk.size()), RegStatus::kOk);
}

TEST_F(UpdateFsmSession, TableHasOneRulePerPairAndQueryAndForceReleaseEverywhere) {
  std::set<std::pair<int, int>> seen;
  for (const FsmRule* r = fsm_rules_begin(); r != fsm_rules_end(); ++r) {
    EXPECT_TRUE(seen.insert({static_cast<int>(r->state), static_cast<int>(r->instruction)}).second)
        << to_string(r->state) << " x " << to_string(r->instruction) << " declared twice";
  }
  for (FsmState s : {FsmState::kIdle, FsmState::kLocked, FsmState::kInitialize, FsmState::kDownload,
                     FsmState::kVerify, FsmState::kApply, FsmState::kActivate, FsmState::kUpload}) {
    const FsmRule* q = find_fsm_rule(s, MccInstruction::kQuery);
    ASSERT_NE(q, nullptr) << to_string(s);
    EXPECT_EQ(q->handle, HandleRule::kAnyHandle);
    EXPECT_EQ(q->next, s);
    const FsmRule* f = find_fsm_rule(s, MccInstruction::kForceHandleRelease);
    ASSERT_NE(f, nullptr) << to_string(s);
    EXPECT_EQ(f->next, FsmState::kIdle);
  }
  // The tool-visible expectations of A.4.2.
  EXPECT_EQ(find_fsm_rule(FsmState::kIdle, MccInstruction::kLockUpdateHandle)->next,
            FsmState::kLocked);
  EXPECT_EQ(find_fsm_rule(FsmState::kLocked, MccInstruction::kUpdateComponent)->next,
            FsmState::kInitialize);
  EXPECT_EQ(find_fsm_rule(FsmState::kDownload, MccInstruction::kVerifyComponent)->next,
            FsmState::kLocked);
  EXPECT_EQ(find_fsm_rule(FsmState::kLocked, MccInstruction::kReadPendingComponent)->next,
            FsmState::kUpload);
  EXPECT_EQ(find_fsm_rule(FsmState::kUpload, MccInstruction::kReleaseUpdateHandle)->next,
            FsmState::kIdle);
  EXPECT_EQ(find_fsm_rule(FsmState::kIdle, MccInstruction::kUpdateComponent), nullptr);
  EXPECT_EQ(find_fsm_rule(FsmState::kInitialize, MccInstruction::kVerifyComponent), nullptr);
}

TEST_F(UpdateFsmSession, WrongStateCommandsAreRejectedIdempotentlyAndChangeNothing) {
  ToolDriver t = tool();
  t.open();
  // IDLE: nothing but QUERY, LOCK, RELEASE, FORCE_HANDLE_RELEASE.
  for (MccInstruction i : {MccInstruction::kUpdateComponent, MccInstruction::kVerifyComponent,
                           MccInstruction::kActivate, MccInstruction::kReadComponent,
                           MccInstruction::kReadPendingComponent, MccInstruction::kCancel,
                           MccInstruction::kCheckUpdateHandle}) {
    const MccReply r = t.mcc(i, 0x1000);
    EXPECT_EQ(r.status, RegStatus::kBadParam) << to_string(i);
    EXPECT_EQ(r.error_code, MccError::kError) << to_string(i);
    EXPECT_EQ(r.control_state, FsmState::kIdle) << to_string(i);
    ASSERT_EQ(t.last_sends().size(), 2u);
    EXPECT_TRUE(t.last_sends()[0] == t.last_sends()[1]);
  }
  // LOCKED: VERIFY before any download, ACTIVATE without a verified component.
  t.mcc(MccInstruction::kLockUpdateHandle);
  EXPECT_EQ(t.mcc(MccInstruction::kVerifyComponent).error_code, MccError::kError);
  EXPECT_EQ(t.last().control_state, FsmState::kLocked);
  EXPECT_EQ(t.mcc(MccInstruction::kActivate).error_code, MccError::kError);
  EXPECT_EQ(t.last().control_state, FsmState::kLocked);
  EXPECT_EQ(bench().journal.record_count(), 0);
  // Unknown instruction values are refused like any illegal move.
  const MccReply odd = t.mcc(static_cast<MccInstruction>(0x42));
  EXPECT_EQ(odd.status, RegStatus::kBadParam);
  EXPECT_EQ(odd.control_state, FsmState::kLocked);
  // DOWNLOAD: no second UPDATE_COMPONENT, no ACTIVATE.
  t.mcc(MccInstruction::kUpdateComponent, 0x1000);
  t.poll_while_initialize();
  EXPECT_EQ(t.mcc(MccInstruction::kUpdateComponent, 0x1000).status, RegStatus::kBadParam);
  EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kBadParam);
  EXPECT_EQ(t.last().control_state, FsmState::kDownload);
  // MCDA read outside UPLOAD.
  std::vector<uint8_t> out;
  EXPECT_EQ(fsm().mcda_read(t.handle(), 0, 128, out), RegStatus::kBadParam);
}

TEST_F(UpdateFsmSession, ReleaseWhileIdleIsHarmless) {
  ToolDriver t = tool();
  t.open();
  EXPECT_EQ(t.mcc(MccInstruction::kReleaseUpdateHandle).status, RegStatus::kOk);
  EXPECT_EQ(t.last().control_state, FsmState::kIdle);
}

TEST_F(UpdateFsmSession, UpdateComponentChecksIndexAndSize) {
  ToolDriver t = tool();
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  for (uint32_t size : {0u, 15u, fsm().max_component_size() + 1, 0xFFFFFFFFu}) {
    const MccReply r = t.mcc(MccInstruction::kUpdateComponent, size);
    EXPECT_EQ(r.status, RegStatus::kBadParam) << size;
    EXPECT_EQ(r.error_code, MccError::kOk) << "tool prints 'Bad parameter'";
    EXPECT_EQ(r.control_state, FsmState::kLocked);
  }
  MccCommand cmd;
  cmd.is_set = true;
  cmd.instruction = MccInstruction::kUpdateComponent;
  cmd.update_handle = t.handle();
  cmd.component_size = 0x1000;
  cmd.component_index = 1;
  EXPECT_EQ(fsm().mcc(cmd).status, RegStatus::kBadParam);
  EXPECT_EQ(bench().flash.erase_count(), 0u);
  // The largest component is accepted.
  EXPECT_EQ(t.mcc(MccInstruction::kUpdateComponent, fsm().max_component_size()).control_state,
            FsmState::kInitialize);
}

TEST_F(UpdateFsmSession, CancelDuringInitializeStopsTheErase) {
  ToolDriver t(fsm(), bench().flash, /*deterministic=*/false);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  EXPECT_EQ(t.mcc(MccInstruction::kUpdateComponent, 0x100000).control_state, FsmState::kInitialize);
  advance(sc_time(400, SC_MS));  // a few 150 ms sector erases
  const uint64_t erased = bench().flash.erase_count();
  EXPECT_GT(erased, 0u);
  EXPECT_LT(erased, 16u);
  const MccReply r = t.mcc(MccInstruction::kCancel);
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(r.control_state, FsmState::kLocked);
  run_to_idle();
  EXPECT_LE(bench().flash.erase_count(), erased + 1);  // at most the one in flight
  // MCDA is refused, a new UPDATE_COMPONENT starts over.
  const auto chunk = make_component(128, 4);
  EXPECT_EQ(fsm().mcda_write(t.handle(), 0, chunk.data(), chunk.size()), RegStatus::kBadParam);
  t.mcc(MccInstruction::kUpdateComponent, 0x2000);
  run_to_idle();
  EXPECT_EQ(t.query().control_state, FsmState::kDownload);
}

TEST_F(UpdateFsmSession, CancelDuringDownloadDiscardsIt) {
  ToolDriver t = tool();
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kUpdateComponent, 0x1000);
  t.poll_while_initialize();
  const auto component = make_component(0x1000, 5);
  ASSERT_EQ(fsm().mcda_write(t.handle(), 0, component.data(), 128), RegStatus::kOk);
  EXPECT_EQ(t.mcc(MccInstruction::kCancel).control_state, FsmState::kLocked);
  EXPECT_EQ(fsm().mcda_write(t.handle(), 128, component.data() + 128, 128), RegStatus::kBadParam);
  EXPECT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kBadParam);
  EXPECT_EQ(bench().verifier.calls, 0);
}

TEST_F(UpdateFsmSession, ForceHandleReleaseFromAnyoneEndsTheSession) {
  ToolDriver owner = tool();
  owner.open();
  owner.mcc(MccInstruction::kLockUpdateHandle);
  owner.mcc(MccInstruction::kUpdateComponent, 0x1000);
  owner.poll_while_initialize();
  ASSERT_EQ(owner.last().control_state, FsmState::kDownload);

  ToolDriver other = tool();
  other.set_handle(0x111111);
  EXPECT_EQ(other.mcc(MccInstruction::kLockUpdateHandle).status, RegStatus::kBadParam);
  const MccReply r = other.mcc(MccInstruction::kForceHandleRelease);  // what burn does next
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(r.control_state, FsmState::kIdle);
  // The old owner lost everything; the other tool can now lock.
  const auto chunk = make_component(128, 6);
  EXPECT_EQ(fsm().mcda_write(owner.handle(), 0, chunk.data(), 128), RegStatus::kBadParam);
  EXPECT_EQ(owner.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kBadParam);
  EXPECT_EQ(other.mcc(MccInstruction::kLockUpdateHandle).control_state, FsmState::kLocked);
}

TEST_F(UpdateFsmSession, ForceHandleReleaseDuringInitializeStopsTheJob) {
  ToolDriver t(fsm(), bench().flash, /*deterministic=*/false);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kUpdateComponent, 0x100000);
  advance(sc_time(200, SC_MS));
  const uint64_t erased = bench().flash.erase_count();
  EXPECT_EQ(t.mcc(MccInstruction::kForceHandleRelease).control_state, FsmState::kIdle);
  run_to_idle();
  EXPECT_LE(bench().flash.erase_count(), erased + 1);
  EXPECT_EQ(t.query().control_state, FsmState::kIdle);
}

TEST_F(UpdateFsmSession, ReleaseRotatesTheOfferedHandle) {
  ToolDriver t = tool();
  const uint32_t first = t.open().update_handle;
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kReleaseUpdateHandle);
  ToolDriver next = tool();
  const uint32_t second = next.open().update_handle;
  EXPECT_NE(first, second);
  EXPECT_NE(second, 0u);
}

TEST_F(UpdateFsmSession, IdleHandleIsReleasedAfterTheTimeout) {
  ToolDriver t = tool();
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  const sc_time timeout = fsm().config().idle_handle_timeout;
  advance(timeout - sc_time(1, SC_SEC));
  MccReply r =
      t.mcc(MccInstruction::kCheckUpdateHandle);  // just inside: still owned (and refreshed)
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(r.control_state, FsmState::kLocked);

  advance(sc_time(100, SC_SEC));
  r = raw(MccInstruction::kQuery, t.handle(), 0, /*set=*/false);
  EXPECT_EQ(r.control_state, FsmState::kLocked);
  EXPECT_EQ(r.time_elapsed_since_last_cmd, 100u);

  advance(timeout + sc_time(1, SC_SEC));
  ToolDriver someone = tool();
  r = someone.query();
  EXPECT_EQ(r.control_state, FsmState::kIdle);
  EXPECT_EQ(t.mcc(MccInstruction::kCheckUpdateHandle).status, RegStatus::kBadParam);
}

TEST_F(UpdateFsmSession, NoTimeoutWhileTheEraseJobRuns) {
  ToolDriver t(fsm(), bench().flash, /*deterministic=*/false);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kUpdateComponent, 0x1000);
  // The owner stays silent for longer than the timeout while INITIALIZE completes; the end of the
  // job counts as activity, so the session survives until timeout after it.
  run_to_idle();
  EXPECT_EQ(raw(MccInstruction::kQuery, t.handle(), 0, false).control_state, FsmState::kDownload);
  advance(fsm().config().idle_handle_timeout + sc_time(1, SC_SEC));
  EXPECT_EQ(raw(MccInstruction::kQuery, 0, 0, false).control_state, FsmState::kIdle);
}

}  // namespace
}  // namespace secnic::fw::test
