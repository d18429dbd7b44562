// Flash model throughput in wall time per simulated operation, through the firmware's driver:
// page programs, 4 KiB and 64 KiB erases (each with its WREN, WEL check and RDSR polling), and
// reads (DMI and FAST_READ frames). Also the bare model: one PP frame with its WREN, no polling.
//
//   flash_bench [--quick]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "firmware_model/flashdrv/flash_driver.h"
#include "model/flash/spi_nor_flash.h"

namespace {

using secnic::fw::FlashDriver;
using secnic::fw::FlashDriverConfig;
using secnic::fw::FlashResult;
using secnic::model::SpiNorFlash;
using secnic::model::SpiTransfer;
using Clock = std::chrono::steady_clock;

struct BenchTop {
  SpiNorFlash flash{"flash"};
  FlashDriver driver{"driver"};
  BenchTop() { driver.socket.bind(flash.socket); }
};

struct Result {
  std::string name;
  uint64_t ops;
  double wall_s;
  double sim_s;
  uint64_t bytes;
};

void print(const Result& r) {
  const double us_per_op = r.wall_s * 1e6 / static_cast<double>(r.ops);
  std::printf("%-28s %9llu ops %10.0f ops/s %9.2f us/op wall %12.6f s/op simulated", r.name.c_str(),
              static_cast<unsigned long long>(r.ops), r.ops / r.wall_s, us_per_op,
              r.sim_s / static_cast<double>(r.ops));
  if (r.bytes > 0) std::printf(" %10.1f MiB/s", r.bytes / r.wall_s / (1 << 20));
  std::printf("\n");
}

// Lets the kernel consume the driver's local time; returns it in seconds.
double catch_up(FlashDriver& driver) {
  const sc_core::sc_time t = driver.take_elapsed();
  if (t > sc_core::SC_ZERO_TIME) sc_core::sc_start(t);
  return t.to_seconds();
}

Result measure(const std::string& name, BenchTop& top, uint64_t ops, uint64_t bytes,
               const std::function<bool(uint64_t)>& op) {
  top.driver.take_elapsed();
  const auto start = Clock::now();
  double simulated = 0;
  for (uint64_t i = 0; i < ops; ++i) {
    if (!op(i)) {
      std::fprintf(stderr, "%s: operation %llu failed\n", name.c_str(),
                   static_cast<unsigned long long>(i));
      std::exit(1);
    }
    if ((i & 63) == 63) simulated += catch_up(top.driver);
  }
  simulated += catch_up(top.driver);
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  return Result{name, ops, wall, simulated, bytes};
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  const uint64_t scale = quick ? 1 : 8;
  auto* top = new BenchTop;  // lives until exit: SystemC elaborates once
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
  FlashDriver& driver = top->driver;
  SpiNorFlash& flash = top->flash;
  const uint32_t size = flash.size();
  std::vector<Result> results;

  std::printf("SpiNorFlash (%s, 16 MiB) through FlashDriver; wall time per simulated op\n",
              flash.part().name);

  const uint64_t pages = 2048 * scale;
  std::vector<uint8_t> page(256);
  for (size_t i = 0; i < page.size(); ++i) page[i] = static_cast<uint8_t>(i * 3);
  results.push_back(measure("page program (256 B)", *top, pages, pages * 256, [&](uint64_t i) {
    return driver.program(static_cast<uint32_t>((i * 256) % size), page.data(), 256) ==
           FlashResult::kOk;
  }));
  results.push_back(measure("subsector erase (4 KiB)", *top, 256 * scale, 0, [&](uint64_t i) {
    return driver.erase(static_cast<uint32_t>((i * 4096) % size), 4096) == FlashResult::kOk;
  }));
  results.push_back(measure("sector erase (64 KiB)", *top, 64 * scale, 0, [&](uint64_t i) {
    return driver.erase(static_cast<uint32_t>((i * 65536) % size), 65536) == FlashResult::kOk;
  }));

  std::vector<uint8_t> buffer(1 << 20);
  for (uint32_t address = 0; address < size; address += 1 << 20) {  // warm the array's pages
    driver.read(address, buffer.data(), buffer.size());
  }
  catch_up(driver);
  const uint64_t reads = 64 * scale;
  results.push_back(measure("read 1 MiB (DMI)", *top, reads, reads << 20, [&](uint64_t i) {
    return driver.read(static_cast<uint32_t>((i << 20) % size), buffer.data(), buffer.size()) ==
           FlashResult::kOk;
  }));
  FlashDriverConfig frames_only;
  frames_only.use_dmi = false;
  driver.configure(frames_only);
  results.push_back(measure("read 1 MiB (FAST_READ)", *top, reads, reads << 20, [&](uint64_t i) {
    return driver.read(static_cast<uint32_t>((i << 20) % size), buffer.data(), buffer.size()) ==
           FlashResult::kOk;
  }));
  const uint64_t small_reads = 65536 * scale;
  results.push_back(
      measure("read 256 B (FAST_READ)", *top, small_reads, small_reads * 256, [&](uint64_t i) {
        return driver.read(static_cast<uint32_t>((i * 256) % size), buffer.data(), 256) ==
               FlashResult::kOk;
      }));
  driver.configure(FlashDriverConfig{});

  // The bare model: WREN + PP frames, then jump past the operation (no status polling).
  sc_core::sc_time local = sc_core::SC_ZERO_TIME;  // offset from sc_time_stamp()
  const auto start = Clock::now();
  for (uint64_t i = 0; i < pages; ++i) {
    SpiTransfer wren(secnic::model::spi_opcode::kWriteEnable);
    flash.socket.get_base_export()->b_transport(wren.payload(), local);
    SpiTransfer pp(secnic::model::spi_opcode::kPageProgram,
                   static_cast<uint32_t>((i * 256) % size));
    pp.send(page.data(), 256);
    flash.socket.get_base_export()->b_transport(pp.payload(), local);
    local = *flash.operation_end() - sc_core::sc_time_stamp();
  }
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  results.push_back(
      Result{"model only: WREN+PP frames", pages, wall, local.to_seconds(), pages * 256});

  for (const Result& r : results) print(r);
  const auto& stats = driver.statistics();
  std::printf("driver: %llu frames, %llu status polls\n",
              static_cast<unsigned long long>(stats.frames),
              static_cast<unsigned long long>(stats.status_polls));
  return 0;
}
