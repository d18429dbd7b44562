// secnic-hostdrv against a simulated card under the host shim: answers checked against the
// script, $variables, and the exit codes (0 as expected, 1 unexpected, 2 bad script, 3 no device).
#include <gtest/gtest.h>

#include <fstream>

#include "testbench/support/process.h"

namespace secnic::testing {
namespace {

constexpr const char* kBdf = "7e:00.3";
constexpr const char* kUuid = "5ec0a11ce0000000000000000000a001";

class HostDriverCardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_dir = new TempDir("secnic-hostdrv-test");
    const std::string keys = std::string(std::getenv("SECNIC_SOURCE")) + "/scenarios/keys/";
    const std::string image = s_dir->file("fw.bin");
    const std::string secnic = bin_path("secnic");
    ProcessResult r =
        run_process({secnic, "image", "create", "-o", image, "--psid", "MT_2420110034",
                     "--fw-version", "14.22.1000", "--key", keys + "vendor_rsa2048.pem",
                     "--key-uuid", kUuid, "--size", "0x10000"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    r = run_process({secnic, "card", "create", s_dir->file("card"), "--image", image, "--bdf", kBdf,
                     "--trusted-key", keys + "vendor_rsa2048.pub.pem:" + kUuid});
    ASSERT_EQ(r.exit_code, 0) << r.output;
  }
  static void TearDownTestSuite() {
    delete s_dir;
    s_dir = nullptr;
  }

  ProcessResult drive(const std::string& script, bool under_shim = true) {
    const std::string path = s_dir->file("script.yaml");
    std::ofstream(path) << script;
    if (!under_shim) return run_process({bin_path("secnic-hostdrv"), "--device", kBdf, path});
    return run_process({bin_path("secnic"), "run", "--card", s_dir->file("card"), "--",
                        bin_path("secnic-hostdrv"), "--device", kBdf, path});
  }

  static TempDir* s_dir;
};

TempDir* HostDriverCardTest::s_dir = nullptr;

TEST_F(HostDriverCardTest, AnswersAsTheScriptExpects) {
  const ProcessResult r = drive(R"(
steps:
  - config_read: {offset: 0, size: 4}
    expect: {value: 0x101515b3}
  - mcc: {instruction: QUERY}
    expect: {status: OK, control_state: IDLE}
    save: {h: update_handle}
  - mcc: {instruction: LOCK_UPDATE_HANDLE, handle: $h}
    expect: {status: OK, control_state: LOCKED, update_handle: $h}
  - mcc: {instruction: RELEASE_UPDATE_HANDLE, handle: $h}
    expect: {status: OK, control_state: IDLE}
  - register: {name: MGIR}
    expect: {status: OK, hw_dev_id: 0x20b, secured: 1}
  - gateway_read: {space: cr_space, address: 0xf0014}
    expect: {data: 0x20b, syndrome: false}
)");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("step 3 mcc SET LOCK_UPDATE_HANDLE"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("all steps as expected (6 steps"), std::string::npos) << r.output;
}

TEST_F(HostDriverCardTest, AnUnexpectedAnswerIsExitOneAndNamed) {
  const ProcessResult r = drive(R"(
steps:
  - mcc: {instruction: VERIFY_COMPONENT, handle: 0x1}
    expect: {status: OK}
  - mcc: {instruction: QUERY}
    expect: {control_state: IDLE}
)");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("UNEXPECTED status: expected 0x0 OK, got 0x7 BAD_PARAM  (line 3)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("step 2 mcc GET QUERY"), std::string::npos) << "later steps still run";
}

TEST_F(HostDriverCardTest, ABadScriptIsExitTwoAndTouchesNothing) {
  const ProcessResult r = drive("steps:\n  - mcc: {instruction: LOCK_IT}\n");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("script.yaml:2: step 1 (mcc) instruction: 'LOCK_IT'"), std::string::npos)
      << r.output;
}

TEST_F(HostDriverCardTest, NoDeviceIsExitThree) {
  const ProcessResult r = drive("steps:\n  - config_read: {offset: 0}\n", /*under_shim=*/false);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("cannot open /sys/bus/pci/devices/0000:7e:00.3/config"),
            std::string::npos)
      << r.output;
}

TEST_F(HostDriverCardTest, CheckOnlyNeedsNoDevice) {
  const std::string path = s_dir->file("check.yaml");
  std::ofstream(path) << "steps:\n  - semaphore: take\n  - semaphore: release\n";
  const ProcessResult r = run_process({bin_path("secnic-hostdrv"), "--check", path});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("2 steps, OK"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace secnic::testing
