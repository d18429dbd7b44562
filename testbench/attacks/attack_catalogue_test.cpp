// Every case of the attack catalogue (scenarios/attacks/*.yaml, kind: attack) against a simulated
// card: each must be refused as its file expects, with every invariant holding. One test per file,
// so CTest runs them in parallel and names the case that failed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "testbench/support/process.h"
#include "tools/campaign/attack_runner.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::campaign {
namespace {

namespace fs = std::filesystem;

// The attack files of the catalogue; the power-cut cases (powerfail_*) belong to another kind.
std::vector<std::string> catalogue_files() {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(SECNIC_ATTACKS_DIR, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".yaml" && name.rfind("powerfail_", 0) != 0) {
      files.push_back(name);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

class AttackCatalogueTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AttackCatalogueTest, RefusedAsExpectedAndNothingChanged) {
  if (!testing::have_program("mstflint")) GTEST_SKIP() << "mstflint is not installed";
  const std::string file = std::string(SECNIC_ATTACKS_DIR) + "/" + GetParam();
  testing::TempDir work("secnic-attack-test");
  CampaignOptions options;
  options.secnic_binary = testing::bin_path("secnic");
  options.work_dir = work.path();
  std::ostringstream progress;
  const ScenarioResult result =
      run_attack_scenario(load_scenario_file(file), file, options, progress);
  ASSERT_EQ(result.cases.size(), 1u);
  const CaseResult& c = result.cases.front();
  EXPECT_TRUE(c.passed) << progress.str() << c.message << "\n--- detail ---\n" << c.detail;
  // SECNIC_ATTACK_DETAIL=1: show what every step printed even when the case passes.
  if (std::getenv("SECNIC_ATTACK_DETAIL") != nullptr) std::cout << c.detail;
  EXPECT_EQ(c.message.rfind("known issue", 0), std::string::npos)
      << "the case is marked known_issue: " << c.message;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, AttackCatalogueTest, ::testing::ValuesIn(catalogue_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.size() - 5);
                           for (char& ch : name) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return name;
                         });

TEST(AttackCatalogue, HasAtLeast27Cases) { EXPECT_GE(catalogue_files().size(), 27u); }

}  // namespace
}  // namespace secnic::campaign
