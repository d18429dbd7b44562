// The planner: which cut points a sweep makes from the uncut action's timeline.
#include <gtest/gtest.h>

#include <set>

#include "tools/campaign/powerfail_plan.h"

namespace secnic::campaign {
namespace {

using power::TimelineEvent;

std::vector<TimelineEvent> timeline(size_t ops) {
  std::vector<TimelineEvent> t;
  TimelineEvent start;
  start.kind = TimelineEvent::Kind::kStart;
  start.time_ps = 1'000'000'000;
  t.push_back(start);
  auto state = [&](fw::FsmState s, uint64_t time) {
    TimelineEvent e;
    e.kind = TimelineEvent::Kind::kFsmState;
    e.state = s;
    e.time_ps = time;
    t.push_back(e);
  };
  state(fw::FsmState::kLocked, 1'000'000'000);
  for (size_t i = 0; i < ops; ++i) {
    if (i == ops / 2) state(fw::FsmState::kDownload, 1'000'000'000 + i * 1'000'000'000);
    TimelineEvent e;
    e.kind = TimelineEvent::Kind::kFlashOperation;
    e.op_index = i;
    e.time_ps = 1'000'000'000 + i * 1'000'000'000;  // 1 ms apart
    t.push_back(e);
  }
  state(fw::FsmState::kLocked, 1'000'000'000 + ops * 1'000'000'000);
  return t;
}

std::set<std::string> ids(const std::vector<power::CutPoint>& points) {
  std::set<std::string> s;
  for (const auto& p : points) s.insert(p.id());
  return s;
}

TEST(Plan, EveryOpCutsBeforeEachOperationAndAfterTheLast) {
  Sweep every;
  auto points = plan_points({every}, timeline(10));
  ASSERT_EQ(points.size(), 11u);
  EXPECT_EQ(points.front().id(), "op0-before");
  EXPECT_EQ(points.back().id(), "op9-after");
}

TEST(Plan, ModesMultiplyAndDuplicatesMerge) {
  Sweep every;
  every.modes = {model::CutMode::kBeforeOp, model::CutMode::kAfterOp, model::CutMode::kTornOp};
  every.seed = 4;
  Sweep again;  // every-op before again: merges
  auto points = plan_points({every, again}, timeline(5));
  EXPECT_EQ(points.size(), 15u);
  EXPECT_TRUE(ids(points).count("op2-torn-s4"));
  for (size_t i = 1; i < points.size(); ++i) {
    EXPECT_LE(point_position(points[i - 1], timeline(5)), point_position(points[i], timeline(5)));
  }
}

TEST(Plan, StatesCutAtEveryEntryOrOnlyTheChosenOnes) {
  Sweep states;
  states.kind = SweepKind::kStates;
  auto all = ids(plan_points({states}, timeline(4)));
  EXPECT_EQ(all, (std::set<std::string>{"state-LOCKED-1", "state-DOWNLOAD-1", "state-LOCKED-2"}));
  states.only_states = {fw::FsmState::kDownload};
  EXPECT_EQ(ids(plan_points({states}, timeline(4))), std::set<std::string>{"state-DOWNLOAD-1"});
}

TEST(Plan, TimesCoverTheActionsDuration) {
  Sweep times;
  times.kind = SweepKind::kTimes;
  times.every_us = 2000;  // 2 ms over a 10 ms action
  auto points = plan_points({times}, timeline(10));
  EXPECT_EQ(ids(points),
            (std::set<std::string>{"t2000us", "t4000us", "t6000us", "t8000us", "t10000us"}));
}

TEST(Plan, RandomIsReproducibleAndDistinct) {
  Sweep random;
  random.kind = SweepKind::kRandom;
  random.count = 20;
  random.seed = 7;
  random.modes = {model::CutMode::kBeforeOp, model::CutMode::kTornOp};
  auto a = plan_points({random}, timeline(100));
  auto b = plan_points({random}, timeline(100));
  EXPECT_EQ(a.size(), 20u);
  EXPECT_EQ(ids(a), ids(b));
  random.seed = 8;
  EXPECT_NE(ids(plan_points({random}, timeline(100))), ids(a));
  random.count = 1000;  // more than there are: all of them
  EXPECT_EQ(plan_points({random}, timeline(100)).size(), 200u);
}

TEST(Plan, SampleIndicesAreSortedDistinctAndSeeded) {
  auto s = sample_indices(1000, 10, 3);
  ASSERT_EQ(s.size(), 10u);
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
  EXPECT_EQ(std::set<size_t>(s.begin(), s.end()).size(), 10u);
  EXPECT_EQ(s, sample_indices(1000, 10, 3));
  EXPECT_EQ(sample_indices(5, 10, 3).size(), 5u);
  EXPECT_TRUE(sample_indices(0, 10, 3).empty());
}

}  // namespace
}  // namespace secnic::campaign
