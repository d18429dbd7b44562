// VsecGateway driven through config space exactly as mtcr drives it: space probing, tickets, the
// semaphore, the address/flag/data handshake, block transfers, and every kind of bad input.
#include "model/pcie/vsec_gateway.h"

#include <gtest/gtest.h>
#include <tlm_utils/simple_target_socket.h>

#include <random>
#include <set>

#include "testbench/pcie/mtcr_driver.h"
#include "testbench/pcie/test_card.h"
#include "testbench/regs/model_log_capture.h"

namespace secnic::testing {
namespace {

constexpr uint32_t kVsec = 0xc0;
constexpr uint32_t kCtrl = kVsec + 0x04;
constexpr uint32_t kCounter = kVsec + 0x08;
constexpr uint32_t kSemaphore = kVsec + 0x0c;
constexpr uint32_t kAddress = kVsec + 0x10;
constexpr uint32_t kData = kVsec + 0x14;

uint32_t rd(model::PcieFunction& pcie, uint32_t offset, unsigned size = 4) {
  uint32_t value = 0xdeadbeef;
  EXPECT_TRUE(pcie.config_read(offset, size, value));
  return value;
}
void wr(model::PcieFunction& pcie, uint32_t offset, uint32_t value, unsigned size = 4) {
  EXPECT_TRUE(pcie.config_write(offset, size, value));
}

// Answers every transaction with a configurable response status.
struct FailingTarget : sc_core::sc_module {
  tlm_utils::simple_target_socket<FailingTarget> socket;
  tlm::tlm_response_status status = tlm::TLM_GENERIC_ERROR_RESPONSE;
  uint32_t value = 0x0badf00d;
  explicit FailingTarget(const sc_core::sc_module_name& name) : sc_module(name), socket("socket") {
    socket.register_b_transport(this, &FailingTarget::b_transport);
  }
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time&) {
    if (status == tlm::TLM_OK_RESPONSE && payload.is_read()) {
      std::memcpy(payload.get_data_ptr(), &value, 4);
    }
    payload.set_response_status(status);
  }
};

class VsecGatewayTest : public ::testing::Test {
 protected:
  TestCardState state;
  TestCard card{"card", state};
  MtcrDriver driver{card.pcie};
  void SetUp() override { driver.set_vsec_base(kVsec); }
};

TEST_F(VsecGatewayTest, OpenProbeReportsExactlyTheFourSpaces) {
  ASSERT_EQ(driver.open(), MtcrResult::kOk);
  for (uint16_t space : {0x1, 0x2, 0x3, 0xa}) EXPECT_TRUE(driver.space_probed_supported(space));
  for (uint16_t space : {0x4, 0x5, 0x6, 0x7, 0xf})
    EXPECT_FALSE(driver.space_probed_supported(space));
  EXPECT_TRUE(driver.vsec_supported());
  EXPECT_EQ(state.vsec.semaphore, 0u);  // released after the probe
}

TEST_F(VsecGatewayTest, CtrlStatusIsReadOnlyAndRecomputed) {
  wr(card.pcie, kCtrl, 0x2);
  EXPECT_EQ(rd(card.pcie, kCtrl), 0x20000002u);
  wr(card.pcie, kCtrl, 0x20000004);  // mtcr writes back the status it read
  EXPECT_EQ(rd(card.pcie, kCtrl), 0x00000004u);
  wr(card.pcie, kCtrl, 0xe000ffff);
  EXPECT_EQ(rd(card.pcie, kCtrl), 0x0000ffffu);
  wr(card.pcie, kCtrl, 0x0000000a);
  EXPECT_EQ(rd(card.pcie, kCtrl) >> 29, 1u);
}

TEST_F(VsecGatewayTest, CounterTicketsAreUniqueAndNeverZero) {
  std::set<uint32_t> tickets;
  for (int i = 0; i < 1000; ++i) tickets.insert(rd(card.pcie, kCounter));
  EXPECT_EQ(tickets.size(), 1000u);
  EXPECT_EQ(tickets.count(0), 0u);
  state.vsec.counter = 0xfffffffe;
  EXPECT_EQ(rd(card.pcie, kCounter), 0xffffffffu);
  EXPECT_EQ(rd(card.pcie, kCounter), 1u);  // wraps past 0
  wr(card.pcie, kCounter, 0);              // read-only
  EXPECT_EQ(rd(card.pcie, kCounter), 2u);
}

TEST_F(VsecGatewayTest, SemaphoreAcquireAndRelease) {
  ASSERT_EQ(driver.lock_semaphore(), MtcrResult::kOk);
  const uint32_t owner = rd(card.pcie, kSemaphore);
  EXPECT_NE(owner, 0u);
  EXPECT_EQ(owner, state.vsec.semaphore);
  ASSERT_EQ(driver.unlock_semaphore(), MtcrResult::kOk);
  EXPECT_EQ(rd(card.pcie, kSemaphore), 0u);
}

TEST_F(VsecGatewayTest, SemaphoreContentionBetweenTwoAgents) {
  MtcrDriver other(card.pcie);
  other.set_vsec_base(kVsec);
  ASSERT_EQ(driver.lock_semaphore(), MtcrResult::kOk);
  const uint32_t owner = state.vsec.semaphore;
  wr(card.pcie, kSemaphore, 0x1234);  // a non-owner's ticket is ignored
  EXPECT_EQ(rd(card.pcie, kSemaphore), owner);
  EXPECT_EQ(other.lock_semaphore(), MtcrResult::kSemLocked);
  EXPECT_EQ(state.vsec.semaphore, owner);
  ASSERT_EQ(driver.unlock_semaphore(), MtcrResult::kOk);
  EXPECT_EQ(other.lock_semaphore(), MtcrResult::kOk);
  EXPECT_NE(state.vsec.semaphore, owner);
}

TEST_F(VsecGatewayTest, DwordReadIsElevenOpsAndCompletesOnFirstPoll) {
  uint32_t value = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceCr, 0xf0014, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x0000020bu);
  struct Op {
    bool write;
    uint32_t offset;
  };
  const Op expected[] = {{false, kSemaphore}, {false, kCounter}, {true, kSemaphore},
                         {false, kSemaphore}, {false, kCtrl},    {true, kCtrl},
                         {false, kCtrl},      {true, kAddress},  {false, kAddress},
                         {false, kData},      {true, kSemaphore}};
  ASSERT_EQ(driver.ops().size(), 11u);
  for (size_t i = 0; i < 11; ++i) {
    EXPECT_EQ(driver.ops()[i].write, expected[i].write) << i;
    EXPECT_EQ(driver.ops()[i].offset, expected[i].offset) << i;
    EXPECT_EQ(driver.ops()[i].size, 4u) << i;
  }
  EXPECT_EQ(driver.ops()[8].value, 0x800f0014u);  // FLAG set: DATA valid
  EXPECT_EQ(driver.ops()[10].value, 0u);          // release
}

