// What a PowerController needs from the device whose power it controls (model/card's Card
// implements it). Kept narrow so that the controller can be tested against a double.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "firmware_model/update/update_fsm_state.h"
#include "model/flash/spi_nor_flash.h"

namespace secnic::power {

// What the card came up with after a power-up.
struct BootFacts {
  bool booted = false;                           // false: both slots refused (live-fish)
  uint8_t slot = 0;                              // booted slot (0 = A)
  bool fallback = false;                         // booted the slot the journal did not prefer
  std::string summary;                           // the BootRom's report
  fw::ComponentInfo running;                     // version, size, sha256 of the booted slot bytes
  fw::FsmState fsm_state = fw::FsmState::kIdle;  // right after the boot
  bool pending = false;                          // an activated image awaits reset (must not)
};

class PoweredDevice {
 public:
  virtual ~PoweredDevice() = default;
  // Called in a freshly forked branch, before its cut (the device makes its state its own).
  virtual void begin_branch() {}
  // Power goes away when flash operation `op_index` starts (before, after or torn in it).
  virtual void arm_flash_cut(uint64_t op_index, model::CutMode mode, uint64_t seed) = 0;
  // Power goes away now; an operation the flash is running at card time `at_ps` is torn there.
  virtual void cut_power_at(uint64_t at_ps) = 0;
  // Power comes back: the BootRom runs and the firmware starts from blank RAM.
  virtual BootFacts power_up() = 0;
  // Cheap reads between host accesses (no lock: a campaign owns its card).
  virtual fw::FsmState fsm_state() const = 0;
  virtual uint64_t card_time_ps() const = 0;
  // SHA-256 of everything an update must never change: flash outside the two slots and the boot
  // journal, and the card's configuration (identity, trusted keys, forbidden versions).
  virtual std::array<uint8_t, 32> preserved_digest() = 0;
  // Memoised outcomes (optional). After a branch's power-up and preserved_digest(): keep the
  // outcome for points that would read the same bytes. Before forking for a point whose cut changes
  // the flash in `changed` ([address, address+length), or nothing when length is 0): the outcome of
  // an earlier branch whose power-up read exactly the bytes this one would, if there is one.
  virtual void remember_outcome(const BootFacts&, const std::array<uint8_t, 32>&,
                                const std::string& /*id*/) {}
  virtual bool recall_outcome(uint32_t /*changed_address*/, uint32_t /*changed_length*/,
                              BootFacts& /*facts*/, std::array<uint8_t, 32>& /*preserved*/,
                              std::string& /*source_id*/) {
    return false;
  }
  // Writes the card as it is now into `dir` (a card directory `secnic run --card` can open).
  virtual void save_card(const std::string& dir) = 0;
};

}  // namespace secnic::power
