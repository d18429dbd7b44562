// Wall-clock cost of the config-space path the host tools drive, in process (no host shim): a
// header read, the capability walk, one mtcr dword read through the VSEC gateway (11 config
// accesses), an ICMD access- register command of MGIR's size, and a session shaped like `mstflint
// -d <dev> q` (VSEC open, ICMD open, 29 commands of the sizes §5.2 of the device contract lists).
//
//   pcie_bench [--benchmark_filter=...]   (Google Benchmark options)
#include <benchmark/benchmark.h>

#include <memory>
#include <vector>

#include "testbench/pcie/mtcr_driver.h"
#include "testbench/pcie/test_card.h"

namespace {

using secnic::testing::MtcrDriver;
using secnic::testing::MtcrResult;
using secnic::testing::TestCard;
using secnic::testing::TestCardState;
namespace mtcr = secnic::testing::mtcr;

// One card for the whole run: SystemC objects are built once per process.
struct Bench {
  TestCardState state;
  TestCard card{"card", state};
  Bench() {
    card.handler.respond = [](uint8_t* mailbox, size_t) { mailbox[1] = 0; };  // status 0
  }
};

Bench& bench() {
  static Bench* instance = new Bench;
  return *instance;
}

// Counts config accesses without keeping them.
class CountingPort : public secnic::hostlink::PciConfigPort {
 public:
  explicit CountingPort(secnic::hostlink::PciConfigPort& inner) : m_inner(inner) {}
  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override {
    ++accesses;
    return m_inner.config_read(offset, size, value);
  }
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override {
    ++accesses;
    return m_inner.config_write(offset, size, value);
  }
  uint64_t accesses = 0;

 private:
  secnic::hostlink::PciConfigPort& m_inner;
};

void report_accesses(benchmark::State& state, const CountingPort& port) {
  state.counters["config_accesses/iter"] =
      static_cast<double>(port.accesses) / static_cast<double>(state.iterations());
  state.counters["config_accesses/s"] =
      benchmark::Counter(static_cast<double>(port.accesses), benchmark::Counter::kIsRate);
}

void BM_ConfigHeaderRead(benchmark::State& state) {
  auto& pcie = bench().card.pcie;
  uint32_t value = 0;
  for (auto _ : state) {
    pcie.config_read(0x0, 4, value);
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_ConfigHeaderRead);

void BM_CapabilityWalk(benchmark::State& state) {
  CountingPort port(bench().card.pcie);
  for (auto _ : state) {
    MtcrDriver driver(port);
    benchmark::DoNotOptimize(driver.find_capability(0x09));
  }
  report_accesses(state, port);
}
BENCHMARK(BM_CapabilityWalk);

void BM_CrSpaceDwordRead(benchmark::State& state) {
  CountingPort port(bench().card.pcie);
  MtcrDriver driver(port);
  driver.set_vsec_base(0xc0);
  uint32_t value = 0;
  for (auto _ : state) {
    if (driver.read4(mtcr::kSpaceCr, 0xf0014, value) != MtcrResult::kOk)
      state.SkipWithError("read");
    driver.clear_ops();
  }
  report_accesses(state, port);
}
BENCHMARK(BM_CrSpaceDwordRead);

void BM_IcmdAccessRegisterMgirSized(benchmark::State& state) {
  CountingPort port(bench().card.pcie);
  MtcrDriver driver(port);
  if (driver.open() != MtcrResult::kOk || driver.icmd_open() != MtcrResult::kOk) {
    state.SkipWithError("open");
    return;
  }
  std::vector<uint8_t> mailbox(20 + 0xa0);
  for (auto _ : state) {
    if (driver.icmd_send(0x9001, mailbox, 20 + 0xa0, 20 + 0xa0) != MtcrResult::kOk) {
      state.SkipWithError("icmd");
    }
    driver.clear_ops();
  }
  report_accesses(state, port);
}
BENCHMARK(BM_IcmdAccessRegisterMgirSized)->Unit(benchmark::kMicrosecond);

void BM_QueryShapedSession(benchmark::State& state) {
  // Register sizes of the `q` sequence: MCAM x2, MCC, MCQS x2, MCQI x4, MGIR, MNVA x4, MQIS x12,
  // MCAM, and the duplicate sends of failed small registers, 29 commands in all.
  std::vector<uint32_t> sizes = {0x48, 0x48, 0x20, 0x10, 0x10, 0x94, 0x94,
                                 0x94, 0x94, 0xa0, 76,   76,   76,   76};
  while (sizes.size() < 28) sizes.push_back(0x18);
  sizes.push_back(0x48);
  CountingPort port(bench().card.pcie);
  std::vector<uint8_t> mailbox(0x340);
  for (auto _ : state) {
    MtcrDriver driver(port);
    if (driver.open() != MtcrResult::kOk || driver.icmd_open() != MtcrResult::kOk) {
      state.SkipWithError("open");
      return;
    }
    for (uint32_t size : sizes) {
      if (driver.icmd_send(0x9001, mailbox, 20 + size, 20 + size) != MtcrResult::kOk) {
        state.SkipWithError("icmd");
      }
      driver.clear_ops();
    }
  }
  report_accesses(state, port);
}
BENCHMARK(BM_QueryShapedSession)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
