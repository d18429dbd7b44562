#include "firmware_model/boot/boot_rom.h"

#include <algorithm>
#include <sstream>

#include "firmware_model/crypto/digest.h"
#include "firmware_model/image/applicability.h"
#include "firmware_model/image/image_layouts.h"

namespace secnic::fw {

namespace {

SlotCheck reject(FlashSlot slot, SlotRejection why, std::string reason) {
  return SlotCheck{slot, why, std::move(reason)};
}

SlotRejection rejection_for(image::VerifyOutcome outcome) {
  switch (outcome) {
    case image::VerifyOutcome::kOk:
      return SlotRejection::kNone;
    case image::VerifyOutcome::kUnsigned:
      return SlotRejection::kUnsigned;
    case image::VerifyOutcome::kUnknownKey:
      return SlotRejection::kUnknownKey;
    case image::VerifyOutcome::kDigestMismatch:
      return SlotRejection::kBadSignature;
    case image::VerifyOutcome::kBadFormat:
      return SlotRejection::kBadSignatureFormat;
  }
  return SlotRejection::kBadSignatureFormat;
}

// Header and BOOT2 size dword: enough to find the ITOC.
constexpr uint32_t kProbeSize = image::layout::boot2::size_dwords.end();

}  // namespace

const char* to_string(SlotRejection reason) {
  switch (reason) {
    case SlotRejection::kNone:
      return "none";
    case SlotRejection::kFlashError:
      return "flash-error";
    case SlotRejection::kEmpty:
      return "empty";
    case SlotRejection::kBadImage:
      return "bad-image";
    case SlotRejection::kWrongHardware:
      return "wrong-hardware";
    case SlotRejection::kJournalDigestMismatch:
      return "journal-digest-mismatch";
    case SlotRejection::kUnsigned:
      return "unsigned";
    case SlotRejection::kUnknownKey:
      return "unknown-key";
    case SlotRejection::kBadSignature:
      return "bad-signature";
    case SlotRejection::kBadSignatureFormat:
      return "bad-signature-format";
  }
  return "unknown";
}

std::string BootReport::summary() const {
  std::ostringstream os;
  if (journal_record) {
    os << "journal: record #" << journal_record->sequence << " names slot "
       << slot_name(journal_record->active_slot) << " (" << journal_record->image_length
       << " bytes)\n";
  } else if (journal_status != FlashResult::kOk) {
    os << "journal: unreadable (" << to_string(journal_status) << "), preferring slot A\n";
  } else {
    os << "journal: no valid record, preferring slot A\n";
  }
  for (const auto& r : rejected) {
    os << "slot " << slot_name(r.slot) << " rejected (" << to_string(r.rejection)
       << "): " << r.reason << "\n";
  }
  if (!booted) {
    os << "no bootable image: the card is bricked\n";
    return os.str();
  }
  os << "booted slot " << slot_name(slot) << (fallback ? " (fallback)" : "") << ": FW "
     << fw_version.to_string() << ", PSID " << psid << ", product version " << product_version
     << ", released " << release_date.to_string() << ", " << image_size << " bytes\n";
  return os.str();
}

BootRom::BootRom(FlashPort& flash, BootRomConfig config)
    : m_flash(flash), m_config(std::move(config)) {}

FlashResult BootRom::read_slot_image(FlashSlot slot, const std::vector<uint8_t>& probe,
                                     uint32_t min_length, std::vector<uint8_t>& out) {
  const uint32_t base = slot_base(slot);
  // Header + BOOT2 + a full ITOC (header and 64 entries), then exactly the image's extent; the
  // whole slot only when the ITOC is not where it normally is.
  uint32_t length = kSlotMaxSize;
  const uint32_t boot2_dwords = secnic::layout::get(probe, image::layout::boot2::size_dwords);
  if (boot2_dwords <= image::layout::boot2::kMaxSizeDwords) {
    const uint64_t boot2_end = image::layout::boot2::kOffset + (uint64_t{boot2_dwords} + 4) * 4;
    const uint64_t itoc = (boot2_end + image::layout::kItocAlignment - 1) /
                          image::layout::kItocAlignment * image::layout::kItocAlignment;
    const uint64_t prefix_len = std::min<uint64_t>(
        itoc + image::layout::itoc_header::kSize +
            (image::layout::itoc_entry::kMaxEntries + 1) * image::layout::itoc_entry::kSize,
        kSlotMaxSize);
    std::vector<uint8_t> prefix(prefix_len);
    if (FlashResult r = m_flash.read(base, prefix.data(), prefix.size()); r != FlashResult::kOk) {
      return r;
    }
    if (auto extent = image::image_extent(prefix.data(), prefix.size())) {
      length = std::min<uint32_t>(std::max(*extent, min_length), kSlotMaxSize);
    }
  }
  out.assign(length, 0xFF);
  return m_flash.read(base, out.data(), out.size());
}

SlotCheck BootRom::check_slot(FlashSlot slot, const BootRecord* record,
                              std::optional<image::Fs3Image>& parsed) {
  std::vector<uint8_t> probe(kProbeSize);
  if (FlashResult r = m_flash.read(slot_base(slot), probe.data(), probe.size());
      r != FlashResult::kOk) {
    return reject(slot, SlotRejection::kFlashError,
                  std::string("reading the slot failed: ") + to_string(r));
  }
  const auto& magic = image::layout::header::kMagic;
  if (std::all_of(probe.begin(), probe.begin() + magic.size(),
                  [](uint8_t b) { return b == 0xFF; })) {
    return reject(slot, SlotRejection::kEmpty,
                  "no FS3 magic: the slot is erased or holds an unfinished update");
  }
  if (!std::equal(magic.begin(), magic.end(), probe.begin())) {
    return reject(slot, SlotRejection::kBadImage, "no FS3 magic pattern at the start of the slot");
  }
  std::vector<uint8_t> bytes;
  const uint32_t min_length = record != nullptr ? record->image_length : 0;
  if (FlashResult r = read_slot_image(slot, probe, min_length, bytes); r != FlashResult::kOk) {
    return reject(slot, SlotRejection::kFlashError,
                  std::string("reading the slot failed: ") + to_string(r));
  }
  std::optional<bool> journal_digest_matches;
  if (record != nullptr) {
    const auto digest = crypto::sha256(bytes.data(), record->image_length);
    journal_digest_matches = std::equal(digest.begin(), digest.end(), record->image_sha256.begin());
  }
  auto img =
      image::parse_image(std::move(bytes), image::ParseOptions{image::ImageForm::kFlashSlot});
  if (!img) {
    const bool hw = img.error().code == image::ImageErrc::kUnknownHwId;
    return reject(slot, hw ? SlotRejection::kWrongHardware : SlotRejection::kBadImage,
                  img.error().message);
  }
  const auto applicability =
      image::check_applicability(*img, img->image_info().psid, m_config.hw_id);
  if (applicability.result != image::Applicability::kApplicable) {
    return reject(slot, SlotRejection::kWrongHardware, applicability.message);
  }
  if (journal_digest_matches && !*journal_digest_matches) {
    return reject(slot, SlotRejection::kJournalDigestMismatch,
                  "SHA-256 of the first " + std::to_string(record->image_length) +
                      " bytes differs from journal record #" + std::to_string(record->sequence));
  }
  if (m_config.secure_boot) {
    const image::Verification v = image::verify_signature(*img, m_config.trusted_keys);
    if (v.outcome != image::VerifyOutcome::kOk) {
      return reject(slot, rejection_for(v.outcome), v.message);
    }
  }
  parsed = std::move(img).value();
  return SlotCheck{slot, SlotRejection::kNone, "bootable"};
}

BootReport BootRom::boot() {
  BootReport report;
  BootControlJournal journal(m_flash);
  JournalScan scan;
  report.journal_status = journal.scan(scan);
  if (report.journal_status == FlashResult::kOk) report.journal_record = scan.latest;
  report.preferred_slot =
      report.journal_record ? report.journal_record->active_slot : FlashSlot::kA;

  for (FlashSlot slot : {report.preferred_slot, other_slot(report.preferred_slot)}) {
    const BootRecord* record = report.journal_record && report.journal_record->active_slot == slot
                                   ? &*report.journal_record
                                   : nullptr;
    std::optional<image::Fs3Image> parsed;
    SlotCheck check = check_slot(slot, record, parsed);
    if (!check.bootable()) {
      report.rejected.push_back(std::move(check));
      continue;
    }
    const image::ImageInfo& info = parsed->image_info();
    report.booted = true;
    report.slot = slot;
    report.fallback = slot != report.preferred_slot;
    report.fw_version = info.fw_version;
    report.psid = info.psid;
    report.product_version = info.product_version;
    report.release_date = info.release_date;
    report.image_size = parsed->data_size();
    report.image = std::move(parsed);
    break;
  }
  return report;
}

}  // namespace secnic::fw
