// PowerController against a device double: the triggers fire where planned, a branch cuts and
// evaluates in a forked child while the parent's action goes on uncut, every planned point gets
// exactly one record (unreached ones say so), and the timeline is written.
#include "model/power/power_controller.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "model/power/timeline.h"

namespace secnic::power {
namespace {

// A device whose "flash" is a count of applied operations; a boot reports it as the version.
class FakeDevice : public PoweredDevice {
 public:
  uint64_t applied = 0;
  bool powered = true;
  std::optional<std::pair<uint64_t, model::CutMode>> armed;
  fw::FsmState state = fw::FsmState::kIdle;
  uint64_t time_ps = 5'000'000;
  bool branch_began = false;

  void begin_branch() override { branch_began = true; }
  void arm_flash_cut(uint64_t op, model::CutMode mode, uint64_t) override { armed = {op, mode}; }
  void cut_power_at(uint64_t) override { powered = false; }
  BootFacts power_up() override {
    BootFacts f;
    f.booted = branch_began;  // only branches (and inline cuts) power up here
    f.running.version = static_cast<uint32_t>(applied);
    f.fsm_state = fw::FsmState::kIdle;
    return f;
  }
  fw::FsmState fsm_state() const override { return state; }
  uint64_t card_time_ps() const override { return time_ps; }
  std::array<uint8_t, 32> preserved_digest() override { return {}; }
  void save_card(const std::string& dir) override {
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/saved") << applied;
  }

