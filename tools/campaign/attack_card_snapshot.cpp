#include "tools/campaign/attack_card_snapshot.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/crypto/digest.h"
#include "firmware_model/image/image_layouts.h"

namespace secnic::campaign {
namespace {

std::string to_hex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0xf]);
  }
  return out;
}

std::string sha256_of(const std::vector<uint8_t>& flash, uint64_t begin, uint64_t length) {
  if (begin + length > flash.size()) return "out-of-range";
  return to_hex(crypto::sha256(flash.data() + begin, length));
}

uint32_t slot_base_named(const std::string& slot) {
  return slot == "B" ? fw::kSlotBBase : fw::kSlotABase;
}

std::optional<SlotImage> slot_image(const nlohmann::json& info, const char* key,
                                    const std::vector<uint8_t>& flash) {
  if (!info.contains(key)) return std::nullopt;
  const nlohmann::json& j = info.at(key);
  SlotImage image;
  image.version = j.at("version").get<std::string>();
  image.slot = j.at("slot").get<std::string>();
  image.size = j.at("size").get<uint64_t>();
  if (image.size > fw::kSlotMaxSize) throw std::runtime_error(std::string(key) + ".size too large");
  image.sha256 = sha256_of(flash, slot_base_named(image.slot), image.size);
  return image;
}

std::string short_hash(const std::string& sha) { return sha.substr(0, 16); }

}  // namespace

std::string describe(const SlotImage& image) {
  return image.version + " in slot " + image.slot + " (" + std::to_string(image.size) +
         " bytes, sha256 " + short_hash(image.sha256) + ")";
}

const std::string& CardSnapshot::inactive_slot_sha256() const {
  return slot_sha256[running && running->slot == "A" ? 1 : 0];
}

bool CardSnapshot::inactive_slot_has_magic() const {
  return slot_has_magic[running && running->slot == "A" ? 1 : 0];
}

std::string CardSnapshot::inactive_slot_prefix_sha256(uint64_t size) const {
  const uint32_t base = running && running->slot == "A" ? fw::kSlotBBase : fw::kSlotABase;
  if (!flash || size > fw::kSlotMaxSize) return "out-of-range";
  return sha256_of(*flash, base, size);
}

CardSnapshot snapshot_card(const std::string& info_json, const std::string& card_dir) {
  const nlohmann::json info = nlohmann::json::parse(info_json, nullptr, false);
  if (info.is_discarded() || !info.is_object()) {
    throw std::runtime_error("`secnic card info --json` did not print a JSON object: " + info_json);
  }
  std::ifstream flash_file(card_dir + "/flash.bin", std::ios::binary);
  if (!flash_file) throw std::runtime_error("cannot read " + card_dir + "/flash.bin");
  auto flash_bytes = std::make_shared<std::vector<uint8_t>>(
      std::istreambuf_iterator<char>(flash_file), std::istreambuf_iterator<char>());
  const std::vector<uint8_t>& flash = *flash_bytes;
  if (flash.size() != fw::kFlashSize) {
    throw std::runtime_error(card_dir + "/flash.bin has " + std::to_string(flash.size()) +
                             " bytes, not " + std::to_string(fw::kFlashSize));
  }
  std::ifstream config_file(card_dir + "/card.json", std::ios::binary);
  if (!config_file) throw std::runtime_error("cannot read " + card_dir + "/card.json");

  CardSnapshot s;
  try {
    s.booted = info.value("booted", false);
    s.fsm_state = info.value("fsm_state", "?");
    s.running = slot_image(info, "running", flash);
    s.pending = slot_image(info, "pending", flash);
    if (s.running) s.fallback = info.at("running").value("fallback", false);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("`secnic card info --json`: ") + e.what());
  }
  const auto& magic = image::layout::header::kMagic;
  for (int slot = 0; slot < 2; ++slot) {
    const uint32_t base = slot == 0 ? fw::kSlotABase : fw::kSlotBBase;
    s.slot_sha256[slot] = sha256_of(flash, base, fw::kSlotMaxSize);
    s.slot_has_magic[slot] = std::equal(magic.begin(), magic.end(), flash.begin() + base);
  }
  s.journal_sha256 = sha256_of(flash, fw::kJournalBase, fw::kFlashSize - fw::kJournalBase);
  s.card_json.assign(std::istreambuf_iterator<char>(config_file), {});
  s.flash = std::move(flash_bytes);
  return s;
}

