// The unmodified Debian mstflint, mstreg and mstconfig read the access registers of a simulated
// card (secnic card + the LD_PRELOAD host shim) and print what the registers say. Skipped when the
// tools are not installed.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "testbench/support/process.h"

namespace secnic::fw::testing {
namespace {

using secnic::testing::ProcessResult;
using secnic::testing::run_process;
using secnic::testing::TempDir;

constexpr const char* kKeyUuid = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";

class RealTools : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!secnic::testing::have_program("mstflint")) return;
    s_dir = std::make_unique<TempDir>("secnic-regs-tools");
    const std::string key = s_dir->file("vendor.pem");
    const std::string pub = s_dir->file("vendor.pub.pem");
    const std::string image = s_dir->file("fw.bin");
    s_setup = run_process({"openssl", "genrsa", "-out", key, "2048"});
    if (s_setup.exit_code != 0) return;
    s_setup = run_process({"openssl", "rsa", "-in", key, "-pubout", "-out", pub});
    if (s_setup.exit_code != 0) return;
    s_setup = run_process({SECNIC_CLI, "image", "create", "-o", image, "--psid", "MT_2420110034",
                           "--fw-version", "14.32.1010", "--key", key, "--key-uuid", kKeyUuid});
    if (s_setup.exit_code != 0) return;
    s_setup = run_process({SECNIC_CLI, "card", "create", s_dir->file("card"), "--image", image,
                           "--trusted-key", pub + ":" + kKeyUuid, "--bdf", "03:00.0"});
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  void SetUp() override {
    if (!secnic::testing::have_program("mstflint")) GTEST_SKIP() << "mstflint is not installed";
    ASSERT_EQ(s_setup.exit_code, 0) << s_setup.output;
  }

  static ProcessResult tool(const std::vector<std::string>& argv) {
    return run_process(argv, std::chrono::seconds(300),
                       {secnic::testing::preload_env(SECNIC_SHIM),
                        "SECNIC_DEVICES=0000:03:00.0=card:" + s_dir->file("card")});
  }

  static std::unique_ptr<TempDir> s_dir;
  static ProcessResult s_setup;
};

std::unique_ptr<TempDir> RealTools::s_dir;
ProcessResult RealTools::s_setup;

void expect_line(const std::string& output, const std::string& line) {
  EXPECT_NE(output.find(line), std::string::npos) << "missing \"" << line << "\" in:\n" << output;
}

TEST_F(RealTools, MstflintQueryShowsTheMccFlowAnswers) {
  const ProcessResult r = tool({"mstflint", "-d", "03:00.0", "q"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_line(r.output, "Image type:            FS3");
  expect_line(r.output, "FW Version:            14.32.1010");  // MCQI VERSION, running
  expect_line(r.output, "FW Release Date:       24.11.2025");  // build_time BCD date
  expect_line(r.output, "Product Version:       14.32.1010");  // version_string with its NUL
  expect_line(r.output, "Base GUID:             248a070300a1b2c0        8");  // MNVA types 2 and 3
  expect_line(r.output, "Base MAC:              248a07a1b2c0            8");
  expect_line(r.output, "PSID:                  MT_2420110034");       // MGIR
  expect_line(r.output, "Security Attributes:   secure-fw");           // MGIR secured
  EXPECT_EQ(r.output.find("FW Version(Running)"), std::string::npos);  // pending VERSION failed
}

TEST_F(RealTools, MstflintQueryFullShowsTheMqisStrings) {
  const ProcessResult r = tool({"mstflint", "-d", "03:00.0", "q", "full"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_line(r.output, "Part Number:           MCX4121A-ACAT");
  expect_line(r.output, "Description:           Simulated ConnectX-4 Lx EN adapter card");
  expect_line(r.output, "Default Update Method: fw_ctrl");
}

TEST_F(RealTools, MstregReadsMgirAfterQueryCap) {
  const ProcessResult r = tool({"mstreg", "-d", "03:00.0", "--reg_name", "MGIR", "--get"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_line(r.output, "hw_dev_id                       | 0x0000020b");
  expect_line(r.output, "device_id                       | 0x00001015");
  expect_line(r.output, "secured                         | 0x00000001");
  expect_line(r.output, "sec_boot                        | 0x00000000");
}

TEST_F(RealTools, MstconfigQueryExitsZeroWithTheCx4LxConfiguration) {
  for (const bool verbose : {false, true}) {
    SCOPED_TRACE(verbose ? "mstconfig -e q" : "mstconfig q");
    std::vector<std::string> argv{"mstconfig"};
    if (verbose) argv.push_back("-e");
    for (const char* a : {"-d", "03:00.0", "q"}) argv.push_back(a);
    const ProcessResult r = tool(argv);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    expect_line(r.output, "Name:           MCX4121A-ACAT");
    expect_line(r.output, "SRIOV_EN");
    expect_line(r.output, "NUM_OF_VFS                          8");
    expect_line(r.output, "KEEP_ETH_LINK_UP_P2");
    EXPECT_EQ(r.output.find("Failed to query"), std::string::npos) << r.output;
  }
}

}  // namespace
}  // namespace secnic::fw::testing
