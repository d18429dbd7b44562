// The invariant checker must fail on every kind of unsafe outcome, and only on those.
#include <gtest/gtest.h>

#include "tools/campaign/powerfail_invariants.h"

namespace secnic::campaign {
namespace {

using power::BranchOutcome;

std::array<uint8_t, 32> digest(uint8_t fill) {
  std::array<uint8_t, 32> d{};
  d.fill(fill);
  return d;
}

struct Fixture {
  BootReference ref;
  Invariants all;
  Fixture() {
    ref.old_sha = digest(0x11);
    ref.old_version = 0x0e1603e8;
    ref.new_sha = digest(0x22);
    ref.new_version = 0x0e1607d0;
    ref.preserved = digest(0x33);
  }
  BranchOutcome booting(const std::array<uint8_t, 32>& sha, uint8_t slot = 0) const {
    BranchOutcome o;
    o.id = "op1-before";
    o.boot.booted = true;
    o.boot.slot = slot;
    std::copy(sha.begin(), sha.end(), o.boot.running.sha256);
    o.preserved = ref.preserved;
    return o;
  }
};

TEST(Invariants, OldOrVerifiedNewPasses) {
  Fixture f;
  EXPECT_TRUE(check_outcome(f.booting(f.ref.old_sha), f.ref, f.all).empty());
  BranchOutcome n = f.booting(*f.ref.new_sha, 1);
  n.verified.push_back(*f.ref.new_sha);
  EXPECT_TRUE(check_outcome(n, f.ref, f.all).empty());
  EXPECT_EQ(describe_boot(n, f.ref).rfind("NEW", 0), 0u);
}

TEST(Invariants, BrickedCardFails) {
  Fixture f;
  BranchOutcome o = f.booting(f.ref.old_sha);
  o.boot.booted = false;
  o.boot.summary = "slot A: no FS3 magic";
  auto v = check_outcome(o, f.ref, f.all);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("boots nothing"), std::string::npos);
  EXPECT_NE(v[0].find("no FS3 magic"), std::string::npos);
}

TEST(Invariants, AMixOfImagesFails) {
  Fixture f;
  BranchOutcome o = f.booting(digest(0x44));
  o.verified.push_back(digest(0x44));  // even if verified: it is neither OLD nor NEW
  auto v = check_outcome(o, f.ref, f.all);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("neither OLD nor NEW"), std::string::npos);
}

TEST(Invariants, NewThatWasNotVerifiedFails) {
  Fixture f;
  BranchOutcome o = f.booting(*f.ref.new_sha, 1);
  o.verified.push_back(digest(0x55));  // something else was verified
  auto v = check_outcome(o, f.ref, f.all);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("new-only-if-verified"), std::string::npos);
}

TEST(Invariants, UnverifiedImageFailsBothChecksWhenNothingIsInstalled) {
  Fixture f;
  f.ref.new_sha.reset();  // the action installs nothing (a bad image)
  auto v = check_outcome(f.booting(digest(0x66)), f.ref, f.all);
  EXPECT_EQ(v.size(), 2u);
}

TEST(Invariants, FsmNotIdleOrPendingAfterBootFails) {
  Fixture f;
  BranchOutcome o = f.booting(f.ref.old_sha);
  o.boot.fsm_state = fw::FsmState::kLocked;
  EXPECT_EQ(check_outcome(o, f.ref, f.all).size(), 1u);
  o.boot.fsm_state = fw::FsmState::kIdle;
  o.boot.pending = true;
  auto v = check_outcome(o, f.ref, f.all);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("pending"), std::string::npos);
}

TEST(Invariants, ChangedConfigurationFails) {
  Fixture f;
  BranchOutcome o = f.booting(f.ref.old_sha);
  o.preserved[0] ^= 1;
  auto v = check_outcome(o, f.ref, f.all);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].find("config-intact"), std::string::npos);
}

TEST(Invariants, EvaluationErrorsAndUnreachedPointsFail) {
  Fixture f;
  BranchOutcome o = f.booting(f.ref.old_sha);
  o.error = "boom";
  EXPECT_EQ(check_outcome(o, f.ref, f.all).size(), 1u);
  o.error.clear();
  o.reached = false;
  EXPECT_EQ(check_outcome(o, f.ref, f.all).size(), 1u);
}

TEST(Invariants, DisabledInvariantsAreNotChecked) {
  Fixture f;
  BranchOutcome o = f.booting(f.ref.old_sha);
  o.boot.booted = false;
  Invariants none{false, false, false, false, false};
  EXPECT_TRUE(check_outcome(o, f.ref, none).empty());
}

}  // namespace
}  // namespace secnic::campaign
