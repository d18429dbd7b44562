// Scenario files: what a power-fail scenario may say, and a precise refusal (file, line, key) for
// everything else.
#include <gtest/gtest.h>

#include "tools/campaign/powerfail_scenario.h"

namespace secnic::campaign {
namespace {

const char* kMinimal = R"(
kind: powerfail
name: s
card: {image: old}
host: mstflint -d ${bdf} -i ${new} -y b
sweep: [every-op]
)";

PowerfailScenario parse(const std::string& text) {
  return parse_powerfail_scenario(YAML::Load(text), YamlReader("s.yaml"));
}

std::string refusal(const std::string& text) {
  try {
    parse(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

TEST(ScenarioFile, MinimalScenarioGetsTheDefaults) {
  const PowerfailScenario s = parse(kMinimal);
  EXPECT_EQ(s.name, "s");
  ASSERT_EQ(s.sweeps.size(), 1u);
  EXPECT_EQ(s.sweeps[0].kind, SweepKind::kEveryOp);
  EXPECT_TRUE(s.invariants.boots_old_or_new && s.invariants.retry_succeeds);
  EXPECT_EQ(s.host_exit, 0);
  EXPECT_EQ(s.retry.count, 4u);
}

TEST(ScenarioFile, EverySweepKindAndOption) {
  const PowerfailScenario s = parse(R"(
name: s
card: {image: old}
host: x
expect: {host_exit: nonzero, installs: none}
sweep:
  - every-op: {modes: [before, after, torn], seed: 9}
  - every-op-torn: {seed: 3}
  - states: {only: [VERIFY, ACTIVATE]}
  - times: {every: 250ms, at: [1s, 1.5s, 300us]}
  - random: {count: 100, seed: 7, modes: [torn]}
invariants: [boots-old-or-new, config-intact]
retry: {sample: 2, seed: 5, host: y}
nested: {sample: 1, sweep: [states]}
host_check: {sample: 3, timeout: 30s}
)");
  ASSERT_EQ(s.sweeps.size(), 5u);
  EXPECT_EQ(s.sweeps[0].modes.size(), 3u);
  EXPECT_EQ(s.sweeps[0].seed, 9u);
  EXPECT_EQ(s.sweeps[1].modes, std::vector<model::CutMode>{model::CutMode::kTornOp});
  EXPECT_EQ(s.sweeps[2].only_states.size(), 2u);
  EXPECT_EQ(s.sweeps[3].every_us, 250000u);
  EXPECT_EQ(s.sweeps[3].at_us, (std::vector<uint64_t>{1000000, 1500000, 300}));
  EXPECT_EQ(s.sweeps[4].count, 100u);
  EXPECT_FALSE(s.host_exit.has_value());
  EXPECT_TRUE(s.installs.empty());
  EXPECT_FALSE(s.invariants.retry_succeeds);
  EXPECT_TRUE(s.invariants.config_intact);
  EXPECT_EQ(s.retry_host, "y");
  EXPECT_EQ(s.nested.count, 1u);
  EXPECT_EQ(s.nested_sweeps.size(), 1u);
  EXPECT_EQ(s.host_check.count, 3u);
  EXPECT_EQ(s.host_timeout_s, 30u);
}

TEST(ScenarioFile, MistakesAreNamedWithTheirLine) {
  std::string e = refusal(std::string(kMinimal) + "sweeps: [states]\n");
  EXPECT_NE(e.find("unknown key 'sweeps'"), std::string::npos) << e;
  EXPECT_NE(e.find("s.yaml:7"), std::string::npos) << e;
  EXPECT_NE(refusal("name: s\ncard: {}\nsweep: [every-op]\n").find("missing key 'host'"),
            std::string::npos);
  EXPECT_NE(refusal("name: s\nhost: x\ncard: {}\nsweep: [every-other-op]\n")
                .find("unknown sweep 'every-other-op'"),
            std::string::npos);
  EXPECT_NE(refusal("name: s\nhost: x\ncard: {}\nsweep: [{times: {every: soon}}]\n").find("soon"),
            std::string::npos);
  EXPECT_NE(refusal("name: s\nhost: x\ncard: {}\nsweep: [{random: {count: 0}}]\n").find("count"),
            std::string::npos);
  EXPECT_NE(refusal("name: s\nhost: x\ncard: {}\nsweep: [{every-op: {modes: [sideways]}}]\n")
                .find("sideways"),
            std::string::npos);
  EXPECT_NE(
      refusal("name: s\nhost: x\ncard: {}\nsweep: [{states: {only: [NAPPING]}}]\n").find("NAPPING"),
      std::string::npos);
  EXPECT_NE(refusal("name: s\nhost: x\ncard: {}\nsweep: []\n").find("at least one"),
            std::string::npos);
  EXPECT_NE(refusal(std::string(kMinimal) + "invariants: [always-works]\n").find("always-works"),
            std::string::npos);
  EXPECT_NE(refusal(std::string(kMinimal) + "expect: {host_exit: 999}\n").find("host_exit"),
            std::string::npos);
  EXPECT_NE(refusal(std::string(kMinimal) + "host_check: {timeout: 1ms}\n").find("timeout"),
            std::string::npos);
}

TEST(ScenarioFile, SizesAndDurations) {
  EXPECT_EQ(parse_size("12"), 12u);
  EXPECT_EQ(parse_size("0x40000"), 0x40000u);
  EXPECT_EQ(parse_size("256K"), 256u * 1024);
  EXPECT_EQ(parse_size("1M"), 1024u * 1024);
  EXPECT_EQ(parse_size("1MiB"), 1024u * 1024);
  EXPECT_FALSE(parse_size(""));
  EXPECT_FALSE(parse_size("0x"));
  EXPECT_FALSE(parse_size("12Q"));
  EXPECT_FALSE(parse_size("99999999999999999999999"));
  EXPECT_FALSE(parse_size("20000000000000M"));
  EXPECT_EQ(parse_duration_us("1.5s"), 1500000u);
  EXPECT_EQ(parse_duration_us("250ms"), 250000u);
  EXPECT_EQ(parse_duration_us("7us"), 7u);
  EXPECT_FALSE(parse_duration_us("5"));
  EXPECT_FALSE(parse_duration_us("s"));
  EXPECT_FALSE(parse_duration_us("1.2.3s"));
  EXPECT_FALSE(parse_duration_us("5h"));
  EXPECT_FALSE(parse_duration_us("1e300s"));
}

}  // namespace
}  // namespace secnic::campaign
