// What happened at one cut point: written by the process that evaluated it (a forked branch, or the
// tool process itself in inline mode) as one JSON line, read by `secnic campaign`, which checks the
// invariants (tools/campaign/powerfail_invariants.h). The record holds facts only, no verdict.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/power/powered_device.h"

namespace secnic::power {

struct CutFacts {
  fw::FsmState fsm_state = fw::FsmState::kIdle;  // the update FSM's state when power went
  uint64_t time_ps = 0;                          // card time of the cut
  bool in_flash_operation = false;               // the cut hit a flash operation
  model::FlashOperationKind op_kind = model::FlashOperationKind::kPageProgram;
  uint32_t op_address = 0;
  uint32_t op_length = 0;
};

struct BranchOutcome {
  std::string id;
  std::string error;    // the evaluation itself failed (then the facts below may be partial)
  bool reached = true;  // false: the action ended before the trigger (nothing was cut)
  CutFacts cut;
  BootFacts boot;
  // Digests of every component the card's verifier accepted before the cut (fw::ComponentInfo
  // sha256: the slot bytes as the BootRom sees them).
  std::vector<std::array<uint8_t, 32>> verified;
  std::array<uint8_t, 32> preserved{};  // PoweredDevice::preserved_digest() after the boot
  std::string dump_dir;                 // where the card was saved (dump_card), else empty
  std::string evaluated_by;  // memo: the point whose branch read the same bytes (no fork here)
};

std::string to_json_line(const BranchOutcome& outcome);  // one line, no newline
// nullopt when the line is not a BranchOutcome record (the reason in `error`).
std::optional<BranchOutcome> branch_outcome_from_json(const std::string& line, std::string& error);

std::string hex(const uint8_t* bytes, size_t size);
template <size_t N>
std::string hex(const std::array<uint8_t, N>& bytes) {
  return hex(bytes.data(), N);
}

}  // namespace secnic::power
