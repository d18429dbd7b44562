// Where things live on the card's 16 MiB SPI NOR flash (docs/models/boot_rom.md):
//
//   0x000000 .. 0x7EFFFF  slot A: one FS3 image (at most 0x7F0000 bytes)
//   0x7F0000 .. 0x7FFFFF  (unused)
//   0x800000 .. 0xFEFFFF  slot B: one FS3 image (at most 0x7F0000 bytes)
//   0xFF0000 .. 0xFFFFFF  boot-control journal sector: two 4 KiB subsectors used ping-pong
//                         (0xFF0000 and 0xFF1000), 16 records of one 256-byte page each; the rest
//                         of the sector is unused
#pragma once

#include <cstdint>

#include "firmware_model/image/image_builder.h"

namespace secnic::fw {

constexpr uint32_t kFlashSize = 0x1000000;
constexpr uint32_t kFlashSectorSize = 0x10000;
constexpr uint32_t kFlashSubsectorSize = 0x1000;
constexpr uint32_t kFlashPageSize = 0x100;

enum class FlashSlot : uint8_t { kA = 0, kB = 1 };
constexpr uint32_t kSlotCount = 2;
constexpr uint32_t kSlotABase = 0x000000;
constexpr uint32_t kSlotBBase = 0x800000;
constexpr uint32_t kSlotMaxSize = 0x7F0000;

constexpr uint32_t slot_base(FlashSlot slot) {
  return slot == FlashSlot::kA ? kSlotABase : kSlotBBase;
}
constexpr FlashSlot other_slot(FlashSlot slot) {
  return slot == FlashSlot::kA ? FlashSlot::kB : FlashSlot::kA;
}
constexpr const char* slot_name(FlashSlot slot) { return slot == FlashSlot::kA ? "A" : "B"; }

constexpr uint32_t kJournalBase = 0xFF0000;
constexpr uint32_t kJournalSubsectorCount = 2;
constexpr uint32_t kJournalRecordSize = kFlashPageSize;
constexpr uint32_t kJournalRecordsPerSubsector = 16;
constexpr uint32_t journal_subsector_base(uint32_t index) {
  return kJournalBase + index * kFlashSubsectorSize;
}
constexpr uint32_t journal_record_address(uint32_t subsector, uint32_t index) {
  return journal_subsector_base(subsector) + index * kJournalRecordSize;
}

static_assert(kSlotABase + kSlotMaxSize <= kSlotBBase, "slot A overlaps slot B");
static_assert(kSlotBBase + kSlotMaxSize <= kJournalBase, "slot B overlaps the journal");
static_assert(kJournalBase % kFlashSectorSize == 0, "journal is not sector aligned");
static_assert(kJournalBase + kFlashSectorSize == kFlashSize, "journal is not the last sector");
static_assert(kJournalRecordsPerSubsector * kJournalRecordSize <= kFlashSubsectorSize,
              "journal records overflow their subsector");
static_assert(kJournalSubsectorCount * kFlashSubsectorSize <= kFlashSectorSize,
              "journal subsectors overflow the sector");
static_assert(kSlotBBase % kFlashSectorSize == 0 && kSlotMaxSize % kFlashSectorSize == 0,
              "slots are not sector aligned");
static_assert(kSlotMaxSize == image::kMaxImageSize, "image library and flash map disagree");

}  // namespace secnic::fw
