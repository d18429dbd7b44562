// Cut-point ids, power plans and outcome records: the formats `secnic campaign` and the card
// exchange. Ids must round-trip exactly (a replay id is typed by people), and a bad plan or id is
// refused with a reason, never half-read.
#include "model/power/cut_point.h"

#include <gtest/gtest.h>

#include "model/power/branch_outcome.h"
#include "model/power/power_plan.h"

namespace secnic::power {
namespace {

TEST(CutPointId, EveryKindRoundTrips) {
  for (const std::string id : {"op0-before", "op812-after", "op77-torn-s3", "state-VERIFY-1",
                               "state-UPLOAD_PENDING-12", "t1500000us", "end"}) {
    auto p = parse_cut_point_id(id);
    ASSERT_TRUE(p) << id;
    EXPECT_EQ(p->id(), id);
  }
  auto torn = parse_cut_point_id("op77-torn-s3");
  EXPECT_EQ(torn->trigger, CutTrigger::kFlashOperation);
  EXPECT_EQ(torn->op_index, 77u);
  EXPECT_EQ(torn->mode, model::CutMode::kTornOp);
  EXPECT_EQ(torn->seed, 3u);
  auto state = parse_cut_point_id("state-ACTIVATE-2");
  EXPECT_EQ(state->state, fw::FsmState::kActivate);
  EXPECT_EQ(state->occurrence, 2u);
}

TEST(CutPointId, MalformedIdsAreRefused) {
  for (const std::string id :
       {"", "op", "op-before", "opx-before", "op1-during", "op1-torn-s", "op1-torn-sx",
        "state-NOPE-1", "state-VERIFY-0", "state-VERIFY", "t", "tus", "t12", "t12ms", "END",
        "op99999999999999999999-before", "op1-before-x"}) {
    EXPECT_FALSE(parse_cut_point_id(id)) << id;
  }
}

TEST(PowerPlan, RoundTripsAndKeepsDumpMarks) {
  PowerPlan plan;
  plan.mode = PlanMode::kBranch;
  plan.card_dir = "/tmp/card";
  plan.jobs = 3;
  plan.results = "/tmp/r";
  plan.timeline = "/tmp/t";
  plan.dump_dir = "/tmp/d";
  plan.points = {*parse_cut_point_id("op1-before"), *parse_cut_point_id("state-VERIFY-1")};
  plan.points[1].dump_card = true;
  plan.include_end = true;
  plan.dump_end = true;
  const PowerPlan back = power_plan_from_json(to_json(plan), "test");
  EXPECT_EQ(back.mode, PlanMode::kBranch);
  EXPECT_EQ(back.jobs, 3u);
  ASSERT_EQ(back.points.size(), 2u);
  EXPECT_FALSE(back.points[0].dump_card);
  EXPECT_TRUE(back.points[1].dump_card);
  EXPECT_TRUE(back.include_end);
  EXPECT_TRUE(back.dump_end);
}

TEST(PowerPlan, BadPlansSayWhatIsWrong) {
  const std::string good =
      R"({"mode":"branch","card":"c","jobs":1,"results":"r","timeline":"t","dump_dir":"d","points":[]})";
  EXPECT_NO_THROW(power_plan_from_json(good, "p"));
  auto refused = [](const std::string& text, const std::string& needle) {
    try {
      power_plan_from_json(text, "plan.json");
    } catch (const PowerPlanError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("plan.json"), std::string::npos) << e.what();
      return;
    }
    ADD_FAILURE() << "accepted: " << text;
  };
  refused("[]", "not a JSON object");
  refused("{", "not a JSON object");
  refused(
      R"({"mode":"sometimes","card":"c","jobs":1,"results":"r","timeline":"t","dump_dir":"d","points":[]})",
      "mode");
  refused(
      R"({"mode":"branch","card":"c","jobs":0,"results":"r","timeline":"t","dump_dir":"d","points":[]})",
      "jobs");
  refused(
      R"({"mode":"branch","card":"c","jobs":1,"results":"r","timeline":"t","dump_dir":"d","points":["op1-whenever"]})",
      "op1-whenever");
  refused(
      R"({"mode":"branch","card":"c","jobs":1,"results":"r","timeline":"t","dump_dir":"d","points":[7]})",
      "points");
  refused(
      R"({"mode":"inline","card":"c","jobs":1,"results":"r","timeline":"t","dump_dir":"d","points":["op1-before","op2-before"]})",
      "exactly once");
  refused(R"({"mode":"branch","jobs":1,"results":"r","timeline":"t","dump_dir":"d","points":[]})",
          "card");
}

TEST(BranchOutcome, RoundTripsEveryField) {
  BranchOutcome o;
  o.id = "op5-torn-s2";
  o.reached = true;
  o.cut.fsm_state = fw::FsmState::kDownload;
  o.cut.time_ps = 123456789;
  o.cut.in_flash_operation = true;
  o.cut.op_kind = model::FlashOperationKind::kSubsectorErase;
  o.cut.op_address = 0x801000;
  o.cut.op_length = 4096;
  o.boot.booted = true;
  o.boot.slot = 1;
  o.boot.fallback = true;
  o.boot.summary = "line one\nline \"two\"\n";
  o.boot.running.version = 0x0e1607d0;
  o.boot.running.size = 4242;
  o.boot.running.sha256[0] = 0xab;
  o.boot.running.sha256[31] = 0xcd;
  o.boot.fsm_state = fw::FsmState::kIdle;
  o.verified.push_back({});
  o.verified[0][5] = 9;
  o.preserved[2] = 7;
  o.dump_dir = "/x/y";
  std::string error;
  auto back = branch_outcome_from_json(to_json_line(o), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(to_json_line(*back), to_json_line(o));
  EXPECT_EQ(to_json_line(o).find('\n'), std::string::npos) << "one record per line";
}

TEST(BranchOutcome, GarbageIsNotARecord) {
  std::string error;
  EXPECT_FALSE(branch_outcome_from_json("", error));
  EXPECT_FALSE(branch_outcome_from_json("{\"id\":1}", error));
  EXPECT_FALSE(branch_outcome_from_json("{\"id\":\"x\"}", error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace secnic::power
