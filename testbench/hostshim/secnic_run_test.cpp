// End to end: `secnic run` spawns real programs (ls, cat, sh, the shim probe) with the shim
// preloaded.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "testbench/support/process.h"

namespace {

using secnic::testing::bin_path;
using secnic::testing::ProcessResult;
using secnic::testing::run_process;
using secnic::testing::TempDir;

const std::string kFunction = "/sys/bus/pci/devices/0000:03:00.0";
constexpr std::chrono::seconds kTimeout{60};

ProcessResult secnic_run(std::vector<std::string> run_arguments,
                         const std::vector<std::string>& env = {}) {
  run_arguments.insert(run_arguments.begin(), {bin_path("secnic"), "run"});
  return run_process(run_arguments, kTimeout, env);
}

// Runs the shim probe under `secnic run` with the given devices; returns its lines.
std::vector<std::string> probe(const std::vector<std::string>& devices,
                               const std::vector<std::string>& operations,
                               const std::vector<std::string>& env = {}) {
  std::vector<std::string> arguments;
  for (const auto& device : devices) arguments.insert(arguments.end(), {"--device", device});
  arguments.push_back("--");
  arguments.push_back(SHIM_PROBE);
  arguments.insert(arguments.end(), operations.begin(), operations.end());
  const ProcessResult result = secnic_run(arguments, env);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < result.output.size()) {
    const size_t end = result.output.find('\n', start);
    lines.push_back(result.output.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> real_pci_entries() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/sys/bus/pci/devices", error)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

TEST(SecnicRun, ListsTheSimulatedFunctionAmongTheRealEntries) {
  const ProcessResult result =
      secnic_run({"--device", "03:00.0=null", "--", "ls", "/sys/bus/pci/devices"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("0000:03:00.0\n"), std::string::npos) << result.output;
  for (const std::string& real : real_pci_entries()) {
    EXPECT_NE(result.output.find(real + "\n"), std::string::npos) << real << " missing:\n"
                                                                  << result.output;
  }
}

TEST(SecnicRun, SimulatedFunctionShadowsARealOneAtTheSameBdf) {
  const std::vector<std::string> real = real_pci_entries();
  if (real.empty()) GTEST_SKIP() << "no real PCI function on this host";
  const std::string bdf = real.front();
  const std::string script =
      "ls /sys/bus/pci/devices | grep -c '^" + bdf + "$'; cat /sys/bus/pci/devices/" + bdf +
      "/vendor; cat /sys/bus/pci/devices/" + bdf + "/driver_override || echo hidden";
  const ProcessResult result = secnic_run({"--device", bdf + "=null", "--", "sh", "-c", script});
  EXPECT_EQ(result.output.rfind("1\n0x15b3\n", 0), 0u) << result.output;
  EXPECT_NE(result.output.find("hidden\n"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("No such file or directory"), std::string::npos) << result.output;
}

TEST(SecnicRun, AttributeFilesReadLikeSysfs) {
  const ProcessResult result =
      secnic_run({"--device", "03:00.0=null", "--", "cat", kFunction + "/vendor",
                  kFunction + "/device", kFunction + "/subsystem_vendor",
                  kFunction + "/subsystem_device", kFunction + "/class", kFunction + "/numa_node"});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "0x15b3\n0x1015\n0x15b3\n0x0016\n0x020000\n-1\n");
}

TEST(SecnicRun, ConfigSpaceIsServedLiveThroughEveryIoCall) {
  const std::string config = kFunction + "/config";
  const auto lines =
      probe({"03:00.0=null"}, {"open:" + config + ":rw", "pread:0:4", "pwrite:4:0600", "pread:4:2",
                               "pread:0xffe:4", "pread:0x1000:4", "seek:0:end", "seek:8:set",
                               "read:4", "write:ff", "open:" + config + ":r", "pwrite:4:00",
                               "fopen:" + config + ":r", "fread:8", "fclose"});
  const std::vector<std::string> expected = {
      "fd",       "b3151510",  // vendor/device, little-endian as on the bus
      "2",        "0600",      // the command register is writable
      "0000",     "",          // 2 bytes left before the end of config space; then EOF
      "4096",     "8",
      "00000002",                      // lseek/read: revision and class
      "1",                             // write at the position
      "fd",       "EBADF",             // read-only descriptor
      "stream",   "b315151006000000",  // stdio sees the same live device
      "ok"};
  EXPECT_EQ(lines, expected);
}

TEST(SecnicRun, NodesAreStatableAndTheRestOfTheFunctionIsAbsent) {
  const auto lines =
      probe({"03:00.0=null"},
            {"stat:" + kFunction, "stat:" + kFunction + "/config", "stat:" + kFunction + "/vendor",
             "stat:" + kFunction + "/resource0", "access:/dev/0000:03:00.0_mstcr:F",
             "access:/dev/0000:03:00.0_mstconf:F", "access:" + kFunction + "/config:W",
             "access:" + kFunction + "/vendor:W", "open:" + kFunction + "/vendor:rw",
             "open:/proc/bus/pci/03/00.0:r", "open:" + kFunction + "/resource0:rw",
             "readlink:" + kFunction, "fopen:" + kFunction + "/device:w"});
  const std::vector<std::string> expected = {
      "dir 755 0", "file 644 4096", "file 444 4096", "ENOENT", "ENOENT", "ENOENT", "ok",
      "EACCES",    "EACCES",        "ENOENT",        "ENOENT", "EINVAL", "EACCES"};
  EXPECT_EQ(lines, expected);
}

TEST(SecnicRun, FunctionDirectoryListsItsFiles) {
  const auto lines = probe({"03:00.0=null"}, {"ls:" + kFunction, "ls:" + kFunction + "/config"});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            ".,..,class,config,device,irq,modalias,numa_node,resource,revision,subsystem_device,"
            "subsystem_vendor,uevent,vendor");
  EXPECT_EQ(lines[1], "ENOTDIR");
}

TEST(SecnicRun, SeveralFunctionsAtOnce) {
  const ProcessResult listing =
      secnic_run({"--device", "03:00.0=null", "--device", "0000:04:00.1=null", "--", "ls",
                  "/sys/bus/pci/devices"});
  EXPECT_NE(listing.output.find("0000:03:00.0\n"), std::string::npos) << listing.output;
  EXPECT_NE(listing.output.find("0000:04:00.1\n"), std::string::npos) << listing.output;
  const auto lines = probe({"03:00.0=null", "04:00.1=null"},
                           {"open:/sys/bus/pci/devices/0000:04:00.1/config:rw", "pwrite:4:0200",
                            "pread:4:2", "open:" + kFunction + "/config:rw", "pread:4:2"});
  EXPECT_EQ(lines, (std::vector<std::string>{"fd", "2", "0200", "fd", "0000"}))
      << "each function has its own config space";
}

TEST(SecnicRun, ClosedOrReplacedDescriptorsStopBeingSimulated) {
  // After close (or dup2 over it) the descriptor number is reused for /dev/zero: reads must see
  // zeros from the kernel, not the device.
  const auto lines =
      probe({"03:00.0=null"}, {"open:" + kFunction + "/config:r", "dup2:50", "pread:0:2", "close",
                               "open:/dev/zero:r", "dup2:50", "pread:0:2"});
  EXPECT_EQ(lines, (std::vector<std::string>{"fd", "ok", "b315", "ok", "fd", "ok", "0000"}));
}

TEST(SecnicRun, RefusedAccessIsAnIoError) {
  TempDir dir;
  const std::string trace = dir.file("empty.trace");
  // Opening config builds the device (and creates the trace) without any access: an empty
  // recording.
  probe({"03:00.0=record:" + trace + ":null"}, {"open:" + kFunction + "/config:r"});
  ASSERT_TRUE(std::filesystem::exists(trace));
  const ProcessResult result = secnic_run({"--device", "03:00.0=replay:" + trace, "--", SHIM_PROBE,
                                           "open:" + kFunction + "/config:r", "pread:0:4"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("fd\nEIO\n"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(
                "diverged at access #0: the host did read 4 bytes at 0x000, the recording has "
                "the end of the recording"),
            std::string::npos)
      << result.output;
}

TEST(SecnicRun, FixedPidAndFakeRoot) {
  EXPECT_EQ(probe({"03:00.0=null"}, {"pid", "euid"}, {"SECNIC_FIXED_PID=4242"}),
            (std::vector<std::string>{"4242", "0"}));
  const auto real = probe({"03:00.0=null"}, {"pid"});
  ASSERT_EQ(real.size(), 1u);
  EXPECT_NE(real[0], "4242");
  const ProcessResult bad =
      secnic_run({"--device", "03:00.0=null", "--", SHIM_PROBE, "pid"}, {"SECNIC_FIXED_PID=12x"});
  EXPECT_NE(bad.output.find("SECNIC_FIXED_PID='12x' is not a positive pid"), std::string::npos)
      << bad.output;
  if (::geteuid() != 0 || !secnic::testing::have_program("setpriv"))
    GTEST_SKIP() << "needs root and setpriv";
  const std::vector<std::string> as_nobody = {"--device",       "03:00.0=null",  "--",
                                              "setpriv",        "--reuid=65534", "--regid=65534",
                                              "--clear-groups", SHIM_PROBE,      "euid"};
  EXPECT_EQ(secnic_run(as_nobody).output, "0\n");
  EXPECT_EQ(secnic_run(as_nobody, {"SECNIC_FAKE_ROOT=0"}).output, "65534\n");
}

TEST(SecnicRun, EnvironmentAndExitCodesPropagate) {
  const ProcessResult env =
      secnic_run({"--device", "03:00.0=null", "--device", "04:00.0=null", "--", "sh", "-c",
                  "echo \"$SECNIC_TEST_VALUE|$SECNIC_DEVICES\""},
                 {"SECNIC_TEST_VALUE=kept as is", "SECNIC_DEVICES=overridden"});
  EXPECT_EQ(env.output, "kept as is|0000:03:00.0=null;0000:04:00.0=null\n");
  EXPECT_EQ(secnic_run({"--device", "03:00.0=null", "--", "sh", "-c", "exit 7"}).exit_code, 7);
  EXPECT_EQ(secnic_run({"--device", "03:00.0=null", "--", "sh", "-c", "kill -TERM $$"}).exit_code,
            128 + SIGTERM);
  const ProcessResult missing =
      secnic_run({"--device", "03:00.0=null", "--", "no-such-command-secnic"});
  EXPECT_EQ(missing.exit_code, 127);
  EXPECT_NE(missing.output.find("cannot run 'no-such-command-secnic'"), std::string::npos)
      << missing.output;
}

TEST(SecnicRun, ProgramsThatDoNotTouchTheDevicesAreUnaffected) {
  TempDir dir;
  const std::string script =
      "cd '" + dir.path() +
      "' && printf 'a\\nb\\n' > f && sort -r f | tr a-z A-Z && "
      "cat /sys/bus/pci/devices/*/vendor | sort | uniq -c | wc -l && ls /proc/self/fd >/dev/null";
  const ProcessResult direct = run_process({"sh", "-c", script}, kTimeout);
  const ProcessResult shimmed = secnic_run({"--device", "07:00.0=null", "--", "sh", "-c", script});
  EXPECT_EQ(direct.exit_code, 0) << direct.output;
  EXPECT_EQ(shimmed.exit_code, 0) << shimmed.output;
  EXPECT_EQ(shimmed.output.substr(0, 4), "B\nA\n");
  const std::string real_vendor =
      "/sys/bus/pci/devices/" +
      (real_pci_entries().empty() ? std::string("x") : real_pci_entries()[0]) + "/vendor";
  const ProcessResult cat_direct = run_process({"cat", real_vendor}, kTimeout);
  EXPECT_EQ(secnic_run({"--device", "03:00.0=null", "--", "cat", real_vendor}).output,
            cat_direct.output);
}

TEST(SecnicRun, MalformedDeviceListIsReportedAndPassesEverythingThrough) {
  const std::string shim = bin_path("../lib/libsecnic_shim.so");
  const ProcessResult result =
      run_process({"cat", "/proc/self/comm", kFunction + "/vendor"}, kTimeout,
                  {secnic::testing::preload_env(shim), "SECNIC_DEVICES=03:00.0"});
  EXPECT_NE(result.output.find("cat\n"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("SECNIC_DEVICES: bad device list entry '03:00.0'"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("No such file or directory"), std::string::npos) << result.output;
}

TEST(SecnicRun, CardDirectoryMapsToTheBdfInItsCardJson) {
  TempDir dir;
  std::ofstream(dir.file("card.json")) << R"({"bdf": "05:00.0", "psid": "ignored here"})";
  const std::string canonical = std::filesystem::canonical(dir.path()).string();
  const ProcessResult result =
      secnic_run({"--card", dir.path(), "--", "sh", "-c", "echo $SECNIC_DEVICES"});
  if (result.output.find("unknown device kind 'card'") != std::string::npos) {
    GTEST_SKIP() << "this build has no card model";
  }
  EXPECT_EQ(result.output, "0000:05:00.0=card:" + canonical + "\n");
  const ProcessResult clash =
      secnic_run({"--card", dir.path(), "--device", "0000:05:00.0=null", "--", "true"});
  EXPECT_EQ(clash.exit_code, 2);
  EXPECT_NE(clash.output.find("two devices at 0000:05:00.0"), std::string::npos) << clash.output;
}

struct CommandLineCase {
  std::vector<std::string> arguments;
  int exit_code;
  std::string message;
};

TEST(SecnicRun, CommandLineErrorsAreClear) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("empty"));
  std::filesystem::create_directory(dir.file("badbdf"));
  std::ofstream(dir.file("badbdf/card.json")) << R"({"bdf": "03:40.0"})";
  std::filesystem::create_directory(dir.file("nojson"));
  std::ofstream(dir.file("nojson/card.json")) << "{ not json";
  const std::vector<CommandLineCase> cases = {
      {{"--device", "3:00=null", "--", "true"}, 2, "bad PCI address '3:00'"},
      {{"--device", "03:00.0", "--", "true"}, 2, "expected BDF=SPEC"},
      {{"--device", "03:00.0=bogus", "--", "true"}, 2, "unknown device kind 'bogus'"},
      {{"--device", "03:00.0=null", "--device", "0000:03:00.0=null", "--", "true"},
       2,
       "two devices at 0000:03:00.0"},
      {{"--", "true"}, 2, "no device"},
      {{"--device", "03:00.0=null"}, 2, "no command"},
      {{"--card", dir.file("absent"), "--", "true"}, 3, "does not exist"},
      {{"--card", dir.file("empty"), "--", "true"}, 3, "is not a card directory"},
      {{"--card", dir.file("badbdf"), "--", "true"}, 3, "bad PCI address '03:40.0'"},
      {{"--card", dir.file("nojson"), "--", "true"}, 3, "not a JSON object"},
  };
  for (const CommandLineCase& c : cases) {
    const ProcessResult result = secnic_run(c.arguments);
    EXPECT_EQ(result.exit_code, c.exit_code) << c.message << "\n" << result.output;
    EXPECT_NE(result.output.find(c.message), std::string::npos) << result.output;
  }
}

TEST(SecnicRun, MissingShimLibraryIsAClearError) {
  TempDir dir;
  std::filesystem::create_directory(dir.file("bin"));
  const std::string copy = dir.file("bin/secnic");
  std::error_code error;
  std::filesystem::create_hard_link(bin_path("secnic"), copy, error);
  if (error) std::filesystem::copy_file(bin_path("secnic"), copy);
  const ProcessResult result =
      run_process({copy, "run", "--device", "03:00.0=null", "--", "true"}, kTimeout);
  EXPECT_EQ(result.exit_code, 4) << result.output;
  EXPECT_NE(result.output.find("libsecnic_shim.so is missing"), std::string::npos) << result.output;
}

}  // namespace
