#include "tools/campaign/powerfail_invariants.h"

#include <algorithm>

#include "model/power/cut_point.h"

namespace secnic::campaign {
namespace {

bool same(const uint8_t* a, const std::array<uint8_t, 32>& b) {
  return std::equal(b.begin(), b.end(), a);
}

}  // namespace

std::string version_text(uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string((v >> 16) & 0xff) + "." +
         std::to_string(v & 0xffff);
}

std::string describe_boot(const power::BranchOutcome& o, const BootReference& ref) {
  if (!o.error.empty()) return "evaluation failed";
  if (!o.reached) return "not reached";
  if (!o.boot.booted) return "nothing (bricked)";
  const char* slot = o.boot.slot == 0 ? "A" : "B";
  const std::string where = std::string(" (slot ") + slot + (o.boot.fallback ? ", fallback)" : ")");
  const uint8_t* sha = o.boot.running.sha256;
  if (same(sha, ref.old_sha)) return "OLD " + version_text(o.boot.running.version) + where;
  if (ref.new_sha && same(sha, *ref.new_sha)) {
    return "NEW " + version_text(o.boot.running.version) + where;
  }
  return "UNKNOWN image " + version_text(o.boot.running.version) + " sha256 " + power::hex(sha, 8) +
         "..." + where;
}

std::vector<std::string> check_outcome(const power::BranchOutcome& o, const BootReference& ref,
                                       const Invariants& inv) {
  std::vector<std::string> violations;
  if (!o.error.empty()) {
    violations.push_back("the evaluation failed: " + o.error);
    return violations;
  }
  if (!o.reached) {
    violations.push_back(
        "the action never reached this point (it was on the uncut run's timeline: the host action "
        "is not deterministic)");
    return violations;
  }
  const uint8_t* sha = o.boot.running.sha256;
  const bool is_old = o.boot.booted && same(sha, ref.old_sha);
  const bool is_new = o.boot.booted && ref.new_sha && same(sha, *ref.new_sha);
  if (inv.boots_old_or_new) {
    if (!o.boot.booted) {
      violations.push_back("boots-old-or-new: the card boots nothing (bricked): " + o.boot.summary);
    } else if (!is_old && !is_new) {
      violations.push_back("boots-old-or-new: the card boots " + describe_boot(o, ref) +
                           ", neither OLD nor NEW");
    }
  }
  if (inv.new_only_if_verified && o.boot.booted && !is_old) {
    const bool verified = std::any_of(o.verified.begin(), o.verified.end(),
                                      [&](const auto& d) { return same(sha, d); });
    if (!verified) {
      violations.push_back("new-only-if-verified: the card boots " + describe_boot(o, ref) +
                           " which its verifier had not accepted before the cut");
    }
  }
  if (inv.fsm_idle_after_boot && (o.boot.fsm_state != fw::FsmState::kIdle || o.boot.pending)) {
    violations.push_back(std::string("fsm-idle-after-boot: after power-up the FSM is ") +
                         power::fsm_state_name(o.boot.fsm_state) +
                         (o.boot.pending ? " with an image pending" : ""));
  }
  if (inv.config_intact && o.preserved != ref.preserved) {
    violations.push_back(
        "config-intact: the flash outside the slots and journal, or the card configuration, "
        "changed");
  }
  return violations;
}

}  // namespace secnic::campaign
