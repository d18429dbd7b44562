// BootRom: the card's power-up decision (docs/models/boot_rom.md).
//
//   1. Read the boot-control journal: the latest valid record names the preferred slot (slot A when
//      there is none).
//   2. Validate the preferred slot: an FS3 image (structure and every CRC16), made for this
//   hardware
//      (supported_hw_id lists 0x20b), identical to what was activated (SHA-256 of the slot bytes
//      equals the journal record's, when a record names this slot), and in secure mode signed by
//      one of the card's embedded trusted keys (found by keypair UUID; keys inside the image are
//      not trusted).
//   3. If it fails, validate the other slot the same way (no journal digest applies to it) and boot
//   it
//      as a fallback. If both fail the card is bricked.
// The report says which image booted and why each rejected slot was rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/boot/boot_control_journal.h"
#include "firmware_model/boot/flash_map.h"
#include "firmware_model/flashdrv/flash_port.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_signing.h"

namespace secnic::fw {

struct BootRomConfig {
  // Secure boot: a slot boots only when signed by one of `trusted_keys`.
  bool secure_boot = true;
  std::vector<image::TrustedKey> trusted_keys;
  uint32_t hw_id = image::kConnectX4LxHwId;
};

enum class SlotRejection {
  kNone,
  kFlashError,             // the flash did not deliver the slot's bytes
  kEmpty,                  // erased: no image in the slot
  kBadImage,               // not a valid FS3 image (magic, BOOT2, ITOC, CRC, sections, ...)
  kWrongHardware,          // the image does not list this card's hardware id
  kJournalDigestMismatch,  // slot bytes differ from what the journal record says was activated
  kUnsigned,               // secure boot: no RSA signature
  kUnknownKey,             // secure boot: signed by a key the card does not trust
  kBadSignature,           // secure boot: signature does not match (tampered image, wrong key)
  kBadSignatureFormat,     // secure boot: unusable signature layout
};
const char* to_string(SlotRejection reason);

struct SlotCheck {
  FlashSlot slot = FlashSlot::kA;
  SlotRejection rejection = SlotRejection::kNone;
  std::string reason;  // one line, precise ("IMAGE_INFO section at 0x102000: CRC stored ...")
  bool bootable() const { return rejection == SlotRejection::kNone; }
};

struct BootReport {
  bool booted = false;  // false: both slots rejected, the card is bricked
  FlashSlot slot = FlashSlot::kA;
  FlashSlot preferred_slot = FlashSlot::kA;
  bool fallback = false;  // booted the slot the journal did not prefer
  std::optional<BootRecord> journal_record;
  FlashResult journal_status = FlashResult::kOk;
  image::FwVersion fw_version;
  std::string psid;
  std::string product_version;
  image::ReleaseDate release_date;
  uint32_t image_size = 0;          // burnable length (end of the last relative section)
  std::vector<SlotCheck> rejected;  // in the order tried
  // The booted image as parsed (ImageForm::kFlashSlot); empty when bricked.
  std::optional<image::Fs3Image> image;

  std::string summary() const;  // a short multi-line human-readable account
};

class BootRom {
 public:
  BootRom(FlashPort& flash, BootRomConfig config);
  BootRom(const BootRom&) = delete;
  BootRom& operator=(const BootRom&) = delete;

  BootReport boot();

  // Validates one slot (step 2 without the fallback); `record` is the journal record naming it, if
  // any. On success `parsed` receives the image.
  SlotCheck check_slot(FlashSlot slot, const BootRecord* record,
                       std::optional<image::Fs3Image>& parsed);

 private:
  FlashResult read_slot_image(FlashSlot slot, const std::vector<uint8_t>& probe,
                              uint32_t min_length, std::vector<uint8_t>& out);

  FlashPort& m_flash;
  BootRomConfig m_config;
};

}  // namespace secnic::fw
