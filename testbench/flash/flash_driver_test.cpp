// FlashDriver over the SpiNorFlash model: one elaborated top per process, each test from an erased,
// idle part and a driver with its default configuration.
#include "firmware_model/flashdrv/flash_driver.h"

#include <gtest/gtest.h>

#include <vector>

#include "model/flash/spi_nor_flash.h"
#include "testbench/flash/sysc_test_support.h"

namespace secnic::fw {
namespace {

using model::CutMode;
using model::SpiNorFlash;
using model::SpiTransfer;
using sc_core::SC_MS;
using sc_core::sc_time;
using sc_core::SC_US;
namespace op = model::spi_opcode;

struct DriverTop {
  SpiNorFlash flash{"flash"};
  FlashDriver driver{"driver"};
  DriverTop() { driver.socket.bind(flash.socket); }
};

DriverTop& top() {
  static DriverTop* const instance = [] {
    testbench::fail_on_systemc_reports();
    testbench::model_log_capture();
    auto* t = new DriverTop;
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    return t;
  }();
  return *instance;
}

class FlashDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    flash.disarm_cut();
    if (!flash.powered()) flash.power_on();
    flash.reset();
    driver.configure(FlashDriverConfig{});
    fill(0, flash.size(), 0xFF);
    // Let the kernel catch up with the driver so every test starts at a fresh time.
    const sc_time elapsed = driver.take_elapsed();
    if (elapsed > sc_core::SC_ZERO_TIME) sc_core::sc_start(elapsed);
    testbench::model_log_capture().clear();
  }

  void fill(uint32_t address, uint32_t length, uint8_t value) {
    std::vector<uint8_t> bytes(length, value);
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(address);
    gp.set_data_ptr(bytes.data());
    gp.set_data_length(length);
    ASSERT_EQ(flash.socket.get_base_export()->transport_dbg(gp), length);
  }
  std::vector<uint8_t> peek(uint32_t address, uint32_t length) const {
    return std::vector<uint8_t>(flash.contents() + address, flash.contents() + address + length);
  }
  std::vector<uint8_t> read(uint32_t address, uint32_t length) {
    std::vector<uint8_t> out(length, 0xEE);
    EXPECT_EQ(driver.read(address, out.data(), length), FlashResult::kOk);
    return out;
  }

  SpiNorFlash& flash = top().flash;
  FlashDriver& driver = top().driver;
};

std::vector<uint8_t> pattern(size_t length, uint8_t seed) {
  std::vector<uint8_t> bytes(length);
  for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<uint8_t>(seed ^ (i * 31 + (i >> 8)));
  return bytes;
}

TEST_F(FlashDriverTest, GeometryAndJedecIdAreThePartsOwn) {
  EXPECT_EQ(driver.size(), 16u << 20);
  EXPECT_EQ(driver.subsector_size(), 4096u);
  EXPECT_EQ(driver.sector_size(), 65536u);
  std::array<uint8_t, 3> id{};
  EXPECT_EQ(driver.read_id(id), FlashResult::kOk);
  EXPECT_EQ(id, (std::array<uint8_t, 3>{0x20, 0xBA, 0x18}));
}

TEST_F(FlashDriverTest, ProgramSplitsIntoPagesAndReadsBack) {
  const auto data = pattern(600, 0x5A);
  const uint64_t ops = flash.op_count();
  const auto stats = driver.statistics();
  ASSERT_EQ(driver.program(0x10000 + 100, data.data(), data.size()), FlashResult::kOk);
  // 156 + 256 + 188 bytes: three page programs, each WREN + RDSR + PP + RDSR polls.
  EXPECT_EQ(flash.op_count() - ops, 3u);
  EXPECT_EQ(driver.statistics().page_programs - stats.page_programs, 3u);
  EXPECT_EQ(peek(0x10000 + 100, 600), data);
  EXPECT_EQ(peek(0x10000 + 99, 1)[0], 0xFF);
  EXPECT_EQ(peek(0x10000 + 700, 1)[0], 0xFF);
  EXPECT_EQ(read(0x10000 + 100, 600), data);
  EXPECT_FALSE(flash.busy_at(sc_core::sc_time_stamp() + driver.elapsed()));
}

TEST_F(FlashDriverTest, ProgrammingKeepsNorSemantics) {
  fill(0x20000, 4, 0xF0);
  const std::vector<uint8_t> data{0x3C, 0x3C, 0xFF, 0x00};
  ASSERT_EQ(driver.program(0x20000, data.data(), data.size()), FlashResult::kOk);
  EXPECT_EQ(read(0x20000, 4), (std::vector<uint8_t>{0x30, 0x30, 0xF0, 0x00}));
}