TEST_F(VsecGatewayTest, DwordWriteIsElevenOpsAndClearsFlag) {
  ASSERT_EQ(driver.write4(mtcr::kSpaceSemaphore, 0x10, 0xabcd), MtcrResult::kOk);
  ASSERT_EQ(driver.ops().size(), 11u);
  EXPECT_TRUE(driver.ops()[7].write);
  EXPECT_EQ(driver.ops()[7].offset, kData);
  EXPECT_EQ(driver.ops()[8].offset, kAddress);
  EXPECT_EQ(driver.ops()[8].value, 0x80000010u);
  EXPECT_EQ(driver.ops()[9].value >> 31, 0u);  // FLAG already clear on the first poll
  EXPECT_EQ(state.semaphores.words[4], 0xabcdu);
}

TEST_F(VsecGatewayTest, BlockTransferTakesTheSemaphoreOnce) {
  const std::vector<uint32_t> dwords = {0x01020304, 0x05060708, 0x090a0b0c};
  ASSERT_EQ(driver.write_block(mtcr::kSpaceIcmd, 0x100000, dwords), MtcrResult::kOk);
  // 4 (acquire) + 3 (space) + 3 x 3 (data, address, poll) + 1 (release)
  EXPECT_EQ(driver.ops().size(), 17u);
  driver.clear_ops();
  std::vector<uint32_t> back(3);
  ASSERT_EQ(driver.read_block(mtcr::kSpaceIcmd, 0x100000, back), MtcrResult::kOk);
  EXPECT_EQ(back, dwords);
  EXPECT_EQ(driver.ops().size(), 17u);
}

