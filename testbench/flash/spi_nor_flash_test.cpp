// SpiNorFlash against a bare SPI controller that issues frames at chosen simulated times. One top
// per process (SystemC elaborates once); each test starts from an erased, idle, powered part.
#include "model/flash/spi_nor_flash.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <tlm_utils/simple_initiator_socket.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <vector>

#include "model/flash/torn_operation.h"
#include "testbench/flash/sysc_test_support.h"

namespace secnic::model {
namespace {

using sc_core::SC_MS;
using sc_core::SC_NS;
using sc_core::SC_PS;
using sc_core::sc_time;
using sc_core::SC_US;
using tlm::tlm_response_status;
namespace op = spi_opcode;

constexpr uint8_t kWip = spi_status::kWriteInProgress;
constexpr uint8_t kWel = spi_status::kWriteEnableLatch;

// A bare SPI controller: issues one frame per call at its local time (sc_time_stamp() + local).
class TestController : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<TestController> socket;
  sc_time local;
  sc_time last_frame;  // wire time of the last frame
  int invalidations = 0;

  explicit TestController(const sc_core::sc_module_name& name) : sc_module(name), socket("socket") {
    socket.register_invalidate_direct_mem_ptr(this, &TestController::invalidate);
  }

  sc_time now() const { return sc_core::sc_time_stamp() + local; }
  void at(const sc_time& t) { local = t - sc_core::sc_time_stamp(); }

  tlm_response_status send(SpiTransfer& transfer) {
    sc_time delay = local;
    socket->b_transport(transfer.payload(), delay);
    last_frame = delay - local;
    local = delay;
    return transfer.status();
  }
  tlm_response_status command(uint8_t opcode, uint32_t address = 0) {
    SpiTransfer t(opcode, address);
    return send(t);
  }
  tlm_response_status read(uint8_t opcode, uint32_t address, std::vector<uint8_t>& out) {
    SpiTransfer t(opcode, address);
    t.receive(out.data(), static_cast<unsigned>(out.size()));
    return send(t);
  }
  std::vector<uint8_t> read(uint8_t opcode, uint32_t address, unsigned length) {
    std::vector<uint8_t> out(length, 0xEE);
    EXPECT_EQ(read(opcode, address, out), tlm::TLM_OK_RESPONSE);
    return out;
  }
  tlm_response_status write(uint8_t opcode, uint32_t address, const std::vector<uint8_t>& data) {
    SpiTransfer t(opcode, address);
    t.send(data.data(), static_cast<unsigned>(data.size()));
    return send(t);
  }
  uint8_t status() { return read(op::kReadStatus, 0, 1)[0]; }

 private:
  void invalidate(sc_dt::uint64, sc_dt::uint64) { ++invalidations; }
};

struct ModelTop {
  SpiNorFlash flash{"flash"};
  TestController controller{"controller"};
  ModelTop() { controller.socket.bind(flash.socket); }
};

ModelTop& top() {
  static ModelTop* const instance = [] {
    testbench::fail_on_systemc_reports();
    testbench::model_log_capture();
    auto* t = new ModelTop;
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
    return t;
  }();
  return *instance;
}

// Runs `work` in a forked child, which continues on a copy-on-write copy of this whole simulation,
// and returns the bytes it produced. The parent's simulation is untouched.
std::vector<uint8_t> in_child(const std::function<std::vector<uint8_t>()>& work) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    const std::vector<uint8_t> out = work();
    size_t done = 0;
    while (done < out.size()) {
      const ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) ::_exit(2);
      done += static_cast<size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::vector<uint8_t> result;
  uint8_t buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
    result.insert(result.end(), buffer, buffer + n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return result;
}

class SpiNorFlashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    flash.disarm_cut();
    flash.on_power_cut(nullptr);
    if (!flash.powered()) flash.power_on();
    flash.reset();
    fill(0, flash.size(), 0xFF);
    testbench::model_log_capture().clear();
  }

  void fill(uint32_t address, uint32_t length, uint8_t value) {
    std::vector<uint8_t> bytes(length, value);
    poke(address, bytes);
  }
  void poke(uint32_t address, std::vector<uint8_t> bytes) {
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(address);
    gp.set_data_ptr(bytes.data());
    gp.set_data_length(static_cast<unsigned>(bytes.size()));
    ASSERT_EQ(flash.socket.get_base_export()->transport_dbg(gp), bytes.size());
  }
  std::vector<uint8_t> peek(uint32_t address, uint32_t length) const {
    return std::vector<uint8_t>(flash.contents() + address, flash.contents() + address + length);
  }

  void write_enable() { ASSERT_EQ(ctl.command(op::kWriteEnable), tlm::TLM_OK_RESPONSE); }
  tlm_response_status program(uint32_t address, const std::vector<uint8_t>& data) {
    write_enable();
    return ctl.write(op::kPageProgram, address, data);
  }
  // Moves the controller to the end of the operation in progress.
  void finish() {
    if (const auto end = flash.operation_end()) ctl.at(*end);
  }
  // Moves the controller so that the first status byte of its next RDSR is sampled at `t`.
  void sample_status_at(const sc_time& t) { ctl.at(t - flash.byte_time()); }

  SpiNorFlash& flash = top().flash;
  TestController& ctl = top().controller;
};

