// The write path in the tool's order, MCDA bounds and ordering policy, verification outcomes,
// activation, BLOCKED_PENDING_RESET and reading components back.
#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_model/image/image_layouts.h"
#include "testbench/update/fsm_bench.h"

namespace secnic::fw::test {
namespace {

using sc_core::SC_MS;
using sc_core::sc_time;

constexpr uint32_t kSlotB = 0x800000;

class UpdateFsmDownload : public ::testing::Test {
 protected:
  void SetUp() override { bench().reset(); }
  static FsmBench& bench() { return FsmBench::get(); }
  UpdateFsm& fsm() { return bench().fsm; }

  // LOCK + UPDATE_COMPONENT + INITIALIZE polling: the driver is in DOWNLOAD.
  ToolDriver start(uint32_t size) {
    ToolDriver t(fsm(), bench().flash);
    t.open();
    EXPECT_EQ(t.mcc(MccInstruction::kLockUpdateHandle).control_state, FsmState::kLocked);
    const MccReply u = t.mcc(MccInstruction::kUpdateComponent, size);
    EXPECT_EQ(u.status, RegStatus::kOk);
    EXPECT_TRUE(u.control_state == FsmState::kInitialize || u.control_state == FsmState::kDownload);
    EXPECT_EQ(t.poll_while_initialize().control_state, FsmState::kDownload);
    return t;
  }
  void expect_running_slot_and_journal_untouched() {
    EXPECT_EQ(bench().flash.slice(0, bench().running_bytes.size()), bench().running_bytes);
    EXPECT_EQ(bench().journal.record_count(), 0);
  }
};

TEST_F(UpdateFsmDownload, HappyPathInTheToolsOrder) {
  const auto component = make_component(0x3044, 7);  // last chunk shorter than 128
  ToolDriver t(fsm(), bench().flash);
  EXPECT_EQ(t.open().control_state, FsmState::kIdle);
  EXPECT_EQ(t.mcc(MccInstruction::kLockUpdateHandle).control_state, FsmState::kLocked);
  const MccReply update = t.mcc(MccInstruction::kUpdateComponent, component.size());
  EXPECT_EQ(update.status, RegStatus::kOk);
  EXPECT_EQ(update.control_state, FsmState::kInitialize);  // the reply precedes the erase
  EXPECT_EQ(t.poll_while_initialize().control_state, FsmState::kDownload);
  ASSERT_EQ(t.write_component(component), RegStatus::kOk);
  EXPECT_EQ(t.query().control_progress, 100);

  const MccReply verify = t.mcc(MccInstruction::kVerifyComponent);
  EXPECT_EQ(verify.status, RegStatus::kOk);
  EXPECT_EQ(verify.control_state, FsmState::kLocked);  // synchronous
  // The verifier saw the bytes read back from flash, with the magic erased.
  EXPECT_EQ(bench().verifier.calls, 1);
  EXPECT_EQ(bench().verifier.seen, component);
  // The slot now holds the image with its magic, the running slot and the journal are untouched.
  EXPECT_EQ(bench().flash.slice(kSlotB, component.size()), with_magic(component));
  expect_running_slot_and_journal_untouched();
  EXPECT_EQ(fsm().pending_image(), nullptr);

  EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
  EXPECT_EQ(bench().journal.recorded_slot(), std::optional<uint8_t>(1));
  EXPECT_EQ(bench().journal.record_count(), 1);
  const MccReply release = t.mcc(MccInstruction::kReleaseUpdateHandle);
  EXPECT_EQ(release.status, RegStatus::kOk);
  EXPECT_EQ(release.control_state, FsmState::kIdle);
  t.close();  // nothing to clean up: the last state seen was IDLE
  EXPECT_EQ(fsm().control_state(), FsmState::kIdle);

  // What the register layer reports now.
  ASSERT_NE(fsm().pending_image(), nullptr);
  EXPECT_EQ(fsm().pending_image()->version, bench().verifier.verdict.info.version);
  EXPECT_EQ(fsm().pending_image()->size, component.size());
  EXPECT_EQ(fsm().pending_image()->slot, 1);
  EXPECT_STREQ(fsm().pending_image()->product_version, "14.23.1020");
  EXPECT_EQ(fsm().component_size(/*pending=*/true), component.size());
  EXPECT_EQ(fsm().component_size(/*pending=*/false), bench().running_bytes.size());
  EXPECT_EQ(fsm().running_image().version, bench().running_info.version);
  EXPECT_EQ(fsm().running_image().build_time(), 0x20251124u);
  EXPECT_EQ(bench().flash.slice(0, bench().running_bytes.size()), bench().running_bytes);
}

TEST_F(UpdateFsmDownload, InitializeIsVisibleWhileTheEraseTakesTime) {
  ToolDriver t(fsm(), bench().flash, /*deterministic=*/false);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  EXPECT_EQ(t.mcc(MccInstruction::kUpdateComponent, 0x100000).control_state, FsmState::kInitialize);
  advance(sc_time(1, SC_MS));
  MccReply r = t.query();
  EXPECT_EQ(r.control_state, FsmState::kInitialize);
  const auto chunk = make_component(128, 8);
  EXPECT_EQ(fsm().mcda_write(t.handle(), 0, chunk.data(), 128), RegStatus::kBadParam);
  advance(sc_time(1200, SC_MS));  // 8 of the 16 sector erases (150 ms each)
  r = t.query();
  EXPECT_EQ(r.control_state, FsmState::kInitialize);
  EXPECT_GT(r.control_progress, 30);
  EXPECT_LT(r.control_progress, 70);
  // The tool's own polling (240 ms apart) ends in DOWNLOAD; the erase took 16 x 150 ms.
  EXPECT_EQ(t.poll_while_initialize().control_state, FsmState::kDownload);
  EXPECT_EQ(bench().flash.erase_count(), 16u);
  EXPECT_GE(sc_core::sc_time_stamp(), sc_time(2400, SC_MS));
}

TEST_F(UpdateFsmDownload, EraseCoversTheComponentOnlyWithSectorsAndSubsectors) {
  std::fill_n(bench().flash.bytes().begin() + kSlotB, 0x30000, uint8_t{0x00});
  ToolDriver t = start(0x11004);  // 1 sector + 2 subsectors (0x11004 -> 0x12000)
  EXPECT_EQ(bench().flash.erase_count(), 3u);
  const auto erased = bench().flash.slice(kSlotB, 0x12000);
  EXPECT_TRUE(std::all_of(erased.begin(), erased.end(), [](uint8_t b) { return b == 0xFF; }));
  const auto beyond = bench().flash.slice(kSlotB + 0x12000, 0x1000);
  EXPECT_TRUE(std::all_of(beyond.begin(), beyond.end(), [](uint8_t b) { return b == 0x00; }));
}

TEST_F(UpdateFsmDownload, McdaBoundsAndOrdering) {
  ToolDriver t = start(0x400);
  const auto c = make_component(0x400, 9);
  const uint32_t h = t.handle();
  std::vector<uint8_t> big(129, 0);
  EXPECT_EQ(fsm().mcda_write(h, 0, c.data(), 0), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_write(h, 0, big.data(), 129), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_write(h, 0, nullptr, 128), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_write(h, 128, c.data() + 128, 128), RegStatus::kBadParam) << "gap";
  EXPECT_EQ(fsm().mcda_write(h, 0x400, c.data(), 4), RegStatus::kBadParam) << "past the end";
  EXPECT_EQ(fsm().mcda_write(h, 0xFFFFFFF0u, c.data(), 128), RegStatus::kBadParam) << "wraps";
  EXPECT_EQ(bench().state.write_pointer, 0u);

  ASSERT_EQ(fsm().mcda_write(h, 0, c.data(), 128), RegStatus::kOk);
  ASSERT_EQ(fsm().mcda_write(h, 128, c.data() + 128, 128), RegStatus::kOk);
  // An identical retransmission of the last chunk is acknowledged without programming.
  const uint64_t ops = bench().flash.op_count();
  EXPECT_EQ(fsm().mcda_write(h, 128, c.data() + 128, 128), RegStatus::kOk);
  EXPECT_EQ(bench().flash.op_count(), ops);
  // ... with other data it is refused, as is any other overlap or an older chunk.
  auto altered = std::vector<uint8_t>(c.begin() + 128, c.begin() + 256);
  altered[5] ^= 0x01;
  EXPECT_EQ(fsm().mcda_write(h, 128, altered.data(), 128), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_write(h, 0, c.data(), 128), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_write(h, 192, c.data() + 192, 128), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_write(h, 128, c.data() + 128, 64), RegStatus::kBadParam);
  EXPECT_EQ(bench().flash.op_count(), ops);
  EXPECT_EQ(bench().state.write_pointer, 256u);
  EXPECT_EQ(bench().flash.slice(kSlotB + 16, 240),
            std::vector<uint8_t>(c.begin() + 16, c.begin() + 256));

  // Odd sizes are fine as long as the bytes arrive in order.
  ASSERT_EQ(fsm().mcda_write(h, 256, c.data() + 256, 3), RegStatus::kOk);
  for (uint32_t offset = 259; offset < 0x400 - 128; offset += 125) {
    const uint32_t size = std::min<uint32_t>(125, 0x400 - 128 - offset);
    ASSERT_EQ(fsm().mcda_write(h, offset, c.data() + offset, size), RegStatus::kOk) << offset;
  }
  ASSERT_EQ(fsm().mcda_write(h, 0x400 - 128, c.data() + 0x400 - 128, 128), RegStatus::kOk);
  EXPECT_EQ(fsm().mcda_write(h, 0x400, c.data(), 1), RegStatus::kBadParam);
  EXPECT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
  EXPECT_EQ(bench().verifier.seen, c);
}

TEST_F(UpdateFsmDownload, HostBytesOverTheMagicAreNeverProgrammed) {
  auto component = with_magic(make_component(0x200, 10));  // a host that sends the real magic
  ToolDriver t = start(0x200);
  ASSERT_EQ(t.write_component(component), RegStatus::kOk);
  const auto head = bench().flash.slice(kSlotB, 16);
  EXPECT_TRUE(std::all_of(head.begin(), head.end(), [](uint8_t b) { return b == 0xFF; }))
      << "no magic before verification";
  bench().verifier.verdict.error = MccError::kRejectedAuthFailed;
  EXPECT_NE(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
  const auto still = bench().flash.slice(kSlotB, 16);
  EXPECT_TRUE(std::all_of(still.begin(), still.end(), [](uint8_t b) { return b == 0xFF; }));
}

TEST_F(UpdateFsmDownload, VerifyOfAnIncompleteDownloadIsBadFormat) {
  ToolDriver t = start(0x400);
  const auto c = make_component(0x400, 11);
  ASSERT_EQ(fsm().mcda_write(t.handle(), 0, c.data(), 128), RegStatus::kOk);
  const MccReply r = t.mcc(MccInstruction::kVerifyComponent);
  EXPECT_EQ(r.status, RegStatus::kBadParam);
  EXPECT_EQ(r.error_code, MccError::kRejectedBadFormat);
  EXPECT_EQ(r.control_state, FsmState::kDownload);
  EXPECT_EQ(bench().verifier.calls, 0);
}

class UpdateFsmRejection : public UpdateFsmDownload,
                           public ::testing::WithParamInterface<MccError> {};

TEST_P(UpdateFsmRejection, RejectedImageLeavesRunningSlotAndJournalAloneAndIsIdempotent) {
  const auto component = make_component(0x2000, 12);
  ToolDriver t = start(component.size());
  ASSERT_EQ(t.write_component(component), RegStatus::kOk);
  bench().verifier.verdict.error = GetParam();
  bench().verifier.verdict.reason = "scripted";

  const MccReply r = t.mcc(MccInstruction::kVerifyComponent);
  EXPECT_NE(r.status, RegStatus::kOk);
  EXPECT_NE(r.status, RegStatus::kResourceNotAvailable);
  EXPECT_EQ(r.error_code, GetParam());
  EXPECT_NE(r.control_state, FsmState::kIdle) << "the tool's destructor must clean up";
  ASSERT_EQ(t.last_sends().size(), 2u);
  EXPECT_TRUE(t.last_sends()[0] == t.last_sends()[1]) << "the duplicate send gets the same answer";
  EXPECT_EQ(bench().verifier.calls, 2);

  const auto head = bench().flash.slice(kSlotB, 16);
  EXPECT_TRUE(std::all_of(head.begin(), head.end(), [](uint8_t b) { return b == 0xFF; }));
  EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kBadParam);
  t.close();  // CANCEL + RELEASE
  EXPECT_EQ(t.last().control_state, FsmState::kIdle);
  expect_running_slot_and_journal_untouched();
  EXPECT_EQ(fsm().pending_image(), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    EveryVerifierCode, UpdateFsmRejection,
    ::testing::Values(MccError::kRejectedDigestErr, MccError::kRejectedNotApplicable,
                      MccError::kRejectedUnknownKey, MccError::kRejectedAuthFailed,
                      MccError::kRejectedUnsigned, MccError::kRejectedBadFormat,
                      MccError::kRejectedForbiddenVersion),
    [](const auto& info) { return std::string(to_string(info.param)); });

TEST_F(UpdateFsmDownload, AFailedVerifyCanBeRetriedAfterCancelWithANewDownload) {
  const auto bad = make_component(0x1000, 13);
  ToolDriver t = start(bad.size());
  ASSERT_EQ(t.write_component(bad), RegStatus::kOk);
  bench().verifier.verdict.error = MccError::kRejectedDigestErr;
  EXPECT_EQ(t.mcc(MccInstruction::kVerifyComponent).error_code, MccError::kRejectedDigestErr);
  t.close();

  bench().verifier.reset();
  const auto good = make_component(0x1800, 14);
  ToolDriver again = start(good.size());
  ASSERT_EQ(again.write_component(good), RegStatus::kOk);
  EXPECT_EQ(again.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
  EXPECT_EQ(bench().verifier.seen, good);
}

TEST_F(UpdateFsmDownload, ActivatedImageBlocksTheNextUpdateUntilReset) {
  const auto component = make_component(0x1000, 15);
  ToolDriver t = start(component.size());
  ASSERT_EQ(t.write_component(component), RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kReleaseUpdateHandle).control_state, FsmState::kIdle);
  const uint64_t ops = bench().flash.op_count();

  ToolDriver next(fsm(), bench().flash);
  next.open();
  next.mcc(MccInstruction::kLockUpdateHandle);
  const MccReply r = next.mcc(MccInstruction::kUpdateComponent, 0x1000);
  EXPECT_EQ(r.status, RegStatus::kBadParam);
  EXPECT_EQ(r.error_code, MccError::kBlockedPendingReset);
  EXPECT_EQ(r.control_state, FsmState::kLocked);
  ASSERT_EQ(next.last_sends().size(), 2u);
  EXPECT_TRUE(next.last_sends()[0] == next.last_sends()[1]);
  EXPECT_EQ(bench().flash.op_count(), ops) << "nothing erased";
  next.close();
  EXPECT_EQ(bench().journal.record_count(), 1);
}

TEST_F(UpdateFsmDownload, ActivateTwiceInOneSessionWritesOneRecord) {
  const auto component = make_component(0x1000, 16);
  ToolDriver t = start(component.size());
  ASSERT_EQ(t.write_component(component), RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
  EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
  EXPECT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
  EXPECT_EQ(bench().journal.record_count(), 1);
}

TEST_F(UpdateFsmDownload, ReadComponentServesTheRunningImage) {
  ToolDriver t(fsm(), bench().flash);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  // No pending image: READ_PENDING_COMPONENT fails (twice, identically) and the tool falls back.
  const MccReply pending = t.mcc(MccInstruction::kReadPendingComponent);
  EXPECT_NE(pending.status, RegStatus::kOk);
  EXPECT_EQ(pending.control_state, FsmState::kLocked);
  ASSERT_EQ(t.last_sends().size(), 2u);
  EXPECT_TRUE(t.last_sends()[0] == t.last_sends()[1]);
  EXPECT_EQ(t.mcc(MccInstruction::kReleaseUpdateHandle).control_state, FsmState::kIdle);
  EXPECT_EQ(t.mcc(MccInstruction::kLockUpdateHandle).control_state, FsmState::kLocked);
  EXPECT_EQ(t.mcc(MccInstruction::kReadComponent).control_state, FsmState::kUpload);

  const uint32_t size = fsm().component_size(/*pending=*/true);
  EXPECT_EQ(size, bench().running_bytes.size());
  std::vector<uint8_t> read;
  ASSERT_EQ(t.read_component(size, read), RegStatus::kOk);
  EXPECT_EQ(read, bench().running_bytes);  // magic included

  std::vector<uint8_t> out;
  EXPECT_EQ(fsm().mcda_read(t.handle(), size, 4, out), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_read(t.handle(), size - 4, 8, out), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_read(t.handle(), 0, 129, out), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_read(t.handle(), 0, 0, out), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_read(t.handle() ^ 1, 0, 128, out), RegStatus::kBadParam);
  EXPECT_EQ(fsm().mcda_read(t.handle(), 0x100, 128, out), RegStatus::kOk) << "any order";
  EXPECT_EQ(t.mcc(MccInstruction::kReleaseUpdateHandle).control_state, FsmState::kIdle);
}

TEST_F(UpdateFsmDownload, ReadPendingComponentServesTheActivatedImageWithItsMagic) {
  const auto component = make_component(0x2468, 17);
  ToolDriver t = start(component.size());
  ASSERT_EQ(t.write_component(component), RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kActivate).status, RegStatus::kOk);
  ASSERT_EQ(t.mcc(MccInstruction::kReleaseUpdateHandle).control_state, FsmState::kIdle);

  // mstflint v: LOCK, READ_PENDING_COMPONENT (UPLOAD), MCDA GET x N, RELEASE.
  ToolDriver v(fsm(), bench().flash);
  v.open();
  v.mcc(MccInstruction::kLockUpdateHandle);
  EXPECT_EQ(v.mcc(MccInstruction::kReadPendingComponent).control_state, FsmState::kUpload);
  std::vector<uint8_t> read;
  ASSERT_EQ(v.read_component(fsm().component_size(true), read), RegStatus::kOk);
  EXPECT_EQ(read, with_magic(component));
  EXPECT_EQ(v.mcc(MccInstruction::kReleaseUpdateHandle).control_state, FsmState::kIdle);
}

TEST_F(UpdateFsmDownload, StaleJournalIsRepointedAtTheRunningSlotBeforeErasing) {
  // The journal names slot B but the BootRom fell back to A (B was bad): before B is rewritten the
  // journal must name A again, or a verified-but-not-activated image in B would boot after a cut.
  ComponentInfo b;
  b.slot = 1;
  b.size = 0x1000;
  ASSERT_EQ(bench().journal.record_active_slot(b), FlashResult::kOk);
  ToolDriver t = start(0x1000);
  EXPECT_EQ(bench().journal.recorded_slot(), std::optional<uint8_t>(0));
  EXPECT_EQ(bench().journal.record_count(), 2);
  // Not repeated while the journal already names the running slot.
  t.close();
  ToolDriver again = start(0x1000);
  EXPECT_EQ(bench().journal.record_count(), 2);
}

TEST_F(UpdateFsmDownload, FlashEraseErrorIsReportedToTheOwnersPollAndCleared) {
  bench().flash.fail_next_erase();
  ToolDriver t(fsm(), bench().flash);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  t.mcc(MccInstruction::kUpdateComponent, 0x1000);
  const MccReply r = t.poll_while_initialize();
  EXPECT_NE(r.status, RegStatus::kOk);
  EXPECT_EQ(r.error_code, MccError::kFlashEraseError);
  EXPECT_EQ(r.control_state, FsmState::kLocked);
  ASSERT_EQ(t.last_sends().size(), 2u);
  EXPECT_TRUE(t.last_sends()[0] == t.last_sends()[1]);
  // Others' queries still succeed (a tool's constructor must not fail).
  ToolDriver other(fsm(), bench().flash);
  EXPECT_EQ(other.query().status, RegStatus::kOk);
  t.close();
  EXPECT_EQ(t.last().status, RegStatus::kOk);
  EXPECT_EQ(t.last().control_state, FsmState::kIdle);
  expect_running_slot_and_journal_untouched();
}

TEST_F(UpdateFsmDownload, ProgramErrorKeepsTheWritePointerSoTheChunkCanBeResent) {
  ToolDriver t = start(0x200);
  const auto c = make_component(0x200, 18);
  bench().flash.fail_next_program();
  EXPECT_EQ(fsm().mcda_write(t.handle(), 0, c.data(), 128), RegStatus::kInternalError);
  EXPECT_EQ(bench().state.write_pointer, 0u);
  EXPECT_EQ(fsm().mcda_write(t.handle(), 0, c.data(), 128), RegStatus::kOk);
  EXPECT_EQ(bench().state.write_pointer, 128u);
}

}  // namespace
}  // namespace secnic::fw::test
