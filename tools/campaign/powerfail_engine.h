// PowerfailEngine: runs one power-fail scenario — the uncut action once (its timeline), then the
// action once more with the card branched at every cut point (model/power PowerController), then
// the checks that need the real tool again (retries, nested cuts, host behaviour) — and turns the
// outcomes into CaseResults.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/power/branch_outcome.h"
#include "model/power/power_plan.h"
#include "model/power/timeline.h"
#include "tools/campaign/powerfail_invariants.h"
#include "tools/campaign/powerfail_plan.h"
#include "tools/campaign/powerfail_scenario.h"
#include "tools/campaign/scenario_fixture.h"

namespace secnic::campaign {

struct SweepRun {
  std::vector<power::TimelineEvent> timeline;
  std::vector<power::CutPoint> points;                   // as planned (after sharding)
  std::map<std::string, power::BranchOutcome> outcomes;  // by point id, plus "end"
  ProcessResult probe;                                   // the uncut action
  ProcessResult branch;                                  // the branching run
  double sweep_seconds = 0;                              // wall time of the branching run
};

class PowerfailEngine {
 public:
  PowerfailEngine(const ScenarioFixture& fixture, const PowerfailScenario& scenario,
                  const CampaignOptions& options, std::ostream& progress);

  ScenarioResult run();
  ScenarioResult replay(const std::string& id);

 private:
  // Probe + branch run of `host` against a copy of `card` in `dir`. `dump` chooses, from the
  // planned points, those whose recovered card is saved.
  SweepRun sweep(const std::string& card, const std::string& host, const std::vector<Sweep>& sweeps,
                 const std::string& dir, bool shard, uint64_t dump_count, uint64_t dump_seed);
  power::PowerPlan plan_for(const std::string& card, const std::string& dir, power::PlanMode mode,
                            std::vector<power::CutPoint> points, bool include_end) const;
  ProcessResult run_with_plan(const std::string& host, const std::string& card,
                              const power::PowerPlan& plan, const std::string& label,
                              size_t expected_records,
                              const std::vector<std::string>& progress_files = {}) const;
  std::vector<power::BranchOutcome> read_outcomes(const std::string& path) const;

  BootReference reference_for(const std::string& card_dir) const;
  void add_point_cases(const SweepRun& run, const BootReference& reference,
                       const std::string& prefix, ScenarioResult& result) const;
  CaseResult end_case(const SweepRun& run, const BootReference& reference,
                      const std::string& prefix) const;
  CaseResult retry_case(const std::string& id, const power::BranchOutcome& outcome) const;
  CaseResult host_case(const power::CutPoint& point, const power::BranchOutcome& branch,
                       const BootReference& reference, const std::string& dir) const;
  // Runs the point for real (inline): the tool meets a vanished card. Returns the outcome.
  std::optional<power::BranchOutcome> run_inline(const power::CutPoint& point,
                                                 const std::string& card, const std::string& host,
                                                 const std::string& dir, ProcessResult& tool,
                                                 std::vector<power::TimelineEvent>* timeline) const;
  std::string point_name(const power::CutPoint& point, const power::BranchOutcome* outcome) const;

  const ScenarioFixture& m_fixture;
  const PowerfailScenario& m_scenario;
  const CampaignOptions& m_options;
  std::ostream& m_progress;
  std::optional<std::array<uint8_t, 32>> m_new_sha;
  uint32_t m_new_version = 0;
};

// The HTML section of the report: the action's timeline (FSM states, flash operations) and the
// outcome at every cut point (html_timeline.cpp).
std::string timeline_html(const std::vector<power::TimelineEvent>& timeline,
                          const std::vector<power::CutPoint>& points,
                          const std::map<std::string, power::BranchOutcome>& outcomes,
                          const BootReference& reference, const std::vector<CaseResult>& cases);

// A VCD trace (GTKWave) of FSM state, flash operations and power up to a cut, and the boot after it
// (vcd_trace.cpp).
std::string vcd_trace(const std::vector<power::TimelineEvent>& timeline,
                      const power::BranchOutcome& outcome, const std::string& scenario_name);

}  // namespace secnic::campaign
