// UpdateFsm over the real flash stack: FlashDriver (TLM initiator, LT time) on the SpiNorFlash
// model (Micron N25Q128A timings, torn operations on power loss), with the real verifier, journal
// and BootRom. One elaborated top for this executable.
#include <gtest/gtest.h>

#include <string>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/flashdrv/flash_driver.h"
#include "firmware_model/update/booted_image.h"
#include "model/flash/spi_nor_flash.h"
#include "testbench/update/card_bench.h"

namespace secnic::fw::test {
namespace {

using sc_core::SC_MS;
using sc_core::sc_time;

const image::FwVersion kOld{14, 22, 4020};
const image::FwVersion kNew{14, 23, 1020};

struct SpineBench {
  static SpineBench& get() {
    static SpineBench* bench = new SpineBench();
    return *bench;
  }

  // Fresh part with `factory` in slot A; power-up through the BootRom.
  void reset(const std::vector<uint8_t>& factory) {
    run_to_idle();
    flash.disarm_cut();
    flash.power_on();
    flash.reset();
    // The tests' images stay far below 1 MiB: erasing that much of each slot and the journal is a
    // fresh part as far as they can tell, and much cheaper than 16 MiB per reset.
    const std::vector<uint8_t> erased(0x100000, 0xFF);
    debug_write(kSlotABase, erased);
    debug_write(kSlotBBase, erased);
    debug_write(kJournalBase, std::vector<uint8_t>(kFlashSectorSize, 0xFF));
    debug_write(kSlotABase, factory);
    power_lost_calls = 0;
    power_cycle();
  }
  BootReport power_cycle() {
    run_to_idle();
    flash.power_on();
    flash.reset();
    BootRom rom(driver, boot_config);
    const BootReport report = rom.boot();
    ComponentInfo running;
    EXPECT_EQ(booted_component_info(report, driver, running), FlashResult::kOk);
    advance(driver.take_elapsed());  // the boot's own flash time passes
    power_on_update_fsm_state(state, running);
    CardTrust trust;
    trust.psid = kCardPsid;
    trust.trusted_keys = boot_config.trusted_keys;
    verifier.target = std::make_unique<Fs3ComponentVerifier>(trust);
    return report;
  }
  void debug_write(uint32_t address, std::vector<uint8_t> bytes) {
    tlm::tlm_generic_payload gp;
    gp.set_command(tlm::TLM_WRITE_COMMAND);
    gp.set_address(address);
    gp.set_data_ptr(bytes.data());
    gp.set_data_length(static_cast<unsigned>(bytes.size()));
    ASSERT_EQ(flash.socket.get_base_export()->transport_dbg(gp), bytes.size());
  }
  ToolDriver tool(bool deterministic = true) {
    return ToolDriver(
        fsm, [this] { return driver.take_elapsed(); }, deterministic);
  }

  model::SpiNorFlash flash{"flash"};
  FlashDriver driver{"driver"};
  JournalBootControl journal{driver};
  VerifierSocket verifier;
  UpdateFsmState state{};
  int power_lost_calls = 0;
  UpdateFsm fsm{"fsm", state,
                UpdateFsmPorts{&driver,
                               &verifier,
                               &journal,
                               [this] { return driver.take_elapsed(); },
                               {},
                               [this] { ++power_lost_calls; },
                               {}}};
  BootRomConfig boot_config;

 private:
  SpineBench() {
    driver.socket.bind(flash.socket);
    sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_THROW);
    sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
    boot_config.trusted_keys = {
        {test_uuid(kTrustedUuid), test_public_key("rsa2048_trusted")},
        {test_uuid(kTrusted4096Uuid), test_public_key("rsa4096_trusted")},
    };
  }
};

class UpdateSpine : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    s_factory = build_signed(card_image_spec(kOld), "rsa2048_trusted", kTrustedUuid);
    s_new = component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid));
  }
  void SetUp() override {
    bench().reset(s_factory);
    ASSERT_EQ(bench().fsm.running_image().version, kOld.packed());
  }
  static SpineBench& bench() { return SpineBench::get(); }

  static bool burn(ToolDriver& t, const std::vector<uint8_t>& component) {
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

  static std::vector<uint8_t> s_factory, s_new;
};
std::vector<uint8_t> UpdateSpine::s_factory, UpdateSpine::s_new;