TEST_F(VsecGatewayTest, AddressBits31And30AreRefusedByTheToolBeforeTheDevice) {
  uint32_t value = 0;
  EXPECT_EQ(driver.read4(mtcr::kSpaceCr, 0x40000000, value), MtcrResult::kBadParams);
  EXPECT_EQ(driver.ops().size(), 8u);  // acquire, select, release: no address written
}

TEST_F(VsecGatewayTest, DeviceUsesOnlyAddressBits29To0) {
  wr(card.pcie, kCtrl, mtcr::kSpaceCr);
  wr(card.pcie, kAddress, 0x400f0014);  // bit 30 set by a buggy host: ignored
  EXPECT_EQ(rd(card.pcie, kAddress), 0x800f0014u);
  EXPECT_EQ(rd(card.pcie, kData), 0x20bu);
}

TEST_F(VsecGatewayTest, UnsupportedSpaceAccessCompletesWithZeroAndSyndrome) {
  ModelLogCapture log;
  EXPECT_EQ(driver.lock_semaphore(), MtcrResult::kOk);
  EXPECT_EQ(driver.set_space(0x5), MtcrResult::kSpaceNotSupported);
  wr(card.pcie, kData, 0x55555555);
  wr(card.pcie, kAddress, 0x100);                   // read anyway
  EXPECT_EQ(rd(card.pcie, kAddress), 0xc0000100u);  // FLAG and syndrome
  EXPECT_EQ(rd(card.pcie, kData), 0u);
  EXPECT_TRUE(log.contains({"warn", "unsupported space 0x5"}));
  wr(card.pcie, kAddress, 0x80000100);  // write: dropped, FLAG cleared, syndrome kept
  EXPECT_EQ(rd(card.pcie, kAddress), 0x40000100u);
  driver.unlock_semaphore();
}

