// Everything the card firmware's update state machine remembers between two host accesses.
//
// The card runs inside short-lived host-tool processes (each `mstflint` invocation simulates the
// card in its own process), so this is the card's RAM: one plain, trivially-copyable struct that
// the card owner places in shared memory (model/card SharedState) and hands to UpdateFsm by
// reference. UpdateFsm keeps no other state: a new process that maps the same struct continues
// exactly where the previous one stopped, including an erase job that was interrupted half way. A
// power cycle zeroes it (RAM); the owner then calls power_on_update_fsm_state() with what the
// BootRom booted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "firmware_model/update/update_controller.h"

namespace secnic::fw {

// What the firmware knows about one FS3 image in a flash slot: what MCQI VERSION/CAPABILITIES
// report and what the boot-control journal records when the image is activated.
struct ComponentInfo {
  static constexpr size_t kPsidCapacity = 16;
  static constexpr size_t kProductVersionCapacity = 16;

  uint32_t size = 0;     // bytes of the image in its slot (the MCC component length); 0 = unknown
  uint32_t version = 0;  // major << 24 | minor << 16 | subminor
  uint16_t release_year =
      0;  // as stored in IMAGE_INFO FW_VERSION (hex digits read as decimal: 0x2025)
  uint8_t release_month = 0;           // 0x11 = November
  uint8_t release_day = 0;             // 0x24
  uint8_t slot = 0;                    // FlashSlot index: 0 = A, 1 = B
  uint8_t product_version_length = 0;  // bytes of product_version without the NUL
  char product_version[kProductVersionCapacity + 1] = {};  // NUL-terminated
  char psid[kPsidCapacity + 1] = {};                       // NUL-terminated
  uint8_t sha256[32] = {};  // SHA-256 of the slot bytes [0, size) as stored (FS3 magic present)

  // MCQI VERSION build_time low dword: year << 16 | month << 8 | day.
  uint32_t build_time() const {
    return uint32_t{release_year} << 16 | uint32_t{release_month} << 8 | release_day;
  }
};

struct UpdateFsmState {
  static constexpr uint32_t kLayoutVersion = 1;

  // Header: identifies an initialised struct of this layout (fresh RAM is all zeros).
  uint32_t layout_version;
  uint32_t struct_size;

  // Set at power-on from the BootRom's report; never changed by an update.
  ComponentInfo running;

  // The session (MCC control state and update-handle ownership).
  FsmState control_state;
  uint8_t handle_owned;  // 1 while a host holds the update handle (every state but IDLE)
  uint8_t
      power_lost;  // 1 after the flash reported a power loss: the FSM does nothing until power-on
  MccError
      latched_error;  // a background job failed: reported to the owner's QUERY until its next SET
  uint32_t handle;    // 24 bits: the owner's handle while owned, the handle QUERY offers while IDLE
  uint32_t handle_generation;  // counts releases; the offered handle is derived from it
  uint64_t last_command_ps;    // card time of the owner's last access (or of the end of a job)

  // The component being written (UPDATE_COMPONENT .. ACTIVATE).
  uint16_t component_index;
  uint8_t target_slot;      // the inactive slot: never the running one
  uint8_t staged_verified;  // 1 once VERIFY_COMPONENT accepted the bytes in the target slot
  uint32_t component_size;  // bytes announced by UPDATE_COMPONENT
  uint32_t erase_start;  // INITIALIZE job: flash range [erase_start, erase_end) of the target slot,
  uint32_t erase_next;   //   erased up to erase_next (advanced after every completed erase)
  uint32_t erase_end;
  uint32_t write_pointer;      // DOWNLOAD: component bytes [0, write_pointer) have been programmed
  uint32_t last_chunk_offset;  // the last accepted MCDA chunk (an identical repeat is acknowledged)
  uint32_t last_chunk_size;
  ComponentInfo staged;  // the verified image in the target slot

  // Activation: an activated image awaits reset (the journal names its slot; the BootRom boots it
  // next).
  uint8_t pending;
  ComponentInfo pending_image;

  // UPLOAD (READ_COMPONENT / READ_PENDING_COMPONENT): the slot range MCDA GET reads.
  uint8_t upload_slot;
  uint32_t upload_size;
};

static_assert(std::is_trivially_copyable_v<UpdateFsmState>,
              "UpdateFsmState lives in shared memory: it must be trivially copyable");

// Power-on: re-initialises `state` (IDLE, no owner, nothing pending) for a card that booted
// `running`.
void power_on_update_fsm_state(UpdateFsmState& state, const ComponentInfo& running);

// The 24-bit handle QUERY offers while IDLE after `generation` releases (never 0).
uint32_t offered_update_handle(uint32_t generation);

// True when `state` was initialised by power_on_update_fsm_state() with this layout.
bool is_initialised(const UpdateFsmState& state);

}  // namespace secnic::fw
