// spine_bench: what simulating the card costs the real, unmodified mstflint, end to end.
//
// For `mstflint q` and for a burn of a 1 MiB signed image it measures, in one run:
//   card   the tool through `secnic run --card` (the whole model: VSEC, ICMD, registers, FSM,
//   flash) floor  the same binary, the same shim and the same access sequence answered from a
//   recording with no
//          model behind it (`replay:`), i.e. what the tool and the host link cost by themselves
// and reports card/floor, plus the simulated time the card spent on the burn.
//
//   build/bin/spine_bench [--runs N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testbench/support/process.h"

namespace {

namespace fs = std::filesystem;
using secnic::testing::ProcessResult;
using secnic::testing::run_process;
using Clock = std::chrono::steady_clock;

constexpr const char* kBdf = "5d:00.0";
constexpr const char* kUuid = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";
const std::vector<std::string> kEnv = {"SECNIC_FIXED_PID=4242"};  // record and replay need one pid

std::string secnic_cli() { return secnic::testing::bin_path("secnic"); }

void must(const ProcessResult& r, const std::string& what) {
  if (r.exit_code != 0) {
    std::fprintf(stderr, "spine_bench: %s failed (exit %d):\n%s\n", what.c_str(), r.exit_code,
                 r.output.c_str());
    std::exit(1);
  }
}

struct Sample {
  double wall_ms = 0;
  ProcessResult result;
};

Sample timed(const std::vector<std::string>& argv) {
  const auto start = Clock::now();
  Sample s;
  s.result = run_process(argv, std::chrono::seconds(600), kEnv);
  s.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double card_time_s(const std::string& card) {
  const ProcessResult r = run_process({secnic_cli(), "card", "info", card, "--json"});
  must(r, "secnic card info");
  return nlohmann::json::parse(r.output)["card_time_s"].get<double>();
}

std::vector<std::string> on_card(const std::string& card, std::vector<std::string> tool) {
  std::vector<std::string> argv = {secnic_cli(), "run", "--card", card, "--"};
  argv.insert(argv.end(), tool.begin(), tool.end());
  return argv;
}

std::vector<std::string> on_device(const std::string& spec, std::vector<std::string> tool) {
  std::vector<std::string> argv = {secnic_cli(), "run", "--device", std::string(kBdf) + "=" + spec,
                                   "--"};
  argv.insert(argv.end(), tool.begin(), tool.end());
  return argv;
}

void report(const char* what, const std::vector<double>& card, const std::vector<double>& floor) {
  const double c = median(card), f = median(floor);
  std::printf("  %-30s card %8.1f ms   floor %8.1f ms   ratio %.2fx   (medians of %zu)\n", what, c,
              f, c / f, card.size());
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: spine_bench [--runs N]\n");
      return 2;
    }
  }
  secnic::testing::TempDir work("secnic-spine-bench");
  const std::string key = work.file("vendor.pem"), pub = work.file("vendor.pub.pem");
  const std::string old_image = work.file("old.bin"), new_image = work.file("new.bin");
  must(run_process({"openssl", "genrsa", "-out", key, "2048"}), "openssl genrsa");
  must(run_process({"openssl", "rsa", "-in", key, "-pubout", "-out", pub}), "openssl rsa");
  for (const auto& [path, version] :
       {std::pair{old_image, "14.32.1010"}, {new_image, "14.32.1020"}}) {
    must(run_process({secnic_cli(), "image", "create", "-o", path, "--psid", "MT_2420110034",
                      "--fw-version", version, "--key", key, "--key-uuid", kUuid}),
         "secnic image create");
  }
  int cards = 0;
  auto fresh_card = [&] {
    const std::string dir = work.file("card" + std::to_string(cards++));
    must(run_process({secnic_cli(), "card", "create", dir, "--image", old_image, "--bdf", kBdf,
                      "--trusted-key", pub + ":" + kUuid}),
         "secnic card create");
    return fs::canonical(dir).string();
  };
  const std::vector<std::string> query = {"mstflint", "-d", kBdf, "q"};
  const std::vector<std::string> burn = {"mstflint", "-d", kBdf, "-i", new_image, "-y", "burn"};

  std::printf("mstflint 4.21 against a simulated ConnectX-4 Lx (%d runs each)\n", runs);

  // q: record once, then alternate card and floor runs so machine load affects both alike.
  const std::string q_card = fresh_card();
  const std::string q_trace = work.file("q.trace");
  must(timed(on_device("record:" + q_trace + ":card:" + q_card, query)).result, "record q");
  std::vector<double> q_card_ms, q_floor_ms;
  for (int i = 0; i < runs; ++i) {
    const Sample c = timed(on_card(q_card, query));
    const Sample f = timed(on_device("replay:" + q_trace, query));
    must(c.result, "q on the card");
    must(f.result, "q on the floor");
    if (c.result.output != f.result.output) {
      std::fprintf(stderr, "spine_bench: q output differs between card and floor\n");
      return 1;
    }
    q_card_ms.push_back(c.wall_ms);
    q_floor_ms.push_back(f.wall_ms);
  }
  report("mstflint q", q_card_ms, q_floor_ms);

  // burn: each card run needs a fresh card; the floor replays one recorded burn.
  const std::string b_trace = work.file("burn.trace");
  must(timed(on_device("record:" + b_trace + ":card:" + fresh_card(), burn)).result, "record burn");
  const long accesses = static_cast<long>((fs::file_size(b_trace) - 16) / 8);
  std::vector<double> b_card_ms, b_floor_ms, simulated_s;
  for (int i = 0; i < runs; ++i) {
    const std::string card = fresh_card();
    const double before = card_time_s(card);
    const Sample c = timed(on_card(card, burn));
    must(c.result, "burn on the card");
    simulated_s.push_back(card_time_s(card) - before);
    const Sample f = timed(on_device("replay:" + b_trace, burn));
    must(f.result, "burn on the floor");
    b_card_ms.push_back(c.wall_ms);
    b_floor_ms.push_back(f.wall_ms);
  }
  report("mstflint burn (1 MiB image)", b_card_ms, b_floor_ms);
  std::printf("  %-30s %ld config accesses, %.1f us of model per access\n", "burn", accesses,
              1000.0 * (median(b_card_ms) - median(b_floor_ms)) / accesses);
  std::printf("  %-30s %.2f s simulated (erase, program, verify, activate) in %.2f s wall\n",
              "card time of one burn", median(simulated_s), median(b_card_ms) / 1000.0);
  return 0;
}