TEST_F(VsecGatewayTest, AddressOutOfRangeForTheSpaceReadsZero) {
  ModelLogCapture log;
  uint32_t value = 0xffffffff;
  EXPECT_EQ(driver.read4(mtcr::kSpaceCr, 0x3ffffffc, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  EXPECT_EQ(driver.ops()[8].value, 0xfffffffcu);  // FLAG, syndrome, address
  EXPECT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x100340, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  EXPECT_EQ(driver.write4(mtcr::kSpaceSemaphore, 0x100, 7), MtcrResult::kOk);
  EXPECT_GE(log.count({"warn", "outside the bank"}), 3u);
  EXPECT_EQ(driver.read4(mtcr::kSpaceCr, 0xf0014, value), MtcrResult::kOk);
  EXPECT_EQ(rd(card.pcie, kAddress), 0x800f0014u);  // a good access clears the syndrome
}

TEST_F(VsecGatewayTest, AdvertisedButUnconnectedSpaceFailsCleanly) {
  ModelLogCapture log;
  uint32_t value = 0xffffffff;
  EXPECT_EQ(driver.read4(mtcr::kSpaceIcmdExt, 0x0, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  EXPECT_TRUE(log.contains({"warn", "ICMD_EXT", "nothing is connected"}));
}

TEST_F(VsecGatewayTest, TlmErrorResponseReadsZeroAndDropsWrites) {
  ModelLogCapture log;
  FailingTarget target("failing");
  card.pcie.vsec().icmd_ext.bind(target.socket);
  uint32_t value = 0xffffffff;
  EXPECT_EQ(driver.read4(mtcr::kSpaceIcmdExt, 0x10, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  EXPECT_EQ(rd(card.pcie, kAddress) & 0x40000000, 0x40000000u);
  EXPECT_TRUE(log.contains({"warn", "ICMD_EXT", "fails"}));
  target.status = tlm::TLM_OK_RESPONSE;
  EXPECT_EQ(driver.read4(mtcr::kSpaceIcmdExt, 0x10, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x0badf00du);
  EXPECT_EQ(rd(card.pcie, kAddress) & 0x40000000, 0u);
}

TEST(VsecGatewayConfigTest, DisabledSpaceReportsUnsupported) {
  TestCardState state;
  TestCardConfig config;
  config.pcie.vsec.icmd_supported = false;
  TestCard card("card", state, config);
  MtcrDriver driver(card.pcie);
  ASSERT_EQ(driver.open(), MtcrResult::kOk);
  EXPECT_FALSE(driver.space_probed_supported(mtcr::kSpaceIcmd));
  EXPECT_TRUE(driver.space_probed_supported(mtcr::kSpaceCr));
  EXPECT_FALSE(driver.vsec_supported());
  uint32_t value = 0;
  EXPECT_EQ(driver.read4(mtcr::kSpaceIcmd, 0x1000, value), MtcrResult::kSpaceNotSupported);
}

TEST(VsecGatewayStateTest, StateOutlivesTheModelLikeAPoweredCard) {
  TestCardState state;
  uint32_t ticket = 0;
  {
    TestCard first("first", state);
    MtcrDriver driver(first.pcie);
    driver.set_vsec_base(kVsec);
    ASSERT_EQ(driver.lock_semaphore(), MtcrResult::kOk);  // this "process" dies holding it
    ticket = state.vsec.semaphore;
  }
  TestCard second("second", state);
  EXPECT_EQ(rd(second.pcie, kSemaphore), ticket);
  EXPECT_GT(rd(second.pcie, kCounter), ticket);  // tickets keep counting
  second.pcie.reset();                           // power cycle frees it
  EXPECT_EQ(rd(second.pcie, kSemaphore), 0u);
}

TEST(VsecGatewayStateTest, ForeignStateLayoutIsRefused) {
  TestCardState state;
  state.vsec.layout.version = model::VsecState::kLayoutVersion + 1;
  state.vsec.layout.size = sizeof(model::VsecState);
  EXPECT_THROW(TestCard("card", state), std::invalid_argument);
}

TEST_F(VsecGatewayTest, NarrowAndMisalignedGatewayAccessesNeverCrash) {
  ModelLogCapture log;
  EXPECT_EQ(rd(card.pcie, kSemaphore + 2, 2), 0u);
  const uint32_t before = state.vsec.counter;
  rd(card.pcie, kCounter + 3, 1);  // any byte of COUNTER takes a ticket
  EXPECT_EQ(state.vsec.counter, before + 1);
  wr(card.pcie, kCtrl, 0x02, 1);
  EXPECT_EQ(rd(card.pcie, kCtrl), 0x20000002u);
  wr(card.pcie, kData, 0x12345678);
  wr(card.pcie, kAddress + 2, 0x000f, 2);  // completes a read of 0xf0000 with FLAG set
  EXPECT_EQ(rd(card.pcie, kAddress) >> 31, 1u);
  wr(card.pcie, kAddress + 1, 0x0140,
     2);  // straddles into the top byte: whatever it means, no crash
  EXPECT_EQ(rd(card.pcie, kData - 2, 4) & 0xffff, rd(card.pcie, kAddress, 4) >> 16);
}

TEST_F(VsecGatewayTest, RandomConfigTrafficNeverCrashesAndTheDeviceRecovers) {
  std::mt19937 random(20240601);
  std::uniform_int_distribution<uint32_t> offset(0, 0x1100);
  std::uniform_int_distribution<uint32_t> any;
  const unsigned sizes[] = {0, 1, 2, 3, 4, 8};
  for (int i = 0; i < 20000; ++i) {
    const uint32_t off = i % 2 ? kVsec + (offset(random) % 0x18) : offset(random);
    const unsigned size = sizes[any(random) % 6];
    uint32_t value = any(random);
    if (any(random) % 2) {
      EXPECT_NO_THROW(card.pcie.config_write(off, size, value));
    } else {
      EXPECT_NO_THROW(card.pcie.config_read(off, size, value));
    }
  }
  card.pcie.reset();
  uint32_t value = 0;
  EXPECT_EQ(driver.read4(mtcr::kSpaceCr, 0xf0014, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x20bu);
}

}  // namespace
}  // namespace secnic::testing
