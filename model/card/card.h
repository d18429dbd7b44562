// Card: one simulated ConnectX-4 Lx, assembled from its state directory — the spine from the host's
// config-space access to the flash:
//
//   PcieFunction (config header, VSEC gateway)
//     ├─ space 2 ─ CrSpace          (HW id, static config, restricted ranges blocked in secure
//     mode) ├─ space 3 ─ IcmdController ─ AccessRegisterDispatch (MCAM, MGIR, MCQS, MCQI, MCC,
//     MCDA, ...) │                                  └─ UpdateFsm ─ FlashDriver ─ SpiNorFlash
//     (flash.bin) └─ space a ─ SemaphoreSpace
//   BootRom (at power-up) ─ FlashDriver
//
// The card keeps its RAM in DIR/state.bin (CardVolatileState) and runs inside whatever process
// opened it (the host tool's, through the shim; or `secnic card ...`). Every host access takes the
// card lock, brings the SystemC kernel to the card's clock, runs the access, then (deterministic
// time) runs the kernel to idle so that background work finishes before the lock is released: a run
// is reproducible bit for bit. In real-time mode the card clock follows the wall clock instead.
#pragma once

#include <memory>
#include <string>
#include <systemc>

#include "firmware_model/boot/boot_rom.h"
#include "firmware_model/flashdrv/flash_driver.h"
#include "firmware_model/regs/access_register_dispatch.h"
#include "firmware_model/regs/nv_config_store.h"
#include "firmware_model/update/fs3_component_verifier.h"
#include "firmware_model/update/journal_boot_control.h"
#include "firmware_model/update/update_fsm.h"
#include "model/card/boot_cache.h"
#include "model/card/card_directory.h"
#include "model/card/card_firmware_services.h"
#include "model/card/card_volatile_state.h"
#include "model/card/outcome_memo.h"
#include "model/card/shared_state_file.h"
#include "model/crspace/cr_space.h"
#include "model/flash/spi_nor_flash.h"
#include "model/icmd/icmd_controller.h"
#include "model/icmd/semaphore_space.h"
#include "model/pcie/pcie_function.h"
#include "model/power/power_controller.h"
#include "model/power/powered_device.h"
#include "tlm/hostlink/pci_config_port.h"

