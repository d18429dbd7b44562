// powerfail_bench: how fast `secnic campaign` sweeps every flash operation of a full burn by the
// unmodified mstflint, and how that scales with the image size. Everything is measured in one run
// on this machine: the uncut burn (the floor a campaign cannot beat: it runs the action at least
// once) and the sweep, so the ratios hold across machines.
//
//   powerfail_bench [--sizes 256K,1M,4M] [--jobs N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "testbench/support/process.h"

namespace {

using secnic::testing::run_process;
using secnic::testing::TempDir;

std::string bin_dir() {
  std::error_code error;
  return std::filesystem::read_symlink("/proc/self/exe", error).parent_path().string();
}

std::string source_dir() {
  // bench binaries live in BUILD/bin; the CMake cache names the source.
  std::ifstream cache(std::filesystem::path(bin_dir()).parent_path() / "CMakeCache.txt");
  std::string line;
  while (std::getline(cache, line)) {
    if (line.rfind("CMAKE_HOME_DIRECTORY:INTERNAL=", 0) == 0) return line.substr(30);
  }
  return ".";
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) out.push_back(item);
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> sizes = {"256K", "1M", "4M"};
  std::string jobs = "2";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--sizes") {
      sizes = split(argv[i + 1]);
    } else if (flag == "--jobs") {
      jobs = argv[i + 1];
    } else {
      std::cerr << "usage: powerfail_bench [--sizes 256K,1M,4M] [--jobs N]\n";
      return 2;
    }
  }
  const std::string secnic = bin_dir() + "/secnic";
  const std::string keys = source_dir() + "/scenarios/keys";
  std::printf("%-6s %-6s %8s %10s %10s %12s %12s %14s\n", "image", "mode", "points", "burn s",
              "sweep s", "points/s", "sweep/burn", "vs re-running");
  int status = 0;
  int bus = 0x70;
  for (const std::string& size : sizes) {
    TempDir dir("secnic-powerfail-bench");
    char bdf[32];
    std::snprintf(bdf, sizeof bdf, "0000:%02x:00.0", bus++);
    const std::string scenario = dir.file("bench.yaml");
    std::ofstream(scenario) << "kind: powerfail\nname: bench_" << size << "\n"
                            << "keys:\n  vendor: {private: " << keys
                            << "/vendor_rsa2048.pem, uuid: 5ec0a11ce0000000000000000000a001}\n"
                            << "images:\n  old: {fw_version: 14.22.1000, sign: vendor, size: "
                            << size
                            << ", seed: 1}\n  new: {fw_version: 14.22.2000, sign: vendor, size: "
                            << size << ", seed: 2}\n"
                            << "card: {image: old, trusted_keys: [vendor], bdf: \"" << bdf
                            << "\"}\n"
                            << "host: mstflint -d ${bdf} -i ${new} -y burn\n"
                            << "expect: {host_exit: 0, installs: new}\n"
                            << "sweep: [every-op]\nretry: {sample: 0}\n";
    // One uncut burn, as a user runs it, on a fresh copy of the card the campaign built.
    double burn_s = 0;
    for (const std::string mode : {"exact", "memo"}) {
      std::vector<std::string> argv = {secnic, "campaign", scenario,        "--jobs",
                                       jobs,   "--work",   dir.file("work")};
      if (mode == "memo") argv.push_back("--memo");
      const auto r = run_process(argv, std::chrono::seconds(3600));
      std::smatch m;
      if (r.exit_code != 0 ||
          !std::regex_search(r.output, m, std::regex("(\\d+) points in ([0-9.]+) s"))) {
        std::cerr << "campaign failed for " << size << ":\n" << r.output << "\n";
        status = 1;
        continue;
      }
      const double points = std::stod(m[1]);
      const double sweep = std::stod(m[2]);
      if (burn_s == 0) {
        const std::string card = dir.file("work") + "/bench_" + size + "/card";
        const std::string image = dir.file("work") + "/bench_" + size + "/new.bin";
        const auto burn_started = std::chrono::steady_clock::now();
        const auto burn = run_process(
            {secnic, "run", "--card", card, "--", "mstflint", "-d", bdf, "-i", image, "-y", "burn"},
            std::chrono::seconds(600));
        burn_s = seconds_since(burn_started);
        if (burn.exit_code != 0) {
          std::cerr << "uncut burn failed for " << size << ":\n" << burn.output << "\n";
          return 1;
        }
      }
      std::printf("%-6s %-6s %8.0f %10.2f %10.2f %12.0f %12.2f %13.0fx\n", size.c_str(),
                  mode.c_str(), points, burn_s, sweep, points / sweep, sweep / burn_s,
                  points * burn_s / sweep);
      std::fflush(stdout);
    }
  }
  return status;
}
