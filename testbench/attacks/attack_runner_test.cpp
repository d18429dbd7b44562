// The attack kind's runner end to end against simulated cards, on cases built to fail: a change
// to the card and a wrong expectation must each be reported, precisely; a known issue is marked;
// a bad replay id is a scenario error. (The catalogue itself: attack_catalogue_test.)
#include "tools/campaign/attack_runner.h"

#include <gtest/gtest.h>

#include <sstream>

#include "testbench/support/process.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::campaign {
namespace {

class AttackRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::have_program("mstflint")) GTEST_SKIP() << "mstflint is not installed";
  }
  ScenarioResult run(const std::string& name, std::optional<std::string> replay = std::nullopt) {
    const std::string file = std::string(SECNIC_ATTACK_TEST_DATA) + "/" + name;
    CampaignOptions options;
    options.secnic_binary = testing::bin_path("secnic");
    options.work_dir = m_work.path();
    options.replay_id = replay;
    options.verbose = true;
    return run_attack_scenario(load_scenario_file(file), file, options, m_progress);
  }
  static bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }
  testing::TempDir m_work{"secnic-attack-runner-test"};
  std::ostringstream m_progress;
};

TEST_F(AttackRunnerTest, AChangedCardFailsTheCaseAndSaysWhatChanged) {
  const ScenarioResult r = run("accepted_update_is_caught.yaml");
  ASSERT_EQ(r.cases.size(), 1u);
  const CaseResult& c = r.cases[0];
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.id, "accepted_update_is_caught");
  EXPECT_TRUE(has(c.message, "invariant: the boot-control journal changed")) << c.message;
  EXPECT_TRUE(has(c.message, "invariant: an image became pending: 14.22.2000 in slot B"))
      << c.message;
  EXPECT_TRUE(has(c.message, "after a power cycle the card boots 14.22.2000 in slot B"))
      << c.message;
  EXPECT_TRUE(has(m_progress.str(), "FAIL accepted_update_is_caught")) << m_progress.str();
  EXPECT_TRUE(has(c.detail, "-I- To load new FW")) << c.detail;
}

TEST_F(AttackRunnerTest, AWrongExpectationIsNamedAndAKnownIssueIsMarked) {
  const ScenarioResult r = run("wrong_expectation_is_caught.yaml");
  ASSERT_EQ(r.cases.size(), 1u);
  const CaseResult& c = r.cases[0];
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.message.rfind("known issue (deliberately wrong expectations, to test the reporting): "
                            "steps[0] run: mstflint",
                            0),
            0u)
      << c.message;
  EXPECT_TRUE(has(c.message, "output lacks \"Rejected authentication\"")) << c.message;
  EXPECT_TRUE(has(c.message,
                  "UNEXPECTED error_code: expected 0x5 REJECTED_AUTH_FAILED, got 0x6 "
                  "REJECTED_UNSIGNED"))
      << c.message;
  // The script left the FSM locked: that is a finding of its own.
  EXPECT_TRUE(has(c.message, "invariant: the update FSM is LOCKED, not IDLE")) << c.message;
  EXPECT_TRUE(has(m_progress.str(), "KNOWN wrong_expectation_is_caught")) << m_progress.str();
}

TEST_F(AttackRunnerTest, ShardsSplitTheCasesWithoutOverlap) {
  const std::string file = std::string(SECNIC_ATTACK_TEST_DATA) + "/accepted_update_is_caught.yaml";
  size_t ran = 0;
  for (unsigned shard = 0; shard < 4; ++shard) {
    CampaignOptions options;
    options.secnic_binary = testing::bin_path("secnic");
    options.work_dir = m_work.path() + "/shard" + std::to_string(shard);
    options.shard_index = shard;
    options.shard_count = 4;
    // Only the owning shard builds a card and runs the case; the others return no case at once.
    const ScenarioResult r =
        run_attack_scenario(load_scenario_file(file), file, options, m_progress);
    ran += r.cases.size();
    EXPECT_EQ(r.kind, "attack");
  }
  EXPECT_EQ(ran, 1u);
}

TEST_F(AttackRunnerTest, ReplayingAnotherIdIsAScenarioError) {
  EXPECT_THROW(run("accepted_update_is_caught.yaml", std::string("no_such_case")), ScenarioError);
}

}  // namespace
}  // namespace secnic::campaign
