// hostlink_bench: what the host link costs a real host program, measured end to end through `secnic
// run`.
//
//  1. Cost per config access through the shim: a child process under `secnic run` reads the config
//  header
//     with pread64 in a loop (null function, replay of the same loop, recording, and a simulated
//     card), next to a pread64 of /dev/zero (one real system call) for scale.
//  2. Time of `mstflint -d 03:00.0 q`: the tool alone (no device), the shim with a null function, a
//  simulated
//     card, and the replay floor (the same tool, shim and access sequence with no model behind it).
//
//   build/bin/hostlink_bench [--accesses N] [--runs N] [--card DIR] [--quick]
// Without --card, a card is created in a temporary directory with `secnic image create` and
// `secnic card create` (needs openssl); if that fails the card rows are skipped.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "testbench/support/process.h"

namespace {

namespace fs = std::filesystem;
using secnic::testing::ProcessResult;
using secnic::testing::run_process;
using Clock = std::chrono::steady_clock;

constexpr const char* kFunction = "/sys/bus/pci/devices/0000:03:00.0/config";
constexpr unsigned kHeaderDwords = 16;
constexpr std::chrono::seconds kTimeout{600};

struct Options {
  long accesses = 1000000;
  int runs = 10;
  std::string card;
};

fs::path self_path() { return fs::read_symlink("/proc/self/exe"); }
std::string secnic_path() { return (self_path().parent_path() / "secnic").string(); }

// Child mode: N dword preads over the config header; prints nanoseconds per access.
int access_loop(long accesses, const char* path) {
  const int fd = ::open(path, O_RDONLY);
  if (fd < 0) {
    std::perror(path);
    return 1;
  }
  uint32_t value = 0;
  uint64_t sum = 0;
  const auto start = Clock::now();
  for (long i = 0; i < accesses; ++i) {
    if (::pread64(fd, &value, 4, static_cast<off64_t>((i % kHeaderDwords) * 4)) != 4) {
      std::perror("pread64");
      return 1;
    }
    sum += value;
  }
  const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
  ::close(fd);
  std::printf("%.1f %llu\n", ns / static_cast<double>(accesses),
              static_cast<unsigned long long>(sum));
  return 0;
}

std::optional<double> loop_under_shim(const std::string& spec, long accesses) {
  const ProcessResult result =
      run_process({secnic_path(), "run", "--device", "03:00.0=" + spec, "--", self_path().string(),
                   "--access-loop", std::to_string(accesses), kFunction},
                  kTimeout, {"SECNIC_FIXED_PID=4242"});
  if (result.exit_code != 0) {
    std::fprintf(stderr, "  (%s failed: %s)\n", spec.c_str(), result.output.c_str());
    return std::nullopt;
  }
  return std::strtod(result.output.c_str(), nullptr);
}

struct Timing {
  double median_ms = 0;
  double min_ms = 0;
  std::string output;
  int exit_code = 0;
};

Timing time_runs(const std::vector<std::string>& argv, int runs,
                 const std::vector<std::string>& env = {}) {
  std::vector<double> samples;
  Timing timing;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    const ProcessResult result = run_process(argv, kTimeout, env);
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    timing.output = result.output;
    timing.exit_code = result.exit_code;
  }
  std::sort(samples.begin(), samples.end());
  timing.median_ms = samples[samples.size() / 2];
  timing.min_ms = samples.front();
  return timing;
}

void print_timing(const char* label, const Timing& timing) {
  std::printf("  %-46s %8.1f ms median %8.1f ms min   (exit %d)\n", label, timing.median_ms,
              timing.min_ms, timing.exit_code);
}

// A secure card at 03:00.0 in `dir` (returns its path), or nullopt with the reason on stderr.
std::optional<std::string> create_card(const fs::path& dir) {
  const std::string key = (dir / "vendor.pem").string();
  const std::string uuid = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";
  const std::vector<std::vector<std::string>> steps = {
      {"openssl", "genrsa", "-out", key, "2048"},
      {"openssl", "rsa", "-in", key, "-pubout", "-out", (dir / "vendor.pub.pem").string()},
      {secnic_path(), "image", "create", "-o", (dir / "fw.bin").string(), "--psid", "MT_2420110034",
       "--fw-version", "14.32.1010", "--key", key, "--key-uuid", uuid},
      {secnic_path(), "card", "create", (dir / "card").string(), "--image",
       (dir / "fw.bin").string(), "--trusted-key", (dir / "vendor.pub.pem").string() + ":" + uuid,
       "--bdf", "03:00.0"}};
  for (const auto& step : steps) {
    const ProcessResult result = run_process(step, kTimeout);
    if (result.exit_code != 0) {
      std::fprintf(stderr, "  (cannot create a card: %s: %s)\n", step[0].c_str(),
                   result.output.c_str());
      return std::nullopt;
    }
  }
  return (dir / "card").string();
}

