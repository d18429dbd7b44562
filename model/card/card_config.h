// The configuration of one simulated card, kept as card.json in the card's state directory. It is
// what the factory burned into the card (identity, embedded trusted keys, forbidden versions,
// security mode): it never changes when the firmware is updated. Unknown keys are an error, not
// ignored (STYLE.md #5).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace secnic::card {

// A card directory or its configuration is unusable (bad JSON, unknown key, bad value). The message
// names the file and the key.
class CardConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TrustedKey {
  std::string uuid;        // 32 lowercase hex digits
  std::string public_pem;  // SubjectPublicKeyInfo PEM
};

enum class TimeMode { kDeterministic, kReal };

struct CardConfig {
  static constexpr int kFormat = 1;

  std::string bdf = "0000:03:00.0";  // canonical domain:bus:device.function
  std::string psid = "MT_2420110034";
  bool secure = true;  // secure FW: signed updates only, CR-space flash gateway blocked
  uint64_t base_mac = 0x248a07a1b2c0;  // 48 bits
  uint64_t base_guid = 0x248a070300a1b2c0;
  uint8_t num_macs = 8;
  uint8_t num_guids = 8;
  std::string part_number = "MCX4121A-ACAT";
  std::string description = "Simulated ConnectX-4 Lx EN adapter card; 25GbE; dual-port SFP28";
  std::vector<TrustedKey> trusted_keys;
  std::vector<uint32_t> forbidden_versions;  // major<<24 | minor<<16 | subminor
  TimeMode time_mode = TimeMode::kDeterministic;
  uint64_t power_loss_seed = 1;  // seeds torn flash operations
  // TEST ONLY: the firmware updates in place, over the running image (not fail-safe). Power-fail
  // campaigns run it to show that they catch an unsafe protocol. Written to card.json only when
  // set.
  bool test_only_unsafe_in_place_update = false;
};

// "03:00.0", "0000:03:00.0" -> "0000:03:00.0". Throws CardConfigError on anything else.
std::string canonical_bdf(const std::string& text);

// "14.22.4020" -> 0x0e160fb4. Throws CardConfigError on a malformed version.
uint32_t parse_fw_version(const std::string& text);
std::string format_fw_version(uint32_t version);

std::string to_json(const CardConfig& config);
// Parses and validates; `origin` names the source in error messages.
CardConfig config_from_json(const std::string& text, const std::string& origin);

}  // namespace secnic::card
