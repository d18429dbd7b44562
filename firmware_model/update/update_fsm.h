// UpdateFsm: the card firmware's secure component update state machine (MCC / MCDA), as driven by
// `mstflint burn`, `mstflint q` and `mstflint v` in FW-controlled mode.
//
// * Legal moves: one declared table (update_fsm_table.h). Host-facing calls (mcc, mcda_write,
// mcda_read)
//   are synchronous; a rejection has a non-zero register status plus an MCC error_code and changes
//   nothing, so the tool's duplicate send of a failed MCC gets the same answer.
// * State: all of it in UpdateFsmState, owned by the caller (shared memory). No hidden state in
// members.
// * Fail-safe write path: the new image goes to the slot that is not running. INITIALIZE erases
// what the
//   component needs (a job of the SC_THREAD, one erase per step, progress recorded after each step,
//   waiting the simulated time the flash took); MCDA chunks are programmed as they arrive, except
//   the FS3 magic (bytes 0..15) which stays erased until VERIFY_COMPONENT accepted the bytes read
//   back from flash; ACTIVATE appends a boot-control journal record naming the new slot. See
//   docs/update_protocol.md.
// * Time: flash time of host-facing calls is left in the flash driver for the caller to sync (LT);
// the
//   erase job waits on it. The idle-handle timeout is computed from time stamps of the card clock
//   when the next access arrives (no timer is ticking, so a deterministic kernel still runs to
//   idle).
// * Power loss: a kPowerLost from the flash stops the FSM (no further flash operation), calls
//   on_power_lost and answers every later access with INTERNAL_ERROR until the next power-on.
#pragma once

#include <cstdint>
#include <functional>
#include <systemc>
#include <vector>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/flashdrv/flash_port.h"
#include "firmware_model/update/boot_control_port.h"
#include "firmware_model/update/component_verifier.h"
#include "firmware_model/update/update_controller.h"
#include "firmware_model/update/update_fsm_state.h"
#include "firmware_model/update/update_fsm_table.h"

namespace secnic::fw {

// Named properties of the firmware (STYLE.md #5).
struct UpdateFsmConfig {
  uint32_t slot_base[2] = {kSlotABase, kSlotBBase};  // flash slots A and B (flash_map.h)
  uint32_t slot_size = kSlotMaxSize;                 // = max_component_size
  uint16_t boot_image_component_index = 0;           // MCQS index of BOOT_IMG
  // An owned handle is released when its owner sent nothing for this long (card time).
  sc_core::sc_time idle_handle_timeout = sc_core::sc_time(600, sc_core::SC_SEC);
  // TEST ONLY (card.json "test_only_unsafe_in_place_update"): write the new image over the running
  // slot instead of the other one. Not fail-safe, on purpose: power-fail campaigns must catch it.
  bool unsafe_in_place_update = false;

  uint32_t max_component_size() const { return slot_size; }
};

// What UpdateFsm is wired to.
struct UpdateFsmPorts {
  FlashPort* flash = nullptr;
  ComponentVerifier* verifier = nullptr;
  BootControlPort* boot_control = nullptr;
  // Simulated time the flash operations issued since the last call took (the flash driver's
  // take_elapsed()); empty: flash operations take no time.
  std::function<sc_core::sc_time()> take_flash_time;
  // The card's clock, continuous across host-tool processes; empty: sc_time_stamp().
  std::function<sc_core::sc_time()> card_time;
  // Called once when the flash reports a power loss.
  std::function<void()> on_power_lost;
  // Called when VERIFY_COMPONENT accepted a component, before anything makes it bootable (its FS3
  // magic is programmed next): `verified.sha256` is the digest of the slot bytes the BootRom will
  // see. Power-fail campaigns check that nothing else ever boots.
  std::function<void(const ComponentInfo& verified)> on_component_verified;
};

class UpdateFsm : public sc_core::sc_module, public UpdateController {
 public:
  static constexpr size_t kMaxChunk = 128;  // MCDA data bytes per access
  static constexpr size_t kMagicSize = 16;  // FS3 magic at the start of an image

  SC_HAS_PROCESS(UpdateFsm);
  // Throws std::invalid_argument when a port is missing or the slots do not fit the flash.
  UpdateFsm(sc_core::sc_module_name name, UpdateFsmState& state, UpdateFsmPorts ports,
            UpdateFsmConfig config = {});
  UpdateFsm(const UpdateFsm&) = delete;
  UpdateFsm& operator=(const UpdateFsm&) = delete;

  // Power-up (the module's reset): re-initialises the shared state for a card that booted `running`
  // (see booted_component_info()). Same as power_on_update_fsm_state(state, running).
  void power_on(const ComponentInfo& running);

  // UpdateController (called by the access-register layer).
  MccReply mcc(const MccCommand& cmd) override;
  RegStatus mcda_write(uint32_t update_handle, uint32_t offset, const uint8_t* data,
                       size_t size) override;
  RegStatus mcda_read(uint32_t update_handle, uint32_t offset, size_t size,
                      std::vector<uint8_t>& out) override;

  // What MCQS/MCQI report.
  const ComponentInfo& running_image() const { return m_state.running; }
  // The activated image that awaits reset, or nullptr (then MCQI VERSION with read_pending fails).
  const ComponentInfo* pending_image() const;
  // MCQI CAPABILITIES component_size: the pending image's size when asked for the pending one and
  // there is one, else the running image's.
  uint32_t component_size(bool pending) const;
  uint32_t max_component_size() const { return m_config.max_component_size(); }
  FsmState control_state() const { return m_state.control_state; }
  uint8_t control_progress() const;
  bool power_lost() const { return m_state.power_lost != 0; }
  const UpdateFsmConfig& config() const { return m_config; }

 private:
  struct Outcome;

  // What every MCDA access does first: the housekeeping of an access; false once power was lost.
  bool enter_mcda();
  void job_thread();
  bool job_outstanding() const;
  void kick_job();

  uint64_t now_ps() const;
  void touch();
  void expire_idle_session();
  void recover_interrupted_step();
  uint32_t offered_handle() const;
  void end_session(bool release_handle);
  bool owns(uint32_t update_handle) const;
  MccReply reply(const MccCommand& cmd, RegStatus status, MccError error) const;

  Outcome run(FsmAction action, const MccCommand& cmd);
  Outcome start_update(const MccCommand& cmd);
  Outcome verify();
  Outcome activate();
  Outcome start_read(bool pending);

  bool flash_ok(FlashResult result, const char* what);
  void halt_power_lost(const char* what);
  uint32_t slot_base(uint8_t slot) const { return m_config.slot_base[slot & 1]; }

  UpdateFsmState& m_state;
  UpdateFsmPorts m_ports;
  UpdateFsmConfig m_config;
  sc_core::sc_event m_job_requested;
};

}  // namespace secnic::fw
