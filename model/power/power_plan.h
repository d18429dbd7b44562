// A power plan tells the PowerController inside a host tool's process what to do; `secnic campaign`
// writes it and names it in the environment (SECNIC_POWER_PLAN) of the tool it runs.
//
// Modes:
//   record  no cut: write the timeline (flash operations, FSM states) of the host action.
//   branch  fork the card at every planned point: the child cuts power there, powers up, writes a
//           BranchOutcome and exits; the parent goes on with the action uncut. Cost per point is
//           one fork and one boot, never a re-run of the action.
//   inline  cut once, for real: the host tool keeps running against a card that vanished, and at
//           the tool's exit the card powers up and the outcome is written (replays use this).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/power/cut_point.h"

namespace secnic::power {

class PowerPlanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class PlanMode { kRecord, kBranch, kInline };

struct PowerPlan {
  PlanMode mode = PlanMode::kRecord;
  std::string card_dir;  // the card this plan is for (canonical path)
  unsigned jobs = 1;     // branch: children evaluating at once
  std::string results;   // outcome records, one JSON line each (appended)
  std::string timeline;  // timeline events, one JSON line each (written at exit)
  std::string dump_dir;  // where cards of points with dump_card are saved
  std::vector<CutPoint> points;
  bool include_end = false;  // also evaluate `end` (power cycle after the action)
  bool dump_end = false;     // and save the card after that boot
  // branch: do not fork for a point whose power-up would read exactly what an earlier branch's
  // did (PoweredDevice::recall_outcome); its record names that branch in evaluated_by.
  bool memo = false;
};

// Environment variable naming the plan file.
constexpr const char* kPowerPlanEnv = "SECNIC_POWER_PLAN";

std::string to_json(const PowerPlan& plan);
// Throws PowerPlanError with the file name and what is wrong.
PowerPlan power_plan_from_json(const std::string& text, const std::string& origin);
PowerPlan load_power_plan(const std::string& path);

}  // namespace secnic::power
