// PowerController: cuts a card's power at planned points of a host action and records what the
// card did (the power-fail campaign's agent inside the host tool's process).
//
// The card calls the hooks: on_flash_operation() when a program/erase operation is about to start,
// on_component_verified() when the update FSM's verifier accepted a component, after_access() after
// every host access (card lock released). A point is reached when its trigger fires: a flash
// operation's index, the n-th entry into an FSM state, or a card time. What happens then depends on
// the plan's mode (power_plan.h):
//
//   branch  fork(): the child cuts power at the point (arming the flash cut for an operation, so
//           the flash model applies it before/after/torn), lets the access unwind, powers up (the
//           BootRom runs), writes a BranchOutcome and _exits; the parent carries on uncut. Children
//           share nothing with the parent but copy-on-write memory: the card's flash and RAM must
//           be private mappings (Card's isolated mode). At most plan.jobs children run at once.
//   inline  the cut happens in the tool's own card; the tool sees a card that vanished; at exit the
//           card powers up and the outcome is written.
//   record  nothing is cut.
//
// In every mode the uncut line records its timeline (timeline.h), written at finish().
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/power/branch_outcome.h"
#include "model/power/power_plan.h"
#include "model/power/powered_device.h"
#include "model/power/timeline.h"

namespace secnic::power {

class PowerController {
 public:
  // Opens plan.results for appending; throws PowerPlanError when it cannot.
  PowerController(PoweredDevice& device, PowerPlan plan);
  ~PowerController();
  PowerController(const PowerController&) = delete;
  PowerController& operator=(const PowerController&) = delete;

  void on_flash_operation(const model::FlashOperationStart& op);
  void on_component_verified(const fw::ComponentInfo& verified);
  void after_access();
  // The host action is over (the tool exits): evaluates `end` and the inline cut, waits for the
  // branches, writes the timeline. Idempotent.
  void finish();

  const PowerPlan& plan() const { return m_plan; }
  // True in a forked branch (the child of a cut point).
  bool in_branch() const { return m_branch.has_value(); }

 private:
  struct LiveBranch {
    pid_t pid;
    std::string id;
  };
  struct Branch {
    CutPoint point;
    CutFacts cut;
  };

  // Cuts at `point` (for the current mode); `op` is the operation about to start, if any.
  void reach(const CutPoint& point, const model::FlashOperationStart* op);
  // Parent: fork; child: returns true (it is now the branch).
  bool fork_branch(const CutPoint& point);
  void apply_cut(const CutPoint& point, const model::FlashOperationStart* op);
  CutFacts facts_now(const model::FlashOperationStart* op) const;
  [[noreturn]] void evaluate_branch_and_exit();
  BranchOutcome evaluate(const CutPoint& point, const CutFacts& cut);
  void write_record(const std::string& line);
  void reap(size_t keep_at_most);
  void check_state_and_time(const model::FlashOperationStart* op);
  void write_timeline();
  uint64_t action_time_us(uint64_t card_time_ps) const;

  PoweredDevice& m_device;
  PowerPlan m_plan;
  int m_results_fd = -1;
  bool m_finished = false;

  // Planned points by trigger.
  std::map<uint64_t, std::vector<CutPoint>> m_by_operation;
  std::map<std::pair<fw::FsmState, uint32_t>, std::vector<CutPoint>> m_by_state;
  std::vector<CutPoint> m_by_time;  // sorted by time
  size_t m_next_time = 0;

  // The uncut line.
  uint64_t m_start_ps = 0;
  fw::FsmState m_last_state = fw::FsmState::kIdle;
  std::map<fw::FsmState, uint32_t> m_state_entries;
  uint64_t m_accesses = 0;
  std::vector<TimelineEvent> m_timeline;
  // Flash operations are stamped with the kernel's time, host accesses with the card clock, which
  // may run up to one LT quantum ahead: the timeline keeps its events in order.
  void record(TimelineEvent event);
  std::vector<std::array<uint8_t, 32>> m_verified;
  std::vector<LiveBranch> m_live;

  // Set in a branch (or, inline, once the cut happened).
  std::optional<Branch> m_branch;
  bool m_inline_cut_done = false;
};

}  // namespace secnic::power
