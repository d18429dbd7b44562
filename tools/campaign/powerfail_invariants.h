// The checker: what must hold after power came back at a cut point. Facts come from the card
// (power::BranchOutcome); the references (the images the card may boot) from the scenario.
//
//   boots-old-or-new      the card boots, and exactly the OLD or the NEW image (compared by the
//                         SHA-256 of the slot bytes it booted: never neither, never a mix)
//   new-only-if-verified  anything but OLD boots only if the card's verifier had accepted exactly
//                         those bytes before the power went (nothing unverified ever boots)
//   fsm-idle-after-boot   the update FSM is IDLE after power-up, with nothing pending
//   config-intact         the flash outside the slots and the journal, and the card's
//                         configuration (identity, keys, forbidden versions), are unchanged
// (retry-succeeds is checked by running the real tool again on recovered cards.)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/power/branch_outcome.h"
#include "tools/campaign/powerfail_scenario.h"

namespace secnic::campaign {

struct BootReference {
  std::array<uint8_t, 32> old_sha{};
  uint32_t old_version = 0;
  std::optional<std::array<uint8_t, 32>> new_sha;  // none: the action installs nothing
  uint32_t new_version = 0;
  std::array<uint8_t, 32> preserved{};
};

// Which image booted, in words: "OLD 14.22.1000 (slot A)", "NEW ...", "nothing (bricked)", ...
std::string describe_boot(const power::BranchOutcome& outcome, const BootReference& reference);

// The violated invariants, one message each; empty when the point passed.
std::vector<std::string> check_outcome(const power::BranchOutcome& outcome,
                                       const BootReference& reference,
                                       const Invariants& invariants);

std::string version_text(uint32_t packed);

}  // namespace secnic::campaign
