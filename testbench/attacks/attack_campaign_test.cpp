// The attack catalogue end to end, as CI runs it: `secnic campaign scenarios/attacks/` against
// simulated cards with the real mstflint/mstreg and secnic-hostdrv. Every case must be refused as
// its file expects with every invariant holding; the catalogue must hold at least 27 attack cases
// besides the power-cut ones (powerfail_*).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "testbench/support/process.h"

namespace secnic::testing {
namespace {

namespace fs = std::filesystem;

std::string catalogue_dir() {
  return std::string(std::getenv("SECNIC_SOURCE")) + "/scenarios/attacks";
}

size_t attack_files() {
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(catalogue_dir())) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".yaml" && name.rfind("powerfail_", 0) != 0) ++n;
  }
  return n;
}

TEST(AttackCampaign, EveryCatalogueCasePasses) {
  if (!have_program("mstflint") || !have_program("mstreg"))
    GTEST_SKIP() << "mstflint not installed";
  TempDir report("secnic-attack-campaign");
  const ProcessResult r =
      run_process({bin_path("secnic"), "campaign", catalogue_dir(), "--report", report.path()},
                  std::chrono::seconds(900));
  ASSERT_FALSE(r.timed_out) << r.output;
  EXPECT_EQ(r.exit_code, 0) << r.output;

  const std::regex summary(
      R"(summary: (\d+) scenarios, (\d+) cases, (\d+) passed, (\d+) failed, (\d+) errors)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.output, m, summary)) << r.output;
  const size_t cases = std::stoul(m[2]);
  EXPECT_EQ(std::stoul(m[3]), cases) << r.output;
  EXPECT_EQ(std::stoul(m[4]), 0u) << r.output;
  EXPECT_EQ(std::stoul(m[5]), 0u) << r.output;
  EXPECT_GE(attack_files(), 27u);
  EXPECT_GE(cases, attack_files());
  EXPECT_EQ(r.output.find("FAIL"), std::string::npos) << r.output;

  std::ifstream junit(report.file("junit.xml"));
  const std::string xml((std::istreambuf_iterator<char>(junit)), {});
  EXPECT_NE(xml.find("<testsuite"), std::string::npos);
  EXPECT_EQ(xml.find("<failure"), std::string::npos) << xml.substr(0, 4000);
}

}  // namespace
}  // namespace secnic::testing
