// CR space: the values the tools read, the restricted ranges in secure and non-secure mode, bad
// addresses; and RegisterBankTargetSocket's TLM behaviour, which every space shares.
#include "model/crspace/cr_space.h"

#include <gtest/gtest.h>

#include "testbench/pcie/mtcr_driver.h"
#include "testbench/pcie/test_card.h"
#include "testbench/pcie/test_initiator.h"
#include "testbench/regs/model_log_capture.h"

namespace secnic::testing {
namespace {

struct CrBench : sc_core::sc_module {
  TestInitiator host{"host"};
  model::CrSpace cr;
  RecordingTarget gateway{"gateway"};
  CrBench(const sc_core::sc_module_name& name, const model::CrSpaceConfig& config,
          bool bind_gateway = false)
      : sc_module(name), cr("cr", config) {
    host.socket.bind(cr.socket);
    if (bind_gateway) cr.restricted.bind(gateway.socket);
  }
  uint32_t read(uint64_t address) {
    uint32_t value = 0xdeadbeef;
    EXPECT_EQ(host.read32(address, value), tlm::TLM_OK_RESPONSE) << std::hex << address;
    return value;
  }
};

model::CrSpaceConfig secure() { return model::CrSpaceConfig{}; }
model::CrSpaceConfig non_secure() {
  model::CrSpaceConfig config;
  config.secure = false;
  return config;
}

TEST(CrSpaceTest, HwIdAndStaticConfigAreWhatTheToolsNeed) {
  CrBench bench("bench", secure());
  EXPECT_EQ(bench.read(0xf0014), 0x0000020bu);
  EXPECT_EQ(bench.read(0xb0004) >> 31, 0u);
}

TEST(CrSpaceTest, HwRevisionAndStaticConfigAreConfigurable) {
  model::CrSpaceConfig config;
  config.hw_revision = 0x03;
  config.static_config_done = false;
  CrBench bench("bench", config);
  EXPECT_EQ(bench.read(0xf0014), 0x0003020bu);
  EXPECT_EQ(bench.read(0xb0004), 0x80000000u);
}

TEST(CrSpaceTest, DeclaredRegistersAreReadOnly) {
  ModelLogCapture log;
  CrBench bench("bench", secure());
  EXPECT_EQ(bench.host.write32(0xf0014, 0xbad0cafe), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.host.write32(0xb0004, 0x80000000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.read(0xf0014), 0x20bu);
  EXPECT_EQ(bench.read(0xb0004), 0u);
  EXPECT_EQ(log.count({"warn", "read-only"}), 2u);
}

TEST(CrSpaceTest, EveryOtherAddressReadsZeroNeverBad0cafe) {
  CrBench bench("bench", secure());
  for (uint64_t address : {0x0ull, 0x4ull, 0xf0010ull, 0xf0018ull, 0xb0000ull, 0xe250cull,
                           0xf0400ull, 0xf0408ull, 0xf040cull, 0xf0420ull, 0xffffcull}) {
    EXPECT_EQ(bench.read(address), 0u) << std::hex << address;
  }
}

TEST(CrSpaceTest, SecureModeBlocksWritesToRestrictedRanges) {
  ModelLogCapture log;
  CrBench bench("bench", secure(), /*bind_gateway=*/true);
  EXPECT_EQ(bench.host.write32(0xf0400, 0x80000000), tlm::TLM_OK_RESPONSE);  // flash GW lock
  EXPECT_EQ(bench.host.write32(0xf0404, 0x1000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.host.write32(0xe250c, 0x80000000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.read(0xf0400), 0u);
  EXPECT_EQ(bench.read(0xe250c), 0u);
  EXPECT_TRUE(bench.gateway.accesses.empty());  // nothing reaches the flash gateway
  EXPECT_EQ(log.count({"warn", "blocked (secure mode)"}), 3u);
  EXPECT_TRUE(log.contains({"flash_gateway at 0xf0404"}));
  EXPECT_TRUE(log.contains({"hw_semaphores at 0xe250c"}));
}

TEST(CrSpaceTest, NonSecureModeForwardsRestrictedRanges) {
  CrBench bench("bench", non_secure(), /*bind_gateway=*/true);
  EXPECT_EQ(bench.host.write32(0xf0404, 0x1000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.read(0xf0410), 0x600d600du);
  ASSERT_EQ(bench.gateway.accesses.size(), 2u);
  EXPECT_TRUE(bench.gateway.accesses[0].write);
  EXPECT_EQ(bench.gateway.accesses[0].address, 0xf0404u);
  EXPECT_EQ(bench.gateway.accesses[0].value, 0x1000u);
  EXPECT_EQ(bench.gateway.accesses[1].address, 0xf0410u);
  EXPECT_EQ(bench.read(0xf0014), 0x20bu);  // declared registers are still served locally
  EXPECT_EQ(bench.gateway.accesses.size(), 2u);
}

TEST(CrSpaceTest, NonSecureModeWithoutAGatewayIsInertAndSaysSo) {
  ModelLogCapture log;
  CrBench bench("bench", non_secure());
  EXPECT_EQ(bench.host.write32(0xf0400, 0x80000000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.read(0xf0400), 0u);
  EXPECT_TRUE(log.contains({"info", "flash_gateway", "not modelled"}));
  EXPECT_FALSE(log.contains({"blocked"}));
}

TEST(CrSpaceTest, AddressesPastTheSpaceFail) {
  CrBench bench("bench", secure());
  uint32_t value = 0;
  EXPECT_EQ(bench.host.read32(0x100000, value), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(bench.host.write32(0xffffe, 0), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(bench.host.read32(0x3ffffffc, value), tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST(CrSpaceTest, ThroughTheGatewayTheSecureCardLooksLikeTheContractSays) {
  TestCardState state;
  TestCard card("card", state);
  MtcrDriver driver(card.pcie);
  ASSERT_EQ(driver.open(), MtcrResult::kOk);
  uint32_t value = 0;
  ASSERT_EQ(driver.read4(mtcr::kSpaceCr, 0xf0014, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0x20bu);
  ASSERT_EQ(driver.read4(mtcr::kSpaceCr, 0xb0004, value), MtcrResult::kOk);
  EXPECT_EQ(value, 0u);
  ASSERT_EQ(driver.write4(mtcr::kSpaceCr, 0xf0400, 0x80000000), MtcrResult::kOk);
  ASSERT_EQ(driver.read4(mtcr::kSpaceCr, 0xf0400, value), MtcrResult::kOk);
  EXPECT_EQ(value >> 31, 0u);  // the flash GW lock bit never reads as taken
}

// RegisterBankTargetSocket, on the CR-space socket.
TEST(RegisterBankTargetSocketTest, ResponsesForEveryKindOfPayload) {
  CrBench bench("bench", secure());
  uint8_t bytes[8] = {};
  uint8_t enables[4] = {0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(bench.host.transact(tlm::TLM_READ_COMMAND, 0xf0014, bytes, 4, false, enables),
            tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  EXPECT_EQ(bench.host.transact(tlm::TLM_READ_COMMAND, 0xf0014, bytes, 8, false, nullptr, 4),
            tlm::TLM_BURST_ERROR_RESPONSE);
  EXPECT_EQ(bench.host.transact(tlm::TLM_READ_COMMAND, 0xf0014, bytes, 0),
            tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(bench.host.transact(tlm::TLM_READ_COMMAND, 0xf0014, nullptr, 4),
            tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(bench.host.transact(tlm::TLM_IGNORE_COMMAND, 0xf0014, bytes, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.host.transact(tlm::TLM_READ_COMMAND, 0xf0012, bytes, 8),
            tlm::TLM_OK_RESPONSE);  // any length and alignment
  EXPECT_EQ(bytes[2], 0x0b);
  EXPECT_EQ(bytes[3], 0x02);
}

TEST(RegisterBankTargetSocketTest, LatencyIsAddedToSuccessfulTransactionsOnly) {
  CrBench bench("bench", secure());
  bench.cr.socket.set_latency(sc_core::sc_time(10, sc_core::SC_NS));
  uint32_t value = 0;
  bench.host.read32(0xf0014, value);
  bench.host.read32(0x200000, value);
  EXPECT_EQ(bench.host.delay, sc_core::sc_time(10, sc_core::SC_NS));
}

TEST(RegisterBankTargetSocketTest, DebugTransportHasNoSideEffects) {
  ModelLogCapture log;
  CrBench bench("bench", secure(), /*bind_gateway=*/true);
  uint32_t value = 0;
  EXPECT_EQ(bench.host.write32(0xf0014, 1, /*debug=*/true), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(bench.host.read32(0xf0014, value, /*debug=*/true), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(value, 0x20bu);
  EXPECT_EQ(bench.host.write32(0xf0400, 1, /*debug=*/true), tlm::TLM_OK_RESPONSE);
  EXPECT_TRUE(log.lines().empty());
  EXPECT_TRUE(bench.gateway.accesses.empty());
}

}  // namespace
}  // namespace secnic::testing
