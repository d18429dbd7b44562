// The power-fail scenario file (kind: powerfail): on top of the shared keys/images/card sections
// (scenario_fixture.h) it names the host action, the cut-point sweeps, the invariants and what the
// uncut action must do. docs/verification_guide.md has the full reference; in short:
//
//   host: mstflint -d ${bdf} -i ${new} -y burn     # one real tool command line
//   expect: {host_exit: 0, installs: new, from: old}
//   sweep:                                         # any number, their points are merged
//     - every-op                                   # before every flash program/erase (+ after the
//     last)
//     - every-op: {modes: [before, after, torn], seed: 1}
//     - every-op-torn: {seed: 3}                   # torn in the middle of every operation
//     - states                                     # on every entry into an update-FSM state
//     - states: {only: [VERIFY, ACTIVATE]}
//     - times: {every: 250ms}                      # or {at: [1s, 2.5s]}: card time since the
//     action began
//     - random: {count: 200, seed: 7}              # random operations and cut modes
//   invariants: [boots-old-or-new, new-only-if-verified, fsm-idle-after-boot, config-intact,
//                retry-succeeds]                   # default: all
//   retry: {sample: 4, seed: 1, host: ...}         # re-run the update on recovered cards (real
//   tool) nested: {sample: 2, seed: 1, sweep: [...]}     # cut again during those retries
//   host_check: {sample: 2, seed: 1, timeout: 120s}  # cut for real: the tool must fail, not hang
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/update/update_controller.h"
#include "model/flash/spi_nor_flash.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::campaign {

enum class SweepKind { kEveryOp, kStates, kTimes, kRandom };

struct Sweep {
  SweepKind kind = SweepKind::kEveryOp;
  std::vector<model::CutMode> modes{model::CutMode::kBeforeOp};  // kEveryOp, kRandom
  uint64_t seed = 1;                                             // torn cuts and random choices
  uint64_t count = 0;                                            // kRandom
  uint64_t every_us = 0;                                         // kTimes
  std::vector<uint64_t> at_us;                                   // kTimes
  std::vector<fw::FsmState> only_states;                         // kStates; empty: all
};

struct Invariants {
  bool boots_old_or_new = true;
  bool new_only_if_verified = true;
  bool fsm_idle_after_boot = true;
  bool config_intact = true;
  bool retry_succeeds = true;
};

struct PowerfailScenario {
  std::string name;
  std::string description;
  std::string host;                  // the action: a tool command line with ${...}
  std::optional<int> host_exit = 0;  // nullopt: any non-zero status
  std::string installs;  // image the uncut action installs ("" = none: the update must fail)
  std::string from;      // image the card runs before (default: the card's image)
  std::vector<Sweep> sweeps;
  Invariants invariants;
  struct Sample {
    uint64_t count = 0;
    uint64_t seed = 1;
  };
  Sample retry{4, 1};
  std::string retry_host;  // default: host
  Sample nested{0, 1};
  std::vector<Sweep> nested_sweeps;
  Sample host_check{0, 1};
  uint64_t host_timeout_s = 300;
};

// Throws ScenarioError naming the file, key and line.
PowerfailScenario parse_powerfail_scenario(const YAML::Node& document, const YamlReader& reader);

// "250ms", "1.5s", "100us", "2s" -> microseconds; nullopt when it is not a duration.
std::optional<uint64_t> parse_duration_us(const std::string& text);

}  // namespace secnic::campaign
