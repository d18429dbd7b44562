// The ICMD controller and the semaphore space, driven through the VSEC gateway as mtcr's icmd_open
// and icmd_send_command do.
#include "model/icmd/icmd_controller.h"

#include <gtest/gtest.h>

#include <numeric>

#include "model/icmd/semaphore_space.h"
#include "testbench/pcie/mtcr_driver.h"
#include "testbench/pcie/test_card.h"
#include "testbench/regs/model_log_capture.h"

namespace secnic::testing {
namespace {

using model::IcmdStatus;

class IcmdControllerTest : public ::testing::Test {
 protected:
  TestCardState state;
  TestCard card{"card", state};
  MtcrDriver driver{card.pcie, /*pid=*/1234};
  void SetUp() override {
    ASSERT_EQ(driver.open(), MtcrResult::kOk);
    ASSERT_EQ(driver.icmd_open(), MtcrResult::kOk);
    driver.clear_ops();
  }
  static std::vector<uint8_t> pattern(size_t size, uint8_t seed) {
    std::vector<uint8_t> bytes(size);
    std::iota(bytes.begin(), bytes.end(), seed);
    return bytes;
  }
};

TEST_F(IcmdControllerTest, OpenReadsTheMailboxSize) {
  EXPECT_EQ(driver.max_cmd_size(), 0x340u);
  EXPECT_EQ(state.semaphores.words[0], 0u);  // released again
}

TEST_F(IcmdControllerTest, MailboxDwordsAreBigEndianValuesOfMailboxBytes) {
  const std::vector<uint8_t> request = pattern(16, 0x00);
  ASSERT_EQ(driver.write_buffer(mtcr::kSpaceIcmd, 0x100000, request), MtcrResult::kOk);
  EXPECT_TRUE(std::equal(request.begin(), request.end(), state.icmd.mailbox));
  uint32_t dword = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x100004, dword), MtcrResult::kOk);
  EXPECT_EQ(dword, 0x04050607u);
  std::vector<uint8_t> back(16);
  ASSERT_EQ(driver.read_buffer(mtcr::kSpaceIcmd, 0x100000, back), MtcrResult::kOk);
  EXPECT_EQ(back, request);
}

TEST_F(IcmdControllerTest, CommandRoundTrip) {
  card.handler.respond = [](uint8_t* mailbox, size_t) {
    for (size_t i = 0; i < 0x20; ++i) mailbox[i] = static_cast<uint8_t>(0xf0 ^ mailbox[i]);
  };
  std::vector<uint8_t> data = pattern(0x20, 0x10);
  const std::vector<uint8_t> request = data;
  ASSERT_EQ(driver.icmd_send(0x9001, data, 0x20, 0x20), MtcrResult::kOk);

  ASSERT_EQ(card.handler.calls.size(), 1u);
  const ScriptedIcmdHandler::Call& call = card.handler.calls[0];
  EXPECT_EQ(call.opcode, 0x9001);
  EXPECT_EQ(call.mailbox_size, 0x340u);
  EXPECT_TRUE(std::equal(request.begin(), request.end(), call.request.begin()));
  for (size_t i = 0; i < 0x20; ++i) EXPECT_EQ(data[i], 0xf0 ^ request[i]) << i;

  EXPECT_EQ(state.icmd.ctrl, 0x90010000u);  // opcode kept, BUSY clear, STATUS 0
  EXPECT_EQ(state.semaphores.words[0], 0u);
}

TEST_F(IcmdControllerTest, BusyIsClearOnTheFirstPoll) {
  std::vector<uint8_t> data(8);
  ASSERT_EQ(driver.icmd_send(0x8400, data, 8, 8), MtcrResult::kOk);
  // Find the GO write and check that the next CTRL read saw BUSY clear.
  const auto& ops = driver.ops();
  size_t go = ops.size();
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].write && ops[i].offset == 0xd0 && ops[i].value == 0x80000000u && i > 0 &&
        ops[i - 1].write && ops[i - 1].offset == 0xd4 && (ops[i - 1].value & 1u)) {
      go = i;
    }
  }
  ASSERT_LT(go, ops.size());
  // After GO: poll ADDRESS (write done), release; then the CTRL read transaction (11 ops): its DATA
  // read.
  const ConfigOp& ctrl_read = ops[go + 2 + 10];
  EXPECT_FALSE(ctrl_read.write);
  EXPECT_EQ(ctrl_read.offset, 0xd4u);
  EXPECT_EQ(ctrl_read.value & 1u, 0u);
  EXPECT_EQ(ctrl_read.value >> 16, 0x8400u);
}

