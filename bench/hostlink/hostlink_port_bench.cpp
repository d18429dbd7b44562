// hostlink_port_bench: the cost of one config access inside the host link, without the shim and
// without a process boundary (Google Benchmark): the null function, the replay floor, recording,
// and the sysfs-style byte splitting the shim applies to every pread/pwrite.
//   build/bin/hostlink_port_bench [Google Benchmark options]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "tlm/hostlink/config_space_io.h"
#include "tlm/hostlink/config_trace.h"
#include "tlm/hostlink/null_function.h"
#include "tlm/hostlink/recording_port.h"
#include "tlm/hostlink/replaying_port.h"

namespace {

using namespace secnic::hostlink;

constexpr uint32_t kHeaderDwords = 16;

void BM_NullFunctionDwordRead(benchmark::State& state) {
  NullPciFunction function;
  uint32_t value = 0;
  uint32_t offset = 0;
  for (auto _ : state) {
    function.config_read(offset, 4, value);
    benchmark::DoNotOptimize(value);
    offset = (offset + 4) % (kHeaderDwords * 4);
  }
}
BENCHMARK(BM_NullFunctionDwordRead);

void BM_SysfsSplitDwordRead(benchmark::State& state) {
  NullPciFunction function;
  uint32_t value = 0;
  uint32_t offset = 0;
  for (auto _ : state) {
    read_config_bytes(function, offset, &value, 4);
    benchmark::DoNotOptimize(value);
    offset = (offset + 4) % (kHeaderDwords * 4);
  }
}
BENCHMARK(BM_SysfsSplitDwordRead);

void BM_ReplayDwordRead(benchmark::State& state) {
  const size_t length = 1 << 20;
  std::vector<ConfigAccess> trace(length);
  for (size_t i = 0; i < length; ++i)
    trace[i].offset = static_cast<uint16_t>((i % kHeaderDwords) * 4);
  auto replay = std::make_unique<ReplayingPort>(trace, "memory");
  uint32_t value = 0;
  size_t i = 0;
  for (auto _ : state) {
    if (i == length) {  // start the recording over
      state.PauseTiming();
      replay = std::make_unique<ReplayingPort>(trace, "memory");
      i = 0;
      state.ResumeTiming();
    }
    replay->config_read(static_cast<uint32_t>((i++ % kHeaderDwords) * 4), 4, value);
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_ReplayDwordRead);

void BM_RecordDwordRead(benchmark::State& state) {
  char path[] = "/tmp/hostlink_port_bench_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) {
    state.SkipWithError("mkstemp failed");
    return;
  }
  close(fd);
  {
    RecordingPort recorder(std::make_unique<NullPciFunction>(),
                           std::make_unique<ConfigTraceWriter>(path));
    uint32_t value = 0;
    uint32_t offset = 0;
    for (auto _ : state) {
      recorder.config_read(offset, 4, value);
      benchmark::DoNotOptimize(value);
      offset = (offset + 4) % (kHeaderDwords * 4);
    }
  }
  std::remove(path);
}
BENCHMARK(BM_RecordDwordRead);

}  // namespace

BENCHMARK_MAIN();