TEST_F(FlashDriverTest, EraseUsesSectorsWhereAWholeSectorIsCovered) {
  fill(0, 0x40000, 0x00);
  const auto stats = driver.statistics();
  const uint64_t ops = flash.op_count();
  // 0x1000..0x10000: 15 subsectors; 0x10000..0x20000: one sector; 0x20000..0x21000: one subsector.
  ASSERT_EQ(driver.erase(0x1000, 0x20000), FlashResult::kOk);
  EXPECT_EQ(driver.statistics().subsector_erases - stats.subsector_erases, 16u);
  EXPECT_EQ(driver.statistics().sector_erases - stats.sector_erases, 1u);
  EXPECT_EQ(flash.op_count() - ops, 17u);
  EXPECT_EQ(peek(0x1000, 0x20000), std::vector<uint8_t>(0x20000, 0xFF));
  EXPECT_EQ(peek(0x0FFF, 1)[0], 0x00);
  EXPECT_EQ(peek(0x21000, 1)[0], 0x00);
}

TEST_F(FlashDriverTest, BadRangesAreRefusedBeforeAnyFrame) {
  const uint64_t frames = driver.statistics().frames;
  uint8_t byte = 0;
  EXPECT_EQ(driver.erase(0x800, 0x1000), FlashResult::kMisaligned);
  EXPECT_EQ(driver.erase(0x1000, 0x800), FlashResult::kMisaligned);
  EXPECT_EQ(driver.erase(driver.size() - 0x1000, 0x2000), FlashResult::kOutOfRange);
  EXPECT_EQ(driver.erase(0xFFFFF000u, 0x1000), FlashResult::kOutOfRange);
  EXPECT_EQ(driver.program(driver.size(), &byte, 1), FlashResult::kOutOfRange);
  EXPECT_EQ(driver.program(driver.size() - 1, &byte, 2), FlashResult::kOutOfRange);
  EXPECT_EQ(driver.read(0xFFFFFFFFu, &byte, 1), FlashResult::kOutOfRange);
  EXPECT_EQ(driver.statistics().frames, frames);
  EXPECT_EQ(driver.program(driver.size() - 1, &byte, 1), FlashResult::kOk);
  EXPECT_EQ(driver.erase(driver.size(), 0), FlashResult::kOk);
}

TEST_F(FlashDriverTest, ElapsedTimeCoversTheOperationsAndIsDeterministic) {
  const std::vector<uint8_t> page(256, 0x00);
  ASSERT_EQ(driver.program(0x30000, page.data(), page.size()), FlashResult::kOk);
  const sc_time program_time = driver.take_elapsed();
  EXPECT_GE(program_time, flash.config().timing.page_program);
  EXPECT_LE(program_time, flash.config().timing.page_program +
                              driver.config().program_poll_interval + sc_time(100, SC_US));
  EXPECT_EQ(driver.elapsed(), sc_core::SC_ZERO_TIME);

  ASSERT_EQ(driver.program(0x30100, page.data(), page.size()), FlashResult::kOk);
  EXPECT_EQ(driver.take_elapsed(), program_time);  // same work, same time

  ASSERT_EQ(driver.erase(0x40000, 0x10000), FlashResult::kOk);
  const sc_time erase_time = driver.take_elapsed();
  EXPECT_GE(erase_time, sc_time(700, SC_MS));
  EXPECT_LE(erase_time, sc_time(701, SC_MS) + sc_time(100, SC_US));
}

TEST_F(FlashDriverTest, CallerCanConsumeElapsedTimeWithTheKernel) {
  const sc_time start = sc_core::sc_time_stamp();
  ASSERT_EQ(driver.erase(0x50000, 0x1000), FlashResult::kOk);
  const sc_time elapsed = driver.take_elapsed();
  sc_core::sc_start(elapsed);
  EXPECT_EQ(sc_core::sc_time_stamp(), start + elapsed);
  EXPECT_FALSE(flash.busy_at(sc_core::sc_time_stamp()));
  const std::vector<uint8_t> data{1, 2, 3};
  ASSERT_EQ(driver.program(0x50000, data.data(), data.size()), FlashResult::kOk);
  EXPECT_EQ(read(0x50000, 3), data);
}