TEST_F(IcmdControllerTest, HandlerStatusReachesTheHostAndTheSemaphoreIsReleased) {
  card.handler.status = IcmdStatus::kBadParam;
  std::vector<uint8_t> data(0x18);
  EXPECT_EQ(driver.icmd_send(0x9001, data, 0x18, 0x18), MtcrResult::kIcmdStatus);
  EXPECT_EQ(driver.icmd_status(), 4);
  EXPECT_EQ((state.icmd.ctrl >> 8) & 0xff, 4u);
  EXPECT_EQ(state.semaphores.words[0], 0u);
  card.handler.status = IcmdStatus::kOk;  // the old status is written back with the next opcode...
  EXPECT_EQ(driver.icmd_send(0x9001, data, 0x18, 0x18), MtcrResult::kOk);
  EXPECT_EQ((state.icmd.ctrl >> 8) & 0xff, 0u);  // ...and replaced on completion
}

TEST_F(IcmdControllerTest, OpcodeSetUpDoesNotRunACommand) {
  ASSERT_EQ(driver.write4(mtcr::kSpaceIcmd, 0x0, 0x90010000), MtcrResult::kOk);
  EXPECT_TRUE(card.handler.calls.empty());
  uint32_t ctrl = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x0, ctrl), MtcrResult::kOk);
  EXPECT_EQ(ctrl, 0x90010000u);
}

TEST_F(IcmdControllerTest, StatusIsReadOnlyForTheHost) {
  ASSERT_EQ(driver.write4(mtcr::kSpaceIcmd, 0x0, 0x00007700), MtcrResult::kOk);
  EXPECT_EQ(state.icmd.ctrl & 0xff00, 0u);
}

TEST_F(IcmdControllerTest, ExternalMailboxIsNotModelled) {
  ModelLogCapture log;
  ASSERT_EQ(driver.write4(mtcr::kSpaceIcmd, 0x0, 0x90010003), MtcrResult::kOk);  // GO + EXMB
  EXPECT_TRUE(card.handler.calls.empty());
  EXPECT_EQ(state.icmd.ctrl, 0x90010202u);  // STATUS 2, BUSY clear
  EXPECT_TRUE(log.contains({"info", "EXMB", "not modelled"}));
}

TEST_F(IcmdControllerTest, MailboxSizeLimit) {
  std::vector<uint8_t> data(0x344);
  EXPECT_EQ(driver.icmd_send(0x9001, data, 0x344, 4), MtcrResult::kIcmdSizeExceedsLimit);
  EXPECT_TRUE(driver.ops().empty());  // refused by the tool, from the size the device reported
  std::vector<uint8_t> full = pattern(0x340, 1);
  ASSERT_EQ(driver.write_buffer(mtcr::kSpaceIcmd, 0x100000, full), MtcrResult::kOk);
  EXPECT_EQ(state.icmd.mailbox[0x33f], full[0x33f]);
  // One dword past the mailbox: the device answers 0 and drops the write.
  ModelLogCapture log;
  ASSERT_EQ(driver.write4(mtcr::kSpaceIcmd, 0x100340, 0xffffffff), MtcrResult::kOk);
  uint32_t past = 1;
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x100340, past), MtcrResult::kOk);
  EXPECT_EQ(past, 0u);
  EXPECT_EQ(log.count({"warn", "outside the bank"}), 2u);
}

TEST_F(IcmdControllerTest, UnmappedIcmdAddressesReadZero) {
  uint32_t value = 1;
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x8, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  ASSERT_EQ(driver.write4(mtcr::kSpaceIcmd, 0x1000, 0x10), MtcrResult::kOk);  // read-only size
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x1000, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x340u);
}

TEST_F(IcmdControllerTest, IcmdSemaphoreBelongsToOnePidAtATime) {
  MtcrDriver other(card.pcie, /*pid=*/5678);
  ASSERT_EQ(other.open(), MtcrResult::kOk);
  ASSERT_EQ(driver.icmd_take_semaphore(), MtcrResult::kOk);
  EXPECT_EQ(state.semaphores.words[0], 1234u);
  EXPECT_EQ(other.icmd_take_semaphore(), MtcrResult::kIcmdSemaphoreTimeout);
  EXPECT_EQ(state.semaphores.words[0], 1234u);
  ASSERT_EQ(driver.icmd_release_semaphore(), MtcrResult::kOk);
  EXPECT_EQ(other.icmd_take_semaphore(), MtcrResult::kOk);
  EXPECT_EQ(state.semaphores.words[0], 5678u);
}