  // One flash operation as the flash model runs it, then the end of the host access.
  void operation(PowerController& c, uint64_t index) {
    model::FlashOperationStart op{
        index, model::FlashOperationKind::kPageProgram, static_cast<uint32_t>(index * 256),
        256,   sc_core::sc_time::from_value(time_ps),   sc_core::SC_ZERO_TIME};
    c.on_flash_operation(op);
    if (powered) {
      if (armed && armed->first == index) {
        if (armed->second != model::CutMode::kBeforeOp) ++applied;
        powered = false;
      } else {
        ++applied;
      }
    }
    time_ps += 1'000'000;
    c.after_access();
  }
};

class PowerControllerTest : public ::testing::Test {
 protected:
  std::string dir = std::filesystem::temp_directory_path() /
                    ("secnic-pc-test-" + std::to_string(::getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }

  PowerPlan plan(PlanMode mode, std::vector<std::string> ids) {
    PowerPlan p;
    p.mode = mode;
    p.card_dir = dir;
    p.jobs = 2;
    p.results = dir + "/results.jsonl";
    p.timeline = dir + "/timeline.jsonl";
    p.dump_dir = dir + "/dumps";
    for (const auto& id : ids) p.points.push_back(*parse_cut_point_id(id));
    return p;
  }

  std::map<std::string, BranchOutcome> outcomes() {
    std::map<std::string, BranchOutcome> m;
    std::ifstream in(dir + "/results.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      std::string error;
      auto o = branch_outcome_from_json(line, error);
      EXPECT_TRUE(o) << error << ": " << line;
      if (o) {
        EXPECT_TRUE(m.emplace(o->id, *o).second) << "two records for " << o->id;
      }
    }
    return m;
  }
};

TEST_F(PowerControllerTest, BranchesCutWhereTheyArePlannedAndTheParentGoesOnUncut) {
  FakeDevice device;
  PowerPlan p = plan(PlanMode::kBranch,
                     {"op1-before", "op2-after", "op3-torn-s1", "state-DOWNLOAD-1", "op99-before"});
  p.points[1].dump_card = true;
  p.include_end = true;
  {
    PowerController c(device, p);
    device.operation(c, 0);
    device.operation(c, 1);
    device.state = fw::FsmState::kDownload;  // entered during the next access
    device.operation(c, 2);
    device.operation(c, 3);
    device.operation(c, 4);
    c.finish();
    EXPECT_FALSE(c.in_branch());
  }
  EXPECT_EQ(device.applied, 5u) << "the parent's action was never cut";
  EXPECT_TRUE(device.powered);
  auto m = outcomes();
  ASSERT_EQ(m.size(), 6u);
  EXPECT_EQ(m.at("op1-before").boot.running.version, 1u);  // op 1 not applied
  EXPECT_EQ(m.at("op2-after").boot.running.version, 3u);   // ops 0..2 applied
  EXPECT_EQ(m.at("op3-torn-s1").boot.running.version, 4u);
  EXPECT_EQ(m.at("op3-torn-s1").cut.op_address, 3u * 256);
  EXPECT_TRUE(m.at("op3-torn-s1").cut.in_flash_operation);
  // The new state was seen when operation 2 was about to start: it never ran in that branch.
  EXPECT_EQ(m.at("state-DOWNLOAD-1").boot.running.version, 2u);
  EXPECT_EQ(m.at("state-DOWNLOAD-1").cut.fsm_state, fw::FsmState::kDownload);
  EXPECT_EQ(m.at("end").boot.running.version, 5u);
  EXPECT_FALSE(m.at("op99-before").reached);
  for (const auto& [id, o] : m) EXPECT_TRUE(o.error.empty()) << id;
  EXPECT_EQ(m.at("op2-after").dump_dir, dir + "/dumps/op2-after");
  EXPECT_TRUE(std::filesystem::exists(dir + "/dumps/op2-after/saved"));

  const auto timeline = read_timeline(dir + "/timeline.jsonl");
  size_t ops = 0, states = 0;
  for (const auto& e : timeline) {
    ops += e.kind == TimelineEvent::Kind::kFlashOperation;
    states += e.kind == TimelineEvent::Kind::kFsmState;
  }
  EXPECT_EQ(ops, 5u);
  EXPECT_EQ(states, 1u);
  EXPECT_EQ(timeline.front().kind, TimelineEvent::Kind::kStart);
  EXPECT_EQ(timeline.back().kind, TimelineEvent::Kind::kEnd);
  EXPECT_EQ(timeline.back().accesses, 5u);
}

TEST_F(PowerControllerTest, RecordModeCutsNothing) {
  FakeDevice device;
  PowerController c(device, plan(PlanMode::kRecord, {"op1-before"}));
  for (uint64_t i = 0; i < 4; ++i) device.operation(c, i);
  c.finish();
  EXPECT_EQ(device.applied, 4u);
  EXPECT_TRUE(outcomes().empty());
  EXPECT_EQ(read_timeline(dir + "/timeline.jsonl").size(), 6u);  // start, 4 ops, end
}

TEST_F(PowerControllerTest, InlineModeCutsTheDeviceItselfAndEvaluatesAtTheEnd) {
  FakeDevice device;
  device.branch_began = true;  // booted facts
  PowerController c(device, plan(PlanMode::kInline, {"op2-before"}));
  for (uint64_t i = 0; i < 5; ++i) device.operation(c, i);
  EXPECT_FALSE(device.powered) << "the tool goes on against a card without power";
  EXPECT_EQ(device.applied, 2u);
  c.finish();
  auto m = outcomes();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m.at("op2-before").boot.running.version, 2u);
}

TEST_F(PowerControllerTest, TimeTriggersCutAtTheirCardTime) {
  FakeDevice device;
  PowerController c(device, plan(PlanMode::kBranch, {"t2500us"}));
  for (uint64_t i = 0; i < 6; ++i) device.operation(c, i);  // 1 us apart: never reaches 2.5 ms
  c.finish();
  auto m = outcomes();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_FALSE(m.at("t2500us").reached);
}

TEST_F(PowerControllerTest, AnUnwritableResultsFileIsRefused) {
  FakeDevice device;
  PowerPlan p = plan(PlanMode::kBranch, {});
  p.results = dir + "/no/such/dir/results.jsonl";
  EXPECT_THROW(PowerController(device, p), PowerPlanError);
}

}  // namespace
}  // namespace secnic::power