namespace secnic::card {

// What `secnic card info` shows.
struct CardStatus {
  PowerState power = PowerState::kNeverPowered;
  bool booted = false;
  uint32_t boot_count = 0;
  fw::FlashSlot slot = fw::FlashSlot::kA;
  bool fallback = false;
  fw::ComponentInfo running;
  std::optional<fw::ComponentInfo> pending;
  fw::FsmState fsm_state = fw::FsmState::kIdle;
  uint64_t card_time_ps = 0;
  std::string boot_summary;
};

class Card : public sc_core::sc_module,
             public hostlink::PciConfigPort,
             public power::PoweredDevice {
 public:
  enum class OnOpen { kPowerOnIfFresh, kStayOff };
  // kShared: DIR/flash.bin and DIR/state.bin are the card for every process (the normal card).
  // kIsolated: this process starts from them and keeps its changes to itself (copy-on-write), so
  // fork() branches the whole card at no cost — what a branching power-fail campaign needs.
  enum class Sharing { kShared, kIsolated };
  // Opens the card in `dir`; powers it on (BootRom) if its RAM is fresh, unless told to stay off
  // (the factory does that to program the flash first). Must be constructed before the first
  // sc_start() of the process (SystemC elaborates once). Throws CardConfigError for an unusable
  // directory or configuration, std::system_error for file errors.
  Card(const sc_core::sc_module_name& name, const std::string& dir,
       OnOpen on_open = OnOpen::kPowerOnIfFresh, Sharing sharing = Sharing::kShared);
  ~Card() override;
  Card(const Card&) = delete;
  Card& operator=(const Card&) = delete;

  const CardConfig& config() const { return m_config; }
  const CardDirectory& directory() const { return m_dir; }

  // hostlink::PciConfigPort: one host config access. False while the card is powered off.
  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override;

  // Power control (each takes the card lock). power_on() runs the BootRom and resets the RAM.
  fw::BootReport power_on();
  void power_off();
  // Off then on: the flash loses power too (an operation in progress would be torn).
  fw::BootReport power_cycle();
  // A firmware reset (mstfwreset, a reboot): the RAM is lost and the BootRom runs; the flash stays
  // powered.
  fw::BootReport reset();

  CardStatus status();

  // Writes a flash image (as a file holds it: FS3 magic present) into `slot` and records it as the
  // active slot in the boot-control journal, through the firmware's flash driver (factory
  // programming). Throws std::runtime_error when the image does not fit or the flash refuses.
  void program_factory_image(fw::FlashSlot slot, const std::vector<uint8_t>& image);
  // Erases the whole part (a card whose flash holds nothing).
  void erase_flash();

  const char* kind() const override { return "secnic::card::Card"; }

  // Puts the card under a power-fail campaign's control (model/power). A branch-mode plan needs an
  // isolated card. The controller finishes when the process exits. Throws power::PowerPlanError.
  void attach_power_plan(power::PowerPlan plan);
  power::PowerController* power_controller() { return m_power.get(); }

  // power::PoweredDevice
  void begin_branch() override;
  void arm_flash_cut(uint64_t op_index, model::CutMode mode, uint64_t seed) override;
  void cut_power_at(uint64_t at_ps) override;
  power::BootFacts power_up() override;
  fw::FsmState fsm_state() const override;
  uint64_t card_time_ps() const override;
  std::array<uint8_t, 32> preserved_digest() override;
  void save_card(const std::string& dir) override;
  void remember_outcome(const power::BootFacts& facts, const std::array<uint8_t, 32>& preserved,
                        const std::string& id) override;
  bool recall_outcome(uint32_t changed_address, uint32_t changed_length, power::BootFacts& facts,
                      std::array<uint8_t, 32>& preserved, std::string& source_id) override;

 private:
  class AccessScope;
  bool host_access(bool is_write, uint32_t offset, unsigned size, uint32_t& value);
  fw::BootReport power_on_locked();
  // The steps of a power-up: blank RAM, the BootRom (through `flash`), the firmware's start.
  void prepare_power_on();
  BootResult run_boot_rom(fw::FlashPort& flash, fw::BootReport& report);
  void start_firmware(const BootResult& boot);
  void sync_kernel_to_card_clock();
  void release_semaphores_of_dead_processes();
  void finish_access();
  sc_core::sc_time card_time() const;
  fw::CardTrust card_trust() const;
  void anchor_wall_clock();
  void build_host_side();

  CardDirectory m_dir;
  CardConfig m_config;
  CardLock m_lock;
  SharedState<CardVolatileState> m_ram;
  CardVolatileState& m_state;

  model::SpiNorFlash m_flash;
  fw::FlashDriver m_driver;
  std::vector<image::TrustedKey> m_trusted_keys;
  std::unique_ptr<fw::Fs3ComponentVerifier> m_verifier;
  std::unique_ptr<fw::JournalBootControl> m_boot_control;
  std::unique_ptr<fw::UpdateFsm> m_fsm;
  std::unique_ptr<CardImageStatus> m_image_status;
  fw::DeviceProfile m_profile;
  std::unique_ptr<fw::InMemoryNvConfig> m_nv_config;
  std::unique_ptr<fw::AccessRegisterDispatch> m_registers;
  std::unique_ptr<FirmwareIcmd> m_firmware_icmd;
  std::unique_ptr<model::CrSpace> m_cr_space;
  std::unique_ptr<model::SemaphoreSpace> m_semaphores;
  std::unique_ptr<model::IcmdController> m_icmd;
  std::unique_ptr<model::PcieFunction> m_pcie;
  sc_core::sc_time m_pcie_time_taken;
  // Loosely-timed temporal decoupling: simulated time host accesses consumed that the kernel has
  // not been advanced by yet. The kernel is synchronised when something is scheduled or a quantum
  // is exceeded.
  sc_core::sc_time m_local_time;
  uint32_t m_accesses_until_dead_owner_check = 0;
  std::unique_ptr<power::PowerController> m_power;
  std::unique_ptr<BootCache> m_boot_cache;      // branching campaigns only
  std::unique_ptr<OutcomeMemo> m_outcome_memo;  // branching campaigns with memo only
  std::vector<bool> m_last_boot_read;           // sectors the last power_up() read
};

}  // namespace secnic::card
