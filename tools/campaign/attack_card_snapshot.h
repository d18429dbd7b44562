// What an attack must not change, captured from a card directory: what the card runs and has
// pending (`secnic card info --json`), the bytes of both flash slots and of the boot-control
// journal (DIR/flash.bin, regions of firmware_model/boot/flash_map.h), and its factory
// configuration — trusted keys, forbidden versions, PSID — (DIR/card.json). Comparisons return one
// line per difference, saying exactly what changed.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/campaign/attack_case.h"

namespace secnic::campaign {

struct SlotImage {
  std::string version;
  std::string slot;  // "A" or "B"
  uint64_t size = 0;
  std::string sha256;  // of the slot's first `size` bytes
};

struct CardSnapshot {
  bool booted = false;
  bool fallback = false;
  std::string fsm_state;
  std::optional<SlotImage> running;
  std::optional<SlotImage> pending;
  std::string slot_sha256[2];  // whole slots A and B (kSlotMaxSize bytes each)
  bool slot_has_magic[2] = {false, false};
  std::string journal_sha256;
  std::string card_json;                              // the file's bytes
  std::shared_ptr<const std::vector<uint8_t>> flash;  // all of flash.bin

  const std::string& inactive_slot_sha256() const;
  bool inactive_slot_has_magic() const;
  // sha256 of the first `size` bytes of the slot the card does not run.
  std::string inactive_slot_prefix_sha256(uint64_t size) const;
};

// Builds a snapshot from `secnic card info --json` output and the card directory's files. Throws
// std::runtime_error naming what could not be read.
CardSnapshot snapshot_card(const std::string& info_json, const std::string& card_dir);

// After the attack, before any reset: the FSM is IDLE, the running image, the running slot's bytes,
// the journal and card.json are unchanged, the pending image is the one before (or, with
// `policy.pending_image`, exactly `accepted` — version and slot bytes), and the inactive slot
// follows `policy.inactive_slot` (for kHolds: starts with exactly `inactive_image`).
std::vector<std::string> check_after_attack(const CardSnapshot& before, const CardSnapshot& after,
                                            const InvariantPolicy& policy,
                                            const std::optional<SlotImage>& accepted,
                                            const std::optional<SlotImage>& inactive_image);

// After `secnic card power-cycle`: the card booted, without falling back, exactly the image that
// was pending before the attack if there was one, else the one it ran (or `accepted`).
std::vector<std::string> check_after_power_cycle(const CardSnapshot& before,
                                                 const CardSnapshot& after,
                                                 const std::optional<SlotImage>& accepted);

std::string describe(const SlotImage& image);

}  // namespace secnic::campaign
