#include "firmware_model/boot/boot_control_journal.h"

#include <algorithm>
#include <boost/crc.hpp>

#include "firmware_model/boot/boot_record_layout.h"
#include "firmware_model/crypto/digest.h"

namespace secnic::fw {

namespace br = boot_record;
using secnic::layout::get;
using secnic::layout::set;

namespace {

uint32_t crc32_of(const uint8_t* data, size_t size) {
  boost::crc_32_type crc;
  crc.process_bytes(data, size);
  return crc.checksum();
}

bool is_erased(const uint8_t* p, size_t n) {
  return std::all_of(p, p + n, [](uint8_t b) { return b == 0xFF; });
}

}  // namespace

std::array<uint8_t, kJournalRecordSize> encode_boot_record(const BootRecord& record) {
  std::array<uint8_t, kJournalRecordSize> page{};
  set(page, br::magic, br::kMagic);
  set(page, br::layout_version, br::kLayoutVersion);
  set(page, br::active_slot, static_cast<uint32_t>(record.active_slot));
  set(page, br::sequence, record.sequence);
  set(page, br::image_length, record.image_length);
  set(page, br::image_sha256, record.image_sha256.data(), record.image_sha256.size());
  set(page, br::crc32, crc32_of(page.data(), br::kCrcCoveredBytes));
  return page;
}

std::optional<BootRecord> decode_boot_record(const uint8_t* page, size_t size) {
  if (size < br::kSize) return std::nullopt;
  if (get(page, size, br::magic) != br::kMagic) return std::nullopt;
  if (get(page, size, br::crc32) != crc32_of(page, br::kCrcCoveredBytes)) return std::nullopt;
  if (get(page, size, br::layout_version) != br::kLayoutVersion) return std::nullopt;
  const uint32_t slot = get(page, size, br::active_slot);
  if (slot >= kSlotCount) return std::nullopt;
  BootRecord r;
  r.active_slot = static_cast<FlashSlot>(slot);
  r.sequence = get(page, size, br::sequence);
  r.image_length = get(page, size, br::image_length);
  if (r.image_length > kSlotMaxSize) return std::nullopt;
  std::copy(page + br::image_sha256.byte, page + br::image_sha256.end(), r.image_sha256.begin());
  return r;
}

FlashResult BootControlJournal::read_subsector(uint32_t subsector, std::vector<uint8_t>& out) {
  out.assign(kJournalRecordsPerSubsector * kJournalRecordSize, 0xFF);
  return m_flash.read(journal_subsector_base(subsector), out.data(), out.size());
}

FlashResult BootControlJournal::scan(JournalScan& out) {
  JournalScan scan;
  for (uint32_t sub = 0; sub < kJournalSubsectorCount; ++sub) {
    std::vector<uint8_t> pages;
    if (FlashResult r = read_subsector(sub, pages); r != FlashResult::kOk) return r;
    for (uint32_t i = 0; i < kJournalRecordsPerSubsector; ++i) {
      const uint8_t* page = pages.data() + i * kJournalRecordSize;
      auto record = decode_boot_record(page, kJournalRecordSize);
      if (!record) {
        if (!is_erased(page, kJournalRecordSize)) ++scan.damaged_pages;
        continue;
      }
      ++scan.valid_records;
      if (!scan.latest || record->sequence > scan.latest->sequence) {
        scan.latest = record;
        scan.latest_subsector = sub;
        scan.latest_index = i;
      }
    }
  }
  out = scan;
  return FlashResult::kOk;
}

FlashResult BootControlJournal::preferred_slot(FlashSlot& out) {
  JournalScan scan;
  if (FlashResult r = this->scan(scan); r != FlashResult::kOk) return r;
  out = scan.latest ? scan.latest->active_slot : FlashSlot::kA;
  return FlashResult::kOk;
}

FlashResult BootControlJournal::append(FlashSlot slot, uint32_t image_length,
                                       const std::array<uint8_t, 32>& image_sha256,
                                       BootRecord* written) {
  if (image_length > kSlotMaxSize || static_cast<uint32_t>(slot) >= kSlotCount) {
    return FlashResult::kDeviceError;
  }
  JournalScan state;
  if (FlashResult r = scan(state); r != FlashResult::kOk) return r;
  if (state.latest && state.latest->sequence == UINT32_MAX) return FlashResult::kDeviceError;

  BootRecord record;
  record.sequence = state.latest ? state.latest->sequence + 1 : 1;
  record.active_slot = slot;
  record.image_length = image_length;
  record.image_sha256 = image_sha256;
  const auto page = encode_boot_record(record);

  // The first erased page after the last used (valid, torn or corrupted) page of the current
  // subsector; used pages are never reprogrammed (NOR only clears bits).
  const uint32_t current = state.latest ? state.latest_subsector : 0;
  std::vector<uint8_t> pages;
  if (FlashResult r = read_subsector(current, pages); r != FlashResult::kOk) return r;
  uint32_t next = 0;
  for (uint32_t i = 0; i < kJournalRecordsPerSubsector; ++i) {
    if (!is_erased(pages.data() + i * kJournalRecordSize, kJournalRecordSize)) next = i + 1;
  }
  uint32_t target_sub = current;
  if (next >= kJournalRecordsPerSubsector) {
    // Full: move to the other subsector, which holds only records older than the latest one.
    target_sub = (current + 1) % kJournalSubsectorCount;
    next = 0;
    if (FlashResult r = m_flash.erase(journal_subsector_base(target_sub), kFlashSubsectorSize);
        r != FlashResult::kOk) {
      return r;
    }
  }
  if (FlashResult r =
          m_flash.program(journal_record_address(target_sub, next), page.data(), page.size());
      r != FlashResult::kOk) {
    return r;
  }
  if (written != nullptr) *written = record;
  return FlashResult::kOk;
}

FlashResult slot_sha256(FlashPort& flash, FlashSlot slot, uint32_t length,
                        std::array<uint8_t, 32>& out) {
  if (length > kSlotMaxSize) return FlashResult::kOutOfRange;
  crypto::DigestStream sha(crypto::DigestKind::kSha256);
  std::vector<uint8_t> chunk(0x10000);
  for (uint32_t done = 0; done < length;) {
    const uint32_t n = std::min<uint32_t>(static_cast<uint32_t>(chunk.size()), length - done);
    if (FlashResult r = flash.read(slot_base(slot) + done, chunk.data(), n);
        r != FlashResult::kOk) {
      return r;
    }
    sha.update(chunk.data(), n);
    done += n;
  }
  const std::vector<uint8_t> digest = sha.finish();
  std::copy(digest.begin(), digest.end(), out.begin());
  return FlashResult::kOk;
}

}  // namespace secnic::fw