std::vector<std::string> check_after_attack(const CardSnapshot& before, const CardSnapshot& after,
                                            const InvariantPolicy& policy,
                                            const std::optional<SlotImage>& accepted,
                                            const std::optional<SlotImage>& inactive_image) {
  std::vector<std::string> d;
  if (after.fsm_state != "IDLE") {
    d.push_back("the update FSM is " + after.fsm_state + ", not IDLE: a session was left open");
  }
  if (!after.booted || !after.running) {
    d.push_back("the card is no longer running an image");
    return d;
  }
  if (!before.running) {
    d.push_back("the card ran no image before the attack");
    return d;
  }
  if (before.running->version != after.running->version ||
      before.running->slot != after.running->slot ||
      before.running->sha256 != after.running->sha256) {
    d.push_back("running image changed: " + describe(*before.running) + " -> " +
                describe(*after.running));
  }
  const int running = before.running->slot == "A" ? 0 : 1;
  if (before.slot_sha256[running] != after.slot_sha256[running]) {
    d.push_back(std::string("the running slot ") + before.running->slot + " changed (sha256 " +
                short_hash(before.slot_sha256[running]) + " -> " +
                short_hash(after.slot_sha256[running]) + ")");
  }
  if (before.card_json != after.card_json) {
    d.push_back("card.json (trusted keys, forbidden versions, PSID) changed");
  }

  if (accepted) {
    if (!after.pending) {
      d.push_back("expected " + describe(*accepted) + " pending, but nothing is pending");
    } else if (after.pending->version != accepted->version ||
               after.pending->sha256 != accepted->sha256 || after.pending->size != accepted->size) {
      d.push_back("pending image is " + describe(*after.pending) + ", expected exactly " +
                  describe(*accepted) + " (forged bytes reached the flash?)");
    }
    return d;
  }

  if (before.journal_sha256 != after.journal_sha256) {
    d.push_back("the boot-control journal changed (sha256 " + short_hash(before.journal_sha256) +
                " -> " + short_hash(after.journal_sha256) + ")");
  }
  if (before.pending.has_value() != after.pending.has_value()) {
    d.push_back(after.pending ? "an image became pending: " + describe(*after.pending)
                              : "the pending image " + describe(*before.pending) + " vanished");
  } else if (before.pending && (before.pending->version != after.pending->version ||
                                before.pending->sha256 != after.pending->sha256 ||
                                before.pending->slot != after.pending->slot)) {
    d.push_back("pending image changed: " + describe(*before.pending) + " -> " +
                describe(*after.pending));
  }
  const bool inactive_changed = before.inactive_slot_sha256() != after.inactive_slot_sha256();
  switch (policy.inactive_slot) {
    case InvariantPolicy::InactiveSlot::kUnchanged:
      if (inactive_changed) {
        d.push_back("the inactive slot changed (sha256 " +
                    short_hash(before.inactive_slot_sha256()) + " -> " +
                    short_hash(after.inactive_slot_sha256()) + ")");
      }
      break;
    case InvariantPolicy::InactiveSlot::kHolds:
      if (!inactive_image) {
        d.push_back("no image given for invariant.inactive_slot.holds");
      } else if (after.inactive_slot_prefix_sha256(inactive_image->size) !=
                 inactive_image->sha256) {
        d.push_back("the inactive slot does not hold exactly " + describe(*inactive_image) +
                    ": its verified bytes were altered");
      }
      break;
    case InvariantPolicy::InactiveSlot::kNoImage:
      if (inactive_changed && after.inactive_slot_has_magic()) {
        d.push_back(
            "the inactive slot was rewritten and carries the FS3 magic: an image the "
            "card did not hold before could boot from it");
      }
      break;
  }
  return d;
}

std::vector<std::string> check_after_power_cycle(const CardSnapshot& before,
                                                 const CardSnapshot& after,
                                                 const std::optional<SlotImage>& accepted) {
  std::vector<std::string> d;
  const std::optional<SlotImage>& expected =
      accepted ? accepted : (before.pending ? before.pending : before.running);
  if (!after.booted || !after.running) {
    d.push_back("after a power cycle the card boots nothing");
    return d;
  }
  if (after.fallback) d.push_back("after a power cycle the card fell back to the other slot");
  if (!expected) return d;
  if (after.running->version != expected->version || after.running->sha256 != expected->sha256 ||
      (!accepted && after.running->slot != expected->slot)) {
    d.push_back("after a power cycle the card boots " + describe(*after.running) + ", expected " +
                describe(*expected));
  }
  if (after.fsm_state != "IDLE") d.push_back("after a power cycle the FSM is " + after.fsm_state);
  return d;
}

}  // namespace secnic::campaign