std::vector<uint8_t> pattern(size_t length, uint8_t seed) {
  std::vector<uint8_t> bytes(length);
  for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<uint8_t>(seed + i * 7);
  return bytes;
}

TEST_F(SpiNorFlashTest, ReadIdReturnsTheJedecIdentification) {
  const auto id = ctl.read(op::kReadId, 0, 24);
  EXPECT_EQ(id[0], 0x20);  // Micron
  EXPECT_EQ(id[1], 0xBA);  // 3 V N25Q
  EXPECT_EQ(id[2], 0x18);  // 128 Mbit
  EXPECT_EQ(id[3], 0x10);  // unique id length
  for (size_t i = 20; i < id.size(); ++i) EXPECT_EQ(id[i], 0x00) << i;
  EXPECT_EQ(ctl.last_frame, sc_time(25 * 160, SC_NS));  // 1 + 24 bytes at 50 MHz
}

TEST_F(SpiNorFlashTest, ReadAndFastReadReturnTheArrayAndWrapAtItsEnd) {
  const auto data = pattern(256, 3);
  poke(0x1000, data);
  EXPECT_EQ(ctl.read(op::kRead, 0x1000, 256), data);
  EXPECT_EQ(ctl.last_frame, sc_time((1 + 3 + 256) * 160, SC_NS));
  EXPECT_EQ(ctl.read(op::kFastRead, 0x1000, 256), data);
  EXPECT_EQ(ctl.last_frame, sc_time((1 + 3 + 1 + 256) * 160, SC_NS));
  EXPECT_EQ(ctl.read(op::kFastRead, 0x1010, 16),
            std::vector<uint8_t>(data.begin() + 16, data.begin() + 32));

  poke(flash.size() - 4, {1, 2, 3, 4});
  poke(0, {5, 6, 7, 8});
  EXPECT_EQ(ctl.read(op::kRead, flash.size() - 4, 8),
            (std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST_F(SpiNorFlashTest, ProgramOnlyClearsBits) {
  fill(0x2000, 16, 0xF0);
  ASSERT_EQ(program(0x2000, std::vector<uint8_t>(16, 0x3C)), tlm::TLM_OK_RESPONSE);
  finish();
  EXPECT_EQ(peek(0x2000, 16), std::vector<uint8_t>(16, 0x30));
  ASSERT_EQ(program(0x2000, std::vector<uint8_t>(16, 0xFF)), tlm::TLM_OK_RESPONSE);
  finish();
  EXPECT_EQ(peek(0x2000, 16), std::vector<uint8_t>(16, 0x30));
  ASSERT_EQ(program(0x2000, std::vector<uint8_t>(16, 0x0F)), tlm::TLM_OK_RESPONSE);
  finish();
  EXPECT_EQ(peek(0x2000, 16), std::vector<uint8_t>(16, 0x00));
  EXPECT_EQ(peek(0x2010, 1)[0], 0xFF);
}

TEST_F(SpiNorFlashTest, PageProgramWrapsWithinItsPage) {
  const std::vector<uint8_t> ten{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  ASSERT_EQ(program(0x3000 + 250, ten), tlm::TLM_OK_RESPONSE);
  finish();
  std::vector<uint8_t> expected(256, 0xFF);
  for (unsigned i = 0; i < ten.size(); ++i) expected[(250 + i) % 256] = ten[i];
  EXPECT_EQ(peek(0x3000, 256), expected);
  EXPECT_EQ(peek(0x3100, 4), std::vector<uint8_t>(4, 0xFF));

  // More than a page: the last 256 bytes sent are the ones programmed.
  const auto long_data = pattern(300, 0x40);
  ASSERT_EQ(program(0x4000 + 16, long_data), tlm::TLM_OK_RESPONSE);
  finish();
  std::vector<uint8_t> latched(256, 0xFF);
  for (unsigned i = 300 - 256; i < 300; ++i) latched[(16 + i) % 256] = long_data[i];
  EXPECT_EQ(peek(0x4000, 256), latched);
  EXPECT_EQ(peek(0x3FFF, 1)[0], 0xFF);
  EXPECT_EQ(peek(0x4100, 1)[0], 0xFF);
}

TEST_F(SpiNorFlashTest, ProgramAndEraseNeedTheWriteEnableLatch) {
  const uint64_t ops = flash.op_count();
  fill(0x5000, 256, 0xFF);
  ASSERT_EQ(ctl.write(op::kPageProgram, 0x5000, std::vector<uint8_t>(256, 0)),
            tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(peek(0x5000, 256), std::vector<uint8_t>(256, 0xFF));
  EXPECT_TRUE(testbench::model_log_capture().contains("write enable latch not set"));

  write_enable();
  EXPECT_EQ(ctl.status(), kWel);
  ASSERT_EQ(ctl.command(op::kWriteDisable), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(ctl.status(), 0);
  fill(0x6000, 16, 0x00);
  ASSERT_EQ(ctl.command(op::kSubsectorErase, 0x6000), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(ctl.command(op::kSectorErase, 0x6000), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(ctl.command(op::kBulkErase), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(peek(0x6000, 16), std::vector<uint8_t>(16, 0x00));
  EXPECT_EQ(flash.op_count(), ops);
  EXPECT_FALSE(flash.busy_at(ctl.now()));
}

TEST_F(SpiNorFlashTest, WriteEnableLatchStaysSetUntilTheOperationCompletes) {
  write_enable();
  EXPECT_EQ(ctl.status(), kWel);
  ASSERT_EQ(ctl.write(op::kPageProgram, 0x7000, {0x12}), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(ctl.status(), kWip | kWel);
  finish();
  EXPECT_EQ(ctl.status(), 0);
  EXPECT_EQ(peek(0x7000, 1)[0], 0x12);
}

TEST_F(SpiNorFlashTest, EverythingButStatusIsIgnoredWhileBusy) {
  const auto data = pattern(64, 9);
  poke(0x8000, data);
  write_enable();
  ASSERT_EQ(ctl.command(op::kSubsectorErase, 0x20000), tlm::TLM_OK_RESPONSE);
  const uint64_t ops = flash.op_count();

  EXPECT_EQ(ctl.read(op::kRead, 0x8000, 64), std::vector<uint8_t>(64, 0xFF));  // not driven
  EXPECT_EQ(ctl.read(op::kFastRead, 0x8000, 4), std::vector<uint8_t>(4, 0xFF));
  EXPECT_EQ(ctl.read(op::kReadId, 0, 3), std::vector<uint8_t>(3, 0xFF));
  ASSERT_EQ(ctl.command(op::kWriteEnable), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(ctl.write(op::kPageProgram, 0x8000, std::vector<uint8_t>(64, 0)), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(ctl.command(op::kSectorErase, 0x8000), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(ctl.status(), kWip | kWel);
  EXPECT_EQ(flash.op_count(), ops);
  EXPECT_TRUE(testbench::model_log_capture().contains("ignored, subsector erase #"));

  finish();
  EXPECT_EQ(ctl.status(), 0);  // the WREN sent while busy did not latch
  EXPECT_EQ(ctl.read(op::kRead, 0x8000, 64), data);
}

TEST_F(SpiNorFlashTest, EraseCommandsEraseTheAlignedBlockAroundTheirAddress) {
  fill(0, 0x40000, 0x00);
  write_enable();
  ASSERT_EQ(ctl.command(op::kSubsectorErase, 0x12345), tlm::TLM_OK_RESPONSE);
  finish();
  EXPECT_EQ(peek(0x12000, 0x1000), std::vector<uint8_t>(0x1000, 0xFF));
  EXPECT_EQ(peek(0x11FFF, 1)[0], 0x00);
  EXPECT_EQ(peek(0x13000, 1)[0], 0x00);

  write_enable();
  ASSERT_EQ(ctl.command(op::kSectorErase, 0x23456), tlm::TLM_OK_RESPONSE);
  finish();
  EXPECT_EQ(peek(0x20000, 0x10000), std::vector<uint8_t>(0x10000, 0xFF));
  EXPECT_EQ(peek(0x1FFFF, 1)[0], 0x00);
  EXPECT_EQ(peek(0x30000, 1)[0], 0x00);

  for (uint8_t opcode : {op::kBulkErase, op::kBulkEraseAlt}) {
    fill(0, 0x40000, 0x00);
    fill(flash.size() - 16, 16, 0x00);
    write_enable();
    ASSERT_EQ(ctl.command(opcode), tlm::TLM_OK_RESPONSE);
    finish();
    EXPECT_EQ(peek(0, 0x40000), std::vector<uint8_t>(0x40000, 0xFF));
    EXPECT_EQ(peek(flash.size() - 16, 16), std::vector<uint8_t>(16, 0xFF));
  }
}

TEST_F(SpiNorFlashTest, OperationTimesFollowTheConfiguredDataSheetValues) {
  const SpiNorTiming& timing = flash.config().timing;
  EXPECT_EQ(timing.page_program, sc_time(500, SC_US));
  EXPECT_EQ(flash.byte_time(), sc_time(160, SC_NS));

  write_enable();
  const sc_time pp_start = ctl.now();
  ASSERT_EQ(ctl.write(op::kPageProgram, 0x9000, std::vector<uint8_t>(256, 0)),
            tlm::TLM_OK_RESPONSE);
  const sc_time chip_select_high = ctl.now();
  EXPECT_EQ(chip_select_high - pp_start, flash.frame_time(op::kPageProgram, 256));
  const sc_time end = chip_select_high + timing.page_program;
  ASSERT_TRUE(flash.operation_end().has_value());
  EXPECT_EQ(*flash.operation_end(), end);
  sample_status_at(end - sc_time(1, SC_PS));
  EXPECT_EQ(ctl.status(), kWip | kWel);
  sample_status_at(end);
  EXPECT_EQ(ctl.status(), 0);

  // A partial page takes ceil(n/8)/32 of a full one.
  write_enable();
  ASSERT_EQ(ctl.write(op::kPageProgram, 0x9100, std::vector<uint8_t>(8, 0)), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(*flash.operation_end() - ctl.now(), sc_time(15.625, SC_US));
  finish();

  const std::pair<uint8_t, sc_time> erases[] = {{op::kSubsectorErase, sc_time(250, SC_MS)},
                                                {op::kSectorErase, sc_time(700, SC_MS)},
                                                {op::kBulkErase, sc_time(170, sc_core::SC_SEC)}};
  for (const auto& [opcode, duration] : erases) {
    write_enable();
    ASSERT_EQ(ctl.command(opcode, 0), tlm::TLM_OK_RESPONSE);
    const sc_time erase_end = ctl.now() + duration;
    EXPECT_EQ(*flash.operation_end(), erase_end) << int(opcode);
    EXPECT_TRUE(flash.busy_at(erase_end - sc_time(1, SC_PS)));
    EXPECT_FALSE(flash.busy_at(erase_end));
    sample_status_at(erase_end - sc_time(1, SC_PS));
    EXPECT_EQ(ctl.status(), kWip | kWel);
    sample_status_at(erase_end);
    EXPECT_EQ(ctl.status(), 0);
  }
}

TEST_F(SpiNorFlashTest, StatusRepeatsWhileChipSelectStaysLow) {
  write_enable();
  ASSERT_EQ(ctl.write(op::kPageProgram, 0xA000, {0x00}), tlm::TLM_OK_RESPONSE);
  const sc_time end = *flash.operation_end();
  // A long RDSR whose byte 3 starts exactly when the program ends.
  sample_status_at(end - 3 * flash.byte_time());
  EXPECT_EQ(ctl.read(op::kReadStatus, 0, 6),
            (std::vector<uint8_t>{kWip | kWel, kWip | kWel, kWip | kWel, 0, 0, 0}));
}

TEST_F(SpiNorFlashTest, UnknownOpcodesAreIgnoredAndLogged) {
  const uint64_t ops = flash.op_count();
  EXPECT_EQ(ctl.read(0x35, 0, 4), std::vector<uint8_t>(4, 0xFF));
  EXPECT_TRUE(testbench::model_log_capture().contains("opcode 0x35 not supported"));
  poke(0xB000, {0x55});
  write_enable();
  ASSERT_EQ(ctl.write(0x42, 0xB000, {0x00}), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(peek(0xB000, 1)[0], 0x55);
  EXPECT_EQ(flash.op_count(), ops);
  EXPECT_EQ(ctl.status(), kWel);
}

TEST_F(SpiNorFlashTest, MalformedFramesGetAnErrorAndChangeNothing) {
  const uint64_t ops = flash.op_count();
  uint8_t buffer[4] = {0, 0, 0, 0};
  sc_time delay = ctl.local;
  tlm::tlm_generic_payload no_frame;
  no_frame.set_command(tlm::TLM_READ_COMMAND);
  no_frame.set_data_ptr(buffer);
  no_frame.set_data_length(4);
  no_frame.set_streaming_width(4);
  ctl.socket->b_transport(no_frame, delay);
  EXPECT_EQ(no_frame.get_response_status(), tlm::TLM_COMMAND_ERROR_RESPONSE);

  std::vector<uint8_t> out(4);
  EXPECT_EQ(ctl.read(op::kRead, flash.size(), out), tlm::TLM_ADDRESS_ERROR_RESPONSE);

  write_enable();
  {
    SpiTransfer wrong_direction(op::kPageProgram, 0xC000);
    wrong_direction.receive(buffer, 4);
    EXPECT_EQ(ctl.send(wrong_direction), tlm::TLM_COMMAND_ERROR_RESPONSE);
  }
  {
    uint8_t enables[4] = {0xFF, 0xFF, 0xFF, 0xFF};
    SpiTransfer with_enables(op::kPageProgram, 0xC000);
    with_enables.send(buffer, 4);
    with_enables.payload().set_byte_enable_ptr(enables);
    with_enables.payload().set_byte_enable_length(4);
    EXPECT_EQ(ctl.send(with_enables), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
  }
  {
    SpiTransfer streaming(op::kPageProgram, 0xC000);
    streaming.send(buffer, 4);
    streaming.payload().set_streaming_width(1);
    EXPECT_EQ(ctl.send(streaming), tlm::TLM_BURST_ERROR_RESPONSE);
  }
  {
    SpiTransfer ignore_with_data(op::kPageProgram, 0xC000);
    ignore_with_data.send(buffer, 4);
    ignore_with_data.payload().set_command(tlm::TLM_IGNORE_COMMAND);
    EXPECT_EQ(ctl.send(ignore_with_data), tlm::TLM_COMMAND_ERROR_RESPONSE);
  }
  EXPECT_EQ(peek(0xC000, 4), std::vector<uint8_t>(4, 0xFF));
  EXPECT_EQ(flash.op_count(), ops);
  EXPECT_EQ(ctl.status(), kWel);
}

TEST_F(SpiNorFlashTest, ExtraBytesAfterACommandWithoutDataCancelIt) {
  fill(0xD000, 16, 0x00);
  write_enable();
  ASSERT_EQ(ctl.write(op::kSubsectorErase, 0xD000, {0x00}), tlm::TLM_OK_RESPONSE);
  EXPECT_FALSE(flash.busy_at(ctl.now()));
  EXPECT_EQ(peek(0xD000, 16), std::vector<uint8_t>(16, 0x00));
}

TEST_F(SpiNorFlashTest, UnpoweredPartFailsEveryFrameUntilPowerOn) {
  const auto data = pattern(32, 1);
  poke(0xE000, data);
  write_enable();
  flash.power_off();
  EXPECT_FALSE(flash.powered());
  std::vector<uint8_t> out(32);
  EXPECT_EQ(ctl.read(op::kRead, 0xE000, out), tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_TRUE(is_power_loss(ctl.read(op::kReadStatus, 0, out)));
  EXPECT_EQ(ctl.command(op::kWriteEnable), tlm::TLM_GENERIC_ERROR_RESPONSE);
  flash.power_on();
  EXPECT_EQ(ctl.status(), 0);  // the latch does not survive power loss
  EXPECT_EQ(ctl.read(op::kRead, 0xE000, 32), data);
}

TEST_F(SpiNorFlashTest, PowerLossMidProgramLeavesATornPage) {
  const uint32_t page = 0xF000;
  const auto run_until = [&](double fraction) {
    return in_child([&, fraction] {
      write_enable();
      ctl.write(op::kPageProgram, page, std::vector<uint8_t>(256, 0x00));
      const sc_time start = ctl.now();
      const sc_time end = *flash.operation_end();
      flash.power_off(start + (end - start) * fraction);
      return peek(page, 256);
    });
  };
  const auto quarter = run_until(0.25);
  const auto half = run_until(0.5);
  const auto three_quarters = run_until(0.75);
  ASSERT_EQ(half.size(), 256u);
  EXPECT_EQ(run_until(0.5), half);  // reproducible

  const auto count_new = [](const std::vector<uint8_t>& bytes) {
    return std::count(bytes.begin(), bytes.end(), 0x00);
  };
  EXPECT_GT(count_new(half), 256 * 3 / 10);
  EXPECT_LT(count_new(half), 256 * 7 / 10);
  EXPECT_GT(std::count(half.begin(), half.end(), 0xFF), 0);
  EXPECT_GT(std::count_if(half.begin(), half.end(), [](uint8_t b) { return b != 0 && b != 0xFF; }),
            0);  // partly programmed bytes
  EXPECT_LT(count_new(quarter), count_new(three_quarters));
  for (size_t i = 0; i < 256; ++i) {
    if (quarter[i] == 0x00) {
      EXPECT_EQ(three_quarters[i], 0x00) << "byte " << i << " un-programmed";
    }
  }
  EXPECT_EQ(peek(page, 256), std::vector<uint8_t>(256, 0xFF));  // the parent's copy is untouched
}

TEST_F(SpiNorFlashTest, ArmedTornCutIsReproducibleFromIndexAndSeed) {
  const uint32_t sector = 0x70000;
  std::vector<uint8_t> old(0x10000);
  for (size_t i = 0; i < old.size(); ++i) old[i] = static_cast<uint8_t>(i % 3 == 0 ? 0x00 : 0x5A);
  poke(sector, old);
  const auto torn_erase = [&](uint64_t seed) {
    return in_child([&, seed] {
      flash.arm_cut(flash.op_count(), CutMode::kTornOp, seed);
      write_enable();
      const tlm_response_status s = ctl.command(op::kSectorErase, sector);
      std::vector<uint8_t> out = peek(sector, 0x10000);
      out.push_back(is_power_loss(s) && !flash.powered() ? 1 : 0);
      return out;
    });
  };
  const auto a = torn_erase(11);
  const auto b = torn_erase(11);
  const auto c = torn_erase(12);
  ASSERT_EQ(a.size(), 0x10001u);
  EXPECT_EQ(a.back(), 1);  // the SE frame reported the power loss
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  size_t erased = 0, kept = 0, partial = 0;
  for (size_t i = 0; i < old.size(); ++i) {
    EXPECT_EQ(a[i] & old[i], old[i]) << "erase cleared a bit at " << i;
    if (a[i] == 0xFF) {
      ++erased;
    } else if (a[i] == old[i]) {
      ++kept;
    } else {
      ++partial;
    }
  }
  EXPECT_GT(erased, 0u);
  EXPECT_GT(kept, 0u);
  EXPECT_GT(partial, 0u);
}

TEST_F(SpiNorFlashTest, ArmedCutBeforeAnOperationAppliesNothing) {
  std::vector<PowerCut> cuts;
  flash.on_power_cut([&cuts](const PowerCut& cut) { cuts.push_back(cut); });
  const uint64_t k = flash.op_count() + 1;
  flash.arm_cut(k, CutMode::kBeforeOp, 3);
  ASSERT_EQ(program(0x10000, std::vector<uint8_t>(256, 0x11)), tlm::TLM_OK_RESPONSE);  // op k-1
  finish();
  EXPECT_TRUE(cuts.empty());
  EXPECT_EQ(program(0x10100, std::vector<uint8_t>(256, 0x22)), tlm::TLM_GENERIC_ERROR_RESPONSE);
  const sc_time chip_select_high = ctl.now();
  EXPECT_FALSE(flash.powered());
  EXPECT_FALSE(flash.cut_armed());
  EXPECT_EQ(flash.op_count(), k + 1);
  EXPECT_EQ(peek(0x10000, 256), std::vector<uint8_t>(256, 0x11));
  EXPECT_EQ(peek(0x10100, 256), std::vector<uint8_t>(256, 0xFF));
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(cuts[0].op_index, k);
  EXPECT_EQ(cuts[0].mode, CutMode::kBeforeOp);
  EXPECT_EQ(cuts[0].seed, 3u);
  EXPECT_EQ(cuts[0].kind, FlashOperationKind::kPageProgram);
  EXPECT_EQ(cuts[0].address, 0x10100u);
  EXPECT_EQ(cuts[0].length, 256u);
  EXPECT_EQ(cuts[0].progress, 0u);
  EXPECT_EQ(cuts[0].at, chip_select_high);
  std::vector<uint8_t> out(1);
  EXPECT_EQ(ctl.read(op::kReadStatus, 0, out), tlm::TLM_GENERIC_ERROR_RESPONSE);
}

TEST_F(SpiNorFlashTest, ArmedCutAfterAnOperationAppliesItCompletely) {
  std::vector<PowerCut> cuts;
  flash.on_power_cut([&cuts](const PowerCut& cut) { cuts.push_back(cut); });
  fill(0x30000, 0x1000, 0x00);
  flash.arm_cut(flash.op_count(), CutMode::kAfterOp, 5);
  write_enable();
  EXPECT_EQ(ctl.command(op::kSubsectorErase, 0x30800), tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(peek(0x30000, 0x1000), std::vector<uint8_t>(0x1000, 0xFF));
  EXPECT_FALSE(flash.powered());
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(cuts[0].kind, FlashOperationKind::kSubsectorErase);
  EXPECT_EQ(cuts[0].address, 0x30000u);
  EXPECT_EQ(cuts[0].progress, torn::kProgressComplete);
  EXPECT_EQ(cuts[0].at, ctl.now() + flash.config().timing.subsector_erase);
}

TEST_F(SpiNorFlashTest, ArmedTornProgramMixesOldAndNewBytes) {
  std::vector<PowerCut> cuts;
  flash.on_power_cut([&cuts](const PowerCut& cut) { cuts.push_back(cut); });
  const auto data = pattern(256, 0x21);
  flash.arm_cut(flash.op_count(), CutMode::kTornOp, 99);
  EXPECT_EQ(program(0x31000, data), tlm::TLM_GENERIC_ERROR_RESPONSE);
  const auto page = peek(0x31000, 256);
  size_t programmed = 0, old = 0;
  for (size_t i = 0; i < 256; ++i) {
    EXPECT_EQ(page[i] & data[i], data[i]) << "bit cleared that the program did not clear";
    programmed += page[i] == data[i];
    old += page[i] == 0xFF;
  }
  EXPECT_GT(programmed, 0u);
  EXPECT_GT(old, 0u);
  ASSERT_EQ(cuts.size(), 1u);
  EXPECT_EQ(cuts[0].progress, torn::cut_progress(cuts[0].op_index, 99));
  EXPECT_GT(cuts[0].at, ctl.now());
  EXPECT_LT(cuts[0].at, ctl.now() + flash.config().timing.page_program);
}

TEST_F(SpiNorFlashTest, ArmingACutAtAPastOperationThrows) {
  ASSERT_EQ(program(0x32000, {0}), tlm::TLM_OK_RESPONSE);
  finish();
  EXPECT_THROW(flash.arm_cut(flash.op_count() - 1, CutMode::kTornOp, 1), std::invalid_argument);
  EXPECT_FALSE(flash.cut_armed());
}

TEST_F(SpiNorFlashTest, DmiIsReadOnlyAndRevokedAroundOperationsAndPowerLoss) {
  tlm::tlm_generic_payload request;
  request.set_command(tlm::TLM_READ_COMMAND);
  request.set_address(0x100);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(ctl.socket->get_direct_mem_ptr(request, dmi));
  EXPECT_TRUE(dmi.is_read_allowed());
  EXPECT_FALSE(dmi.is_write_allowed());
  EXPECT_EQ(dmi.get_dmi_ptr(), flash.contents());
  EXPECT_EQ(dmi.get_start_address(), 0u);
  EXPECT_EQ(dmi.get_end_address(), flash.size() - 1u);
  EXPECT_EQ(dmi.get_read_latency(), flash.byte_time());

  const int before = ctl.invalidations;
  ASSERT_EQ(program(0x33000, {0x42}), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(ctl.invalidations, before + 1);
  tlm::tlm_dmi busy;
  EXPECT_FALSE(ctl.socket->get_direct_mem_ptr(request, busy));
  finish();
  EXPECT_EQ(ctl.status(), 0);
  tlm::tlm_dmi again;
  ASSERT_TRUE(ctl.socket->get_direct_mem_ptr(request, again));
  EXPECT_EQ(again.get_dmi_ptr()[0x33000], 0x42);

  flash.power_off();
  EXPECT_EQ(ctl.invalidations, before + 2);
  tlm::tlm_dmi off;
  EXPECT_FALSE(ctl.socket->get_direct_mem_ptr(request, off));
}

TEST_F(SpiNorFlashTest, DebugTransportBypassesNorRulesAndTime) {
  const sc_time local = ctl.local;
  fill(0x34000, 4, 0x00);
  poke(0x34000, {0xAB, 0xCD});  // sets bits, which no program could
  EXPECT_EQ(peek(0x34000, 2), (std::vector<uint8_t>{0xAB, 0xCD}));

  uint8_t out[8] = {};
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_data_ptr(out);
  gp.set_data_length(8);
  gp.set_address(flash.size() - 2);
  EXPECT_EQ(ctl.socket->transport_dbg(gp), 2u);
  gp.set_address(flash.size());
  EXPECT_EQ(ctl.socket->transport_dbg(gp), 0u);
  gp.set_address(0x34000);
  EXPECT_EQ(ctl.socket->transport_dbg(gp), 8u);
  EXPECT_EQ(out[1], 0xCD);
  EXPECT_EQ(ctl.local, local);
}

TEST_F(SpiNorFlashTest, ForkedChildWorksOnAPrivateCopy) {
  const auto child_page = in_child([&] {
    program(0x35000, std::vector<uint8_t>(256, 0x0F));
    finish();
    return peek(0x35000, 256);
  });
  EXPECT_EQ(child_page, std::vector<uint8_t>(256, 0x0F));
  EXPECT_EQ(peek(0x35000, 256), std::vector<uint8_t>(256, 0xFF));
}

}  // namespace
}  // namespace secnic::model
