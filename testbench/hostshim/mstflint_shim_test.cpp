// End to end with the unmodified Debian mstflint: what it says about a null function, an
// unconfigured BDF, record -> replay, and (when this build has the card model) a real simulated
// card.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "testbench/support/process.h"

namespace {

using secnic::testing::bin_path;
using secnic::testing::have_program;
using secnic::testing::ProcessResult;
using secnic::testing::run_process;
using secnic::testing::TempDir;

constexpr std::chrono::seconds kTimeout{120};
const std::vector<std::string> kNameForms = {"03:00.0", "0000:03:00.0", "pciconf-03:00.0",
                                             "/sys/bus/pci/devices/0000:03:00.0/config"};

ProcessResult secnic_run(std::vector<std::string> run_arguments,
                         const std::vector<std::string>& env = {}) {
  run_arguments.insert(run_arguments.begin(), {bin_path("secnic"), "run"});
  return run_process(run_arguments, kTimeout, env);
}

class MstflintThroughShim : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("mstflint")) GTEST_SKIP() << "mstflint is not installed";
  }
};

// mstflint prints strerror(errno) of whatever failed last; when another process holds its per-BDF
// lock file
// (/tmp/mstflint_lockfiles, shared by every test on the machine) that is EAGAIN from its flock
// retry loop. Tests that compare whole outputs therefore use a BDF of their own.
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The null function has a ConnectX-4 Lx header but no VSEC: mstflint opens the config file, falls
// back to the legacy 0x58/0x5c gateway, reads hardware id 0 and gives up with its own message:
//   FATAL - Can't find device id.
//   -E- Cannot open Device: 03:00.0. No such file or directory. MFE_UNSUPPORTED_DEVICE     (exit
//   code 1)
TEST_F(MstflintThroughShim, NullFunctionFailsWithMstflintsOwnMessageForEveryNameForm) {
  for (const std::string& name : kNameForms) {
    const ProcessResult result =
        secnic_run({"--device", "03:00.0=null", "--", "mstflint", "-d", name, "q"});
    EXPECT_FALSE(result.timed_out);
    EXPECT_EQ(result.exit_code, 1) << name << "\n" << result.output;
    EXPECT_EQ(result.output.rfind(
                  "FATAL - Can't find device id.\n-E- Cannot open Device: " + name + ". ", 0),
              0u)
        << result.output;
    EXPECT_TRUE(ends_with(result.output, ". MFE_UNSUPPORTED_DEVICE\n")) << result.output;
  }
  const ProcessResult own_bdf =
      secnic_run({"--device", "0000:5a:00.0=null", "--", "mstflint", "-d", "5a:00.0", "q"});
  EXPECT_EQ(
      own_bdf.output,
      "FATAL - Can't find device id.\n-E- Cannot open Device: 5a:00.0. No such file or directory. "
      "MFE_UNSUPPORTED_DEVICE\n");
}

TEST_F(MstflintThroughShim, WithoutTheShimTheSameDeviceIsNotThere) {
  const ProcessResult result = run_process({"mstflint", "-d", "03:00.0", "q"}, kTimeout);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.output,
            "-E- Cannot open Device: 03:00.0. No such file or directory. MFE_CR_ERROR\n");
}

TEST_F(MstflintThroughShim, UnconfiguredBdfPassesThroughToTheRealSystem) {
  const ProcessResult direct = run_process({"mstflint", "-d", "07:00.0", "q"}, kTimeout);
  const ProcessResult shimmed = secnic_run({"--device", "03:00.0=null", "--device", "04:00.0=null",
                                            "--", "mstflint", "-d", "07:00.0", "q"});
  EXPECT_EQ(shimmed.exit_code, direct.exit_code);
  EXPECT_EQ(shimmed.output, direct.output);
  EXPECT_NE(direct.exit_code, 0);
}

TEST_F(MstflintThroughShim, RecordThenReplayGivesIdenticalOutput) {
  TempDir dir;
  const std::string trace = dir.file("null-q.trace");
  const std::vector<std::string> env = {"SECNIC_FIXED_PID=4242"};
  const ProcessResult recorded = secnic_run(
      {"--device", "5b:00.0=record:" + trace + ":null", "--", "mstflint", "-d", "5b:00.0", "q"},
      env);
  ASSERT_GT(std::filesystem::file_size(trace), 16u) << "no access recorded";
  const ProcessResult replayed = secnic_run(
      {"--device", "5b:00.0=replay:" + trace, "--", "mstflint", "-d", "5b:00.0", "q"}, env);
  EXPECT_EQ(replayed.exit_code, recorded.exit_code);
  EXPECT_EQ(replayed.output, recorded.output);
}