TEST_F(FlashDriverTest, ReadsWithAndWithoutDmiAgree) {
  const auto data = pattern(5000, 3);
  ASSERT_EQ(driver.program(0x60000, data.data(), data.size()), FlashResult::kOk);
  const auto stats = driver.statistics();
  EXPECT_EQ(read(0x60000, 5000), data);
  EXPECT_EQ(driver.statistics().dmi_reads - stats.dmi_reads, 1u);
  driver.take_elapsed();
  EXPECT_EQ(read(0x60000, 5000), data);
  const sc_time dmi_time = driver.take_elapsed();

  FlashDriverConfig frames_only;
  frames_only.use_dmi = false;
  driver.configure(frames_only);
  EXPECT_EQ(read(0x60000, 5000), data);
  EXPECT_EQ(driver.statistics().frame_reads - stats.frame_reads, 1u);
  EXPECT_EQ(driver.take_elapsed(), dmi_time);  // DMI costs what the FAST_READ frame would
}

TEST_F(FlashDriverTest, PowerCutDuringAnUpdateIsPowerLost) {
  const auto data = pattern(3 * 256, 7);
  flash.arm_cut(flash.op_count() + 1, CutMode::kTornOp, 21);
  EXPECT_EQ(driver.program(0x70000, data.data(), data.size()), FlashResult::kPowerLost);
  EXPECT_EQ(peek(0x70000, 256), std::vector<uint8_t>(data.begin(), data.begin() + 256));
  EXPECT_NE(peek(0x70100, 256), std::vector<uint8_t>(data.begin() + 256, data.begin() + 512));
  EXPECT_EQ(peek(0x70200, 256), std::vector<uint8_t>(256, 0xFF));  // never started

  uint8_t byte = 0;
  EXPECT_EQ(driver.read(0x70000, &byte, 1), FlashResult::kPowerLost);  // DMI was revoked
  EXPECT_EQ(driver.erase(0x70000, 0x1000), FlashResult::kPowerLost);
  flash.power_on();
  EXPECT_EQ(driver.read(0x70000, &byte, 1), FlashResult::kOk);
  EXPECT_EQ(byte, data[0]);
}

TEST_F(FlashDriverTest, BusyPartIsADeviceError) {
  // Another master started a bulk erase (170 s) just before the driver runs.
  sc_time t = sc_core::sc_time_stamp() + driver.elapsed();
  SpiTransfer wren(op::kWriteEnable);
  flash.socket.get_base_export()->b_transport(wren.payload(), t);
  SpiTransfer bulk(op::kBulkErase);
  flash.socket.get_base_export()->b_transport(bulk.payload(), t);
  ASSERT_TRUE(flash.operation_end().has_value());
  fill(0x80000, 4, 0xAA);

  const std::vector<uint8_t> data{0, 0, 0, 0};
  EXPECT_EQ(driver.program(0x80000, data.data(), data.size()), FlashResult::kDeviceError);
  EXPECT_EQ(driver.erase(0x80000, 0x1000), FlashResult::kDeviceError);
  EXPECT_EQ(peek(0x80000, 4), std::vector<uint8_t>(4, 0xAA));
  EXPECT_TRUE(testbench::model_log_capture().contains("write enable not latched"));

  // Reads while the part is busy get what a floating bus gives.
  FlashDriverConfig frames_only;
  frames_only.use_dmi = false;
  driver.configure(frames_only);
  EXPECT_EQ(read(0x80000, 4), std::vector<uint8_t>(4, 0xFF));
}

TEST_F(FlashDriverTest, OperationThatNeverFinishesTimesOut) {
  FlashDriverConfig impatient;
  impatient.sector_erase_timeout = sc_time(100, SC_MS);
  driver.configure(impatient);
  EXPECT_EQ(driver.erase(0x90000, 0x10000), FlashResult::kDeviceError);
  EXPECT_TRUE(testbench::model_log_capture().contains("still busy"));
  EXPECT_LT(driver.elapsed(), sc_time(110, SC_MS));
}

TEST(FlashResultNames, EveryResultHasAName) {
  EXPECT_STREQ(to_string(FlashResult::kOk), "ok");
  EXPECT_STREQ(to_string(FlashResult::kOutOfRange), "out of range");
  EXPECT_STREQ(to_string(FlashResult::kMisaligned), "misaligned");
  EXPECT_STREQ(to_string(FlashResult::kDeviceError), "device error");
  EXPECT_STREQ(to_string(FlashResult::kPowerLost), "power lost");
}

}  // namespace
}  // namespace secnic::fw
