// Power cuts at every flash operation of a real burn (real image, verifier, journal and BootRom),
// before, after and in the middle of each operation: the card boots the old image until the journal
// record that activates the new one is complete, the new one after, and the next update succeeds.
#include <gtest/gtest.h>

#include <string>

#include "testbench/update/card_bench.h"

namespace secnic::fw::test {
namespace {

const image::FwVersion kOld{14, 22, 4020};
const image::FwVersion kNew{14, 23, 1020};
const image::FwVersion kNext{14, 24, 1000};

const char* name(MemoryFlash::CutWhen when) {
  switch (when) {
    case MemoryFlash::CutWhen::kBeforeOp:
      return "before";
    case MemoryFlash::CutWhen::kAfterOp:
      return "after";
    case MemoryFlash::CutWhen::kTornOp:
      return "torn";
  }
  return "?";
}

class UpdateCardPower : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_factory = build_signed(card_image_spec(kOld), "rsa2048_trusted", kTrustedUuid);
    s_new = component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid));
    s_next = component_of(build_signed(card_image_spec(kNext), "rsa2048_trusted", kTrustedUuid));
  }
  static CardBench& bench() { return CardBench::get(); }

  // A whole `mstflint b`; false at the first failure.
  static bool burn(const std::vector<uint8_t>& component) {
    ToolDriver t(bench().fsm, bench().flash);
    t.open();
    if (t.mcc(MccInstruction::kLockUpdateHandle).status != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kUpdateComponent, component.size()).status != RegStatus::kOk) {
      return false;
    }
    if (t.poll_while_initialize().control_state != FsmState::kDownload) return false;
    if (t.write_component(component) != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kVerifyComponent).status != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kActivate).status != RegStatus::kOk) return false;
    return t.mcc(MccInstruction::kReleaseUpdateHandle).status == RegStatus::kOk;
  }

  static std::vector<uint8_t> s_factory, s_new, s_next;
};
std::vector<uint8_t> UpdateCardPower::s_factory, UpdateCardPower::s_new, UpdateCardPower::s_next;

TEST_F(UpdateCardPower, CutAtEveryOperationBootsOldUntilTheRecordIsCompleteThenNew) {
  bench().reset(s_factory);
  ASSERT_TRUE(burn(s_new));
  const uint64_t ops = bench().flash.op_count();
  ASSERT_GT(ops, 10u);
  const uint64_t record_op = ops - 1;  // the journal page program ends a burn on a fresh journal

  for (uint64_t k = 0; k < ops; ++k) {
    for (auto when : {MemoryFlash::CutWhen::kBeforeOp, MemoryFlash::CutWhen::kTornOp,
                      MemoryFlash::CutWhen::kAfterOp}) {
      const std::string where = std::string("cut ") + name(when) + " op " + std::to_string(k);
      bench().reset(s_factory);
      bench().flash.arm_cut(k, when);
      EXPECT_FALSE(burn(s_new)) << where;
      ASSERT_TRUE(bench().fsm.power_lost()) << where;
      EXPECT_EQ(bench().power_lost_calls, 1) << where;

      const BootReport boot = bench().power_cycle();
      ASSERT_TRUE(boot.booted) << where << "\n" << boot.summary();
      const bool record_complete = k == record_op && when == MemoryFlash::CutWhen::kAfterOp;
      EXPECT_EQ(boot.fw_version, record_complete ? kNew : kOld) << where << "\n" << boot.summary();
      EXPECT_FALSE(boot.fallback) << where << "\n" << boot.summary();

      // The card is usable again: the next update succeeds and boots.
      EXPECT_EQ(bench().fsm.control_state(), FsmState::kIdle) << where;
      ASSERT_TRUE(burn(s_next)) << where;
      EXPECT_EQ(bench().power_cycle().fw_version, kNext) << where;
    }
  }
}

}  // namespace
}  // namespace secnic::fw::test
