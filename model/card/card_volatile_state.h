// The card's RAM: everything that lives while the card stays powered, across host-tool processes
// (each `mstflint` run simulates the card in its own process). It is mapped from DIR/state.bin
// (SharedState), so a tool killed with SIGKILL loses nothing it completed. A power cycle zeroes it.
#pragma once

#include <cstdint>
#include <type_traits>

#include "firmware_model/update/update_fsm_state.h"
#include "model/icmd/icmd_state.h"
#include "model/pcie/vsec_state.h"

namespace secnic::card {

enum class PowerState : uint32_t {
  kNeverPowered = 0,  // fresh RAM: the next open powers the card on
  kOn = 1,
  kOff = 2,  // cut by `secnic card power-off` (or a campaign): the function does not answer
};

struct CardVolatileState {
  static constexpr uint32_t kLayoutVersion = 2;

  PowerState power;
  uint32_t booted;  // 1: firmware running; 0: both slots rejected (bricked, live-fish)
  uint32_t boot_count;
  uint8_t booted_slot;  // FlashSlot index
  uint8_t fallback;     // 1: booted the slot the journal did not prefer
  uint8_t reserved[2];
  uint64_t card_time_ps;    // the card's simulated clock (monotonic across processes)
  int64_t wall_epoch_ns;    // real-time mode: CLOCK_REALTIME instant of card time 0
  char boot_summary[2048];  // the BootRom's report of the last power-up (NUL-terminated)
  // FORBIDDEN_VERSIONS of the running image (the card refuses them too), packed
  // major<<24|minor<<16|sub.
  static constexpr uint32_t kMaxRunningForbidden = 64;
  uint32_t running_forbidden_count;
  uint32_t running_forbidden[kMaxRunningForbidden];
  // The process that took the VSEC gateway semaphore (the ticket itself does not say). A tool
  // killed while holding a gateway or semaphore-space semaphore would otherwise wedge the card for
  // every later tool.
  int32_t vsec_semaphore_owner_pid;
  uint32_t dead_owner_releases;  // how many semaphores were released because their owner died

  model::VsecState vsec;
  model::IcmdState icmd;
  model::SemaphoreSpaceState semaphores;
  fw::UpdateFsmState fsm;
};

static_assert(std::is_trivially_copyable_v<CardVolatileState>);

// Identifies this layout in state.bin: changes whenever any part's layout version changes.
constexpr uint64_t card_state_layout_tag() {
  return 0x53'4e'00'00'00'00'00'00ull ^ (uint64_t{CardVolatileState::kLayoutVersion} << 32) ^
         (uint64_t{model::VsecState::kLayoutVersion} << 24) ^
         (uint64_t{model::IcmdState::kLayoutVersion} << 16) ^
         (uint64_t{model::SemaphoreSpaceState::kLayoutVersion} << 8) ^
         uint64_t { fw::UpdateFsmState::kLayoutVersion };
}

}  // namespace secnic::card
