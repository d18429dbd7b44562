// The boot-control journal: which slot the BootRom boots, as an append-only log on the last flash
// sector (flash_map.h, record layout in boot_record_layout.h).
//
// Reading: every record page of both subsectors is read; a record counts when its magic, layout
// version, slot, length and CRC-32 are all valid; the valid record with the highest sequence number
// names the active slot. A torn record fails its CRC and the previous one wins.
//
// Appending (power-safe, see docs/models/boot_rom.md): the new record (sequence + 1) is programmed
// into the first erased page after the last used page of the subsector holding the latest record.
// When that subsector has no erased page left, the other subsector (which holds only older records)
// is erased and the record goes to its first page. At every instant the flash holds either the old
// latest record untouched, or the old one and a complete new one: a cut leaves an erased, torn
// (CRC-failing) or complete new page, and never touches the old latest record.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/flashdrv/flash_port.h"

namespace secnic::fw {

struct BootRecord {
  uint32_t sequence = 0;
  FlashSlot active_slot = FlashSlot::kA;
  uint32_t image_length = 0;
  std::array<uint8_t, 32> image_sha256{};
};

// Encodes a record into its 256-byte page (CRC included) and decodes one (nullopt unless valid).
std::array<uint8_t, kJournalRecordSize> encode_boot_record(const BootRecord& record);
std::optional<BootRecord> decode_boot_record(const uint8_t* page, size_t size);

// What a scan of the journal found.
struct JournalScan {
  std::optional<BootRecord> latest;
  uint32_t latest_subsector = 0;  // where `latest` lies (meaningful when latest is set)
  uint32_t latest_index = 0;
  uint32_t valid_records = 0;
  uint32_t damaged_pages = 0;  // pages neither erased nor a valid record (torn or corrupted)
};

class BootControlJournal {
 public:
  explicit BootControlJournal(FlashPort& flash) : m_flash(flash) {}
  BootControlJournal(const BootControlJournal&) = delete;
  BootControlJournal& operator=(const BootControlJournal&) = delete;

  // Reads both subsectors. Anything but kOk from the flash is returned and `out` is left unchanged.
  FlashResult scan(JournalScan& out);

  // The slot the BootRom tries first: the latest record's, or slot A when there is none.
  FlashResult preferred_slot(FlashSlot& out);

  // Appends a record naming `slot`, with the activated image's length and SHA-256 (of the slot
  // bytes [0, length) as stored). Returns kOk only once the record is complete on flash; `written`
  // receives it. kDeviceError without touching the flash when length exceeds a slot or the sequence
  // number would wrap.
  FlashResult append(FlashSlot slot, uint32_t image_length,
                     const std::array<uint8_t, 32>& image_sha256, BootRecord* written = nullptr);

 private:
  FlashResult read_subsector(uint32_t subsector, std::vector<uint8_t>& out);
  FlashPort& m_flash;
};

// SHA-256 of flash bytes [slot_base(slot), + length), read through `flash` in chunks: what a
// journal record carries and what the BootRom compares it with.
FlashResult slot_sha256(FlashPort& flash, FlashSlot slot, uint32_t length,
                        std::array<uint8_t, 32>& out);

}  // namespace secnic::fw