TEST_F(IcmdControllerTest, FlashSemaphoreIsIndependent) {
  ASSERT_EQ(driver.icmd_take_semaphore(), MtcrResult::kOk);
  ASSERT_EQ(driver.write4(mtcr::kSpaceSemaphore, 0x10, 99), MtcrResult::kOk);
  uint32_t value = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceSemaphore, 0x10, value), MtcrResult::kOk);
  EXPECT_EQ(value, 99u);
  ASSERT_EQ(driver.write4(mtcr::kSpaceSemaphore, 0x10, 100), MtcrResult::kOk);
  ASSERT_EQ(driver.read4(mtcr::kSpaceSemaphore, 0x10, value), MtcrResult::kOk);
  EXPECT_EQ(value, 99u);
  EXPECT_EQ(state.semaphores.words[0], 1234u);
}

TEST_F(IcmdControllerTest, NotReadyWhileStaticConfigIsNotDone) {
  TestCardState other_state;
  TestCardConfig config;
  config.cr_space.static_config_done = false;
  TestCard booting("booting", other_state, config);
  MtcrDriver host(booting.pcie);
  ASSERT_EQ(host.open(), MtcrResult::kOk);
  ASSERT_EQ(host.icmd_open(), MtcrResult::kOk);
  std::vector<uint8_t> data(8);
  EXPECT_EQ(host.icmd_send(0x8400, data, 8, 8), MtcrResult::kIcmdNotReady);
  EXPECT_TRUE(booting.handler.calls.empty());
}

TEST(IcmdStateTest, CommandStateSurvivesTheProcess) {
  TestCardState state;
  {
    TestCard first("first", state);
    MtcrDriver driver(first.pcie);
    ASSERT_EQ(driver.open(), MtcrResult::kOk);
    ASSERT_EQ(driver.write_buffer(mtcr::kSpaceIcmd, 0x100000, {1, 2, 3, 4}), MtcrResult::kOk);
    ASSERT_EQ(driver.write4(mtcr::kSpaceIcmd, 0x0, 0x90010000), MtcrResult::kOk);
    ASSERT_EQ(driver.icmd_take_semaphore(), MtcrResult::kOk);
  }
  TestCard second("second", state);
  MtcrDriver driver(second.pcie, /*pid=*/77);
  ASSERT_EQ(driver.open(), MtcrResult::kOk);
  uint32_t value = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x100000, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x01020304u);
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x0, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x90010000u);
  ASSERT_EQ(driver.read4(mtcr::kSpaceSemaphore, 0x0, value), MtcrResult::kOk);
  EXPECT_EQ(value, 4242u);  // the first process's pid still holds it
  second.icmd.reset();
  second.semaphores.reset();
  ASSERT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x100000, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  ASSERT_EQ(driver.read4(mtcr::kSpaceSemaphore, 0x0, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
}

TEST(IcmdStateTest, ZeroedRamPlusResetIsACompletePowerCycle) {
  TestCardState state;
  {
    TestCard card("card", state);
    MtcrDriver driver(card.pcie);
    ASSERT_EQ(driver.open(), MtcrResult::kOk);
    state = TestCardState{};  // the card zeroes its RAM while the models stay alive...
    card.pcie.reset();
    card.icmd.reset();
    card.semaphores.reset();
    ASSERT_EQ(driver.icmd_take_semaphore(), MtcrResult::kOk);  // ...and they keep working
  }
  TestCard next("next", state);  // the next process adopts the state: the semaphore is still held
  MtcrDriver driver(next.pcie, /*pid=*/9);
  ASSERT_EQ(driver.open(), MtcrResult::kOk);
  uint32_t value = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceSemaphore, 0x0, value), MtcrResult::kOk);
  EXPECT_EQ(value, 4242u);
  EXPECT_EQ(state.vsec.layout.version, model::VsecState::kLayoutVersion);
}

TEST(IcmdStateTest, ForeignLayoutsAreRefused) {
  TestCardState state;
  state.icmd.layout.version = 99;
  state.icmd.layout.size = 1;
  EXPECT_THROW(TestCard("card", state), std::invalid_argument);
  TestCardState other;
  other.semaphores.layout.size = sizeof(model::SemaphoreSpaceState) + 4;
  other.semaphores.layout.version = model::SemaphoreSpaceState::kLayoutVersion;
  EXPECT_THROW(TestCard("card2", other), std::invalid_argument);
}

}  // namespace
}  // namespace secnic::testing