int run_bench(const Options& options) {
  const secnic::testing::TempDir work("hostlink-bench");
  std::optional<std::string> card = options.card.empty() ? create_card(work.path()) : options.card;

  std::printf(
      "Cost per config access through the shim (pread64 of a header dword, %ld accesses):\n",
      options.accesses);
  {
    const int fd = ::open("/dev/zero", O_RDONLY);
    uint32_t value = 0;
    const auto start = Clock::now();
    for (long i = 0; i < options.accesses; ++i) ::pread64(fd, &value, 4, 0);
    const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
    ::close(fd);
    std::printf("  %-46s %8.1f ns\n", "pread64 of /dev/zero (one system call)",
                ns / options.accesses);
  }
  const std::string loop_trace = work.file("loop.trace");
  const auto null_ns = loop_under_shim("null", options.accesses);
  const auto record_ns = loop_under_shim("record:" + loop_trace + ":null", options.accesses);
  const auto replay_ns = loop_under_shim("replay:" + loop_trace, options.accesses);
  if (null_ns) std::printf("  %-46s %8.1f ns\n", "null function", *null_ns);
  if (record_ns)
    std::printf("  %-46s %8.1f ns\n", "record (null function, 8 B per access)", *record_ns);
  if (replay_ns) std::printf("  %-46s %8.1f ns\n", "replay (no model)", *replay_ns);
  if (card) {
    const long card_accesses = std::max(1000L, options.accesses / 100);
    if (const auto card_ns =
            loop_under_shim("card:" + fs::canonical(*card).string(), card_accesses)) {
      char label[64];
      std::snprintf(label, sizeof label, "simulated card (%ld accesses)", card_accesses);
      std::printf("  %-46s %8.1f ns\n", label, *card_ns);
    }
  }

  std::printf("\nmstflint -d 03:00.0 q, wall time per run (%d runs each):\n", options.runs);
  const Timing tool_only = time_runs({"mstflint", "-d", "07:00.0", "q"}, options.runs);
  print_timing("mstflint alone, no such device", tool_only);
  const std::vector<std::string> run_null = {secnic_path(), "run", "--device", "03:00.0=null",
                                             "--"};
  auto with = [](std::vector<std::string> prefix, std::vector<std::string> command) {
    prefix.insert(prefix.end(), command.begin(), command.end());
    return prefix;
  };
  print_timing("secnic run + shim, no such device",
               time_runs(with(run_null, {"mstflint", "-d", "07:00.0", "q"}), options.runs));
  print_timing("secnic run, null function",
               time_runs(with(run_null, {"mstflint", "-d", "03:00.0", "q"}), options.runs));
  if (!card) {
    std::printf("  (no card: card and replay rows skipped)\n");
    return 0;
  }
  const std::vector<std::string> env = {"SECNIC_FIXED_PID=4242"};
  const std::string q_trace = work.file("q.trace");
  const std::string card_dir = fs::canonical(*card).string();
  const Timing recorded = time_runs(
      {secnic_path(), "run", "--device", "03:00.0=record:" + q_trace + ":card:" + card_dir, "--",
       "mstflint", "-d", "03:00.0", "q"},
      1, env);
  const Timing card_q =
      time_runs({secnic_path(), "run", "--card", card_dir, "--", "mstflint", "-d", "03:00.0", "q"},
                options.runs, env);
  print_timing("secnic run, simulated card", card_q);
  const Timing replay_q = time_runs({secnic_path(), "run", "--device", "03:00.0=replay:" + q_trace,
                                     "--", "mstflint", "-d", "03:00.0", "q"},
                                    options.runs, env);
  print_timing("secnic run, replay floor (no model)", replay_q);
  const long accesses = static_cast<long>((fs::file_size(q_trace) - 16) / 8);
  std::printf("  %-46s %8ld\n", "config accesses in one q", accesses);
  std::printf("  %-46s %8.1f ms (%.2f us per access)\n", "model cost (card - replay, medians)",
              card_q.median_ms - replay_q.median_ms,
              1000.0 * (card_q.median_ms - replay_q.median_ms) / static_cast<double>(accesses));
  if (recorded.exit_code != 0 || card_q.exit_code != 0 || replay_q.exit_code != 0 ||
      replay_q.output != card_q.output) {
    std::printf("  WARNING: the runs disagree:\n--- card:\n%s--- replay:\n%s",
                card_q.output.c_str(), replay_q.output.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--access-loop" && i + 2 < argc)
      return access_loop(std::atol(argv[i + 1]), argv[i + 2]);
    if (arg == "--accesses" && has_value) {
      options.accesses = std::max(1L, std::atol(argv[++i]));
    } else if (arg == "--runs" && has_value) {
      options.runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--card" && has_value) {
      options.card = argv[++i];
    } else if (arg == "--quick") {
      options.accesses = 100000;
      options.runs = 3;
    } else {
      std::fprintf(stderr,
                   "usage: hostlink_bench [--accesses N] [--runs N] [--card DIR] [--quick]\n");
      return 2;
    }
  }
  return run_bench(options);
}