TEST_F(MstflintThroughShim, ReplayOfAnotherAccessSequenceFailsCleanly) {
  TempDir dir;
  const std::string trace = dir.file("other.trace");
  // `cat vendor` reads the header as 16 dwords; mstflint's first access is a 1-byte read (stdio,
  // unbuffered).
  secnic_run({"--device", "03:00.0=record:" + trace + ":null", "--", "cat",
              "/sys/bus/pci/devices/0000:03:00.0/vendor"});
  const ProcessResult result =
      secnic_run({"--device", "03:00.0=replay:" + trace, "--", "mstflint", "-d", "03:00.0", "q"});
  EXPECT_FALSE(result.timed_out);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("secnic: replay of '" + trace + "' diverged at access #0"),
            std::string::npos)
      << result.output;
}

#ifdef SECNIC_TEST_WITH_CARD

// One card for the suite: a signed image, a secure card at 03:00.0 trusting the signing key.
class CardThroughShim : public MstflintThroughShim {
 protected:
  static void SetUpTestSuite() {
    if (!have_program("mstflint") || !have_program("openssl")) return;
    s_dir = new TempDir("secnic-shim-card");
    const std::string key = s_dir->file("vendor.pem");
    const std::string uuid = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    run_process({"openssl", "genrsa", "-out", key, "2048"}, kTimeout);
    run_process({"openssl", "rsa", "-in", key, "-pubout", "-out", s_dir->file("vendor.pub.pem")},
                kTimeout);
    const ProcessResult image = run_process(
        {bin_path("secnic"), "image", "create", "-o", s_dir->file("fw.bin"), "--psid",
         "MT_2420110034", "--fw-version", "14.32.1010", "--key", key, "--key-uuid", uuid},
        kTimeout);
    const ProcessResult card = run_process(
        {bin_path("secnic"), "card", "create", card_dir(), "--image", s_dir->file("fw.bin"),
         "--trusted-key", s_dir->file("vendor.pub.pem") + ":" + uuid, "--bdf", "03:00.0"},
        kTimeout);
    s_setup_output = image.output + card.output;
    s_ready = image.exit_code == 0 && card.exit_code == 0;
  }
  static void TearDownTestSuite() {
    delete s_dir;
    s_dir = nullptr;
  }
  void SetUp() override {
    MstflintThroughShim::SetUp();
    if (IsSkipped()) return;
    if (!have_program("openssl")) GTEST_SKIP() << "openssl is not installed";
    ASSERT_TRUE(s_ready) << s_setup_output;
  }
  static std::string card_dir() { return s_dir->file("card"); }

  static inline TempDir* s_dir = nullptr;
  static inline bool s_ready = false;
  static inline std::string s_setup_output;
};

TEST_F(CardThroughShim, MstflintQueriesTheCardUnderEveryNameForm) {
  for (const std::string& name : kNameForms) {
    const ProcessResult result =
        secnic_run({"--card", card_dir(), "--", "mstflint", "-d", name, "q"});
    EXPECT_EQ(result.exit_code, 0) << name << "\n" << result.output;
    EXPECT_NE(result.output.find("FW Version:            14.32.1010"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find("Security Attributes:   secure-fw"), std::string::npos)
        << result.output;
  }
}

TEST_F(CardThroughShim, CardAndNullFunctionSideBySide) {
  const ProcessResult card = secnic_run(
      {"--card", card_dir(), "--device", "04:00.0=null", "--", "mstflint", "-d", "03:00.0", "q"});
  EXPECT_EQ(card.exit_code, 0) << card.output;
  const ProcessResult null = secnic_run(
      {"--card", card_dir(), "--device", "04:00.0=null", "--", "mstflint", "-d", "04:00.0", "q"});
  EXPECT_EQ(null.exit_code, 1);
  EXPECT_NE(null.output.find("MFE_UNSUPPORTED_DEVICE"), std::string::npos) << null.output;
}

TEST_F(CardThroughShim, RecordedCardQueryReplaysWithoutTheModel) {
  TempDir dir;
  const std::string trace = dir.file("card-q.trace");
  const std::vector<std::string> env = {"SECNIC_FIXED_PID=4242"};
  const ProcessResult recorded =
      secnic_run({"--device", "03:00.0=record:" + trace + ":card:" + card_dir(), "--", "mstflint",
                  "-d", "03:00.0", "q"},
                 env);
  ASSERT_EQ(recorded.exit_code, 0) << recorded.output;
  const ProcessResult replayed = secnic_run(
      {"--device", "03:00.0=replay:" + trace, "--", "mstflint", "-d", "03:00.0", "q"}, env);
  EXPECT_EQ(replayed.exit_code, 0);
  EXPECT_EQ(replayed.output, recorded.output);
  // mstflint writes its pid into the ICMD semaphore: another pid diverges, and the tool fails, not
  // hangs.
  const ProcessResult other_pid =
      secnic_run({"--device", "03:00.0=replay:" + trace, "--", "mstflint", "-d", "03:00.0", "q"},
                 {"SECNIC_FIXED_PID=4343"});
  EXPECT_FALSE(other_pid.timed_out);
  EXPECT_NE(other_pid.exit_code, 0);
  EXPECT_NE(other_pid.output.find("diverged"), std::string::npos);
}

#endif  // SECNIC_TEST_WITH_CARD

}  // namespace