TEST_F(UpdateSpine, BurnOverTheFlashDriverBootsTheNewImage) {
  ToolDriver t = bench().tool();
  ASSERT_TRUE(burn(t, s_new));
  const BootReport boot = bench().power_cycle();
  ASSERT_TRUE(boot.booted) << boot.summary();
  EXPECT_EQ(boot.slot, FlashSlot::kB);
  EXPECT_EQ(boot.fw_version, kNew);
}

TEST_F(UpdateSpine, InitializeTakesTheDatasheetEraseTimeInRealTimePolling) {
  // Without running to idle between accesses, the tool's 240 ms polls see INITIALIZE for as long as
  // the erases take on the part (N25Q128A: 0.25 s per 4 KiB subsector, 0.7 s per 64 KiB sector).
  ToolDriver t = bench().tool(/*deterministic=*/false);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  const sc_time start = sc_core::sc_time_stamp();
  const uint64_t erases_before = bench().driver.statistics().subsector_erases;
  ASSERT_EQ(t.mcc(MccInstruction::kUpdateComponent, s_new.size()).control_state,
            FsmState::kInitialize);
  int polls = 0;
  while (t.last().control_state == FsmState::kInitialize && polls < 3000) {
    advance(sc_time(240, SC_MS));
    t.query();
    ++polls;
  }
  ASSERT_EQ(t.last().control_state, FsmState::kDownload);
  const uint32_t subsectors = (static_cast<uint32_t>(s_new.size()) + 0xFFF) / 0x1000;
  const sc_time expected = bench().flash.config().timing.subsector_erase * subsectors;
  const sc_time took = sc_core::sc_time_stamp() - start;
  EXPECT_GE(took, expected);
  EXPECT_LE(took, expected + sc_time(240, SC_MS) + sc_time(subsectors * 2, SC_MS));
  EXPECT_EQ(bench().driver.statistics().subsector_erases - erases_before, subsectors);
  ASSERT_EQ(t.write_component(s_new), RegStatus::kOk);
  EXPECT_EQ(t.mcc(MccInstruction::kVerifyComponent).status, RegStatus::kOk);
}

// Torn operations from the real part model (seed-chosen progress) at every program/erase of a burn.
TEST_F(UpdateSpine, TornCutAtEveryOperationBootsOldOrNew) {
  const uint64_t first = bench().flash.op_count();
  {
    ToolDriver dry = bench().tool();
    ASSERT_TRUE(burn(dry, s_new));
  }
  const uint64_t ops = bench().flash.op_count() - first;
  const uint64_t record_op = ops - 1;
  for (uint64_t k = 0; k < ops; ++k) {
    for (auto mode : {model::CutMode::kTornOp, model::CutMode::kAfterOp}) {
      const std::string where =
          std::string(model::to_string(mode)) + " cut at op " + std::to_string(k);
      bench().reset(s_factory);
      bench().flash.arm_cut(bench().flash.op_count() + k, mode, /*seed=*/k * 7 + 1);
      ToolDriver t = bench().tool();
      EXPECT_FALSE(burn(t, s_new)) << where;
      ASSERT_TRUE(bench().fsm.power_lost()) << where;
      EXPECT_EQ(bench().power_lost_calls, 1) << where;
      const BootReport boot = bench().power_cycle();
      ASSERT_TRUE(boot.booted) << where << "\n" << boot.summary();
      // New exactly when the journal's latest record names slot B, which only the last operation
      // (the record's page program) can achieve: always when it completed, and when a torn program
      // happened to leave a record that passes its CRC.
      const bool names_new =
          boot.journal_record && boot.journal_record->active_slot == FlashSlot::kB;
      EXPECT_EQ(boot.fw_version, names_new ? kNew : kOld) << where << "\n" << boot.summary();
      if (k != record_op) {
        EXPECT_FALSE(names_new) << where;
      } else if (mode == model::CutMode::kAfterOp) {
        EXPECT_TRUE(names_new) << where;
      }
    }
  }
}

}  // namespace
}  // namespace secnic::fw::test
