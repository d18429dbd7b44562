#include "firmware_model/image/fs3_image.h"

#include <algorithm>
#include <cstdio>

#include "firmware_model/image/crc16.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/section_editor.h"

namespace secnic::image {

namespace lo = layout;
using secnic::layout::get;
using secnic::layout::get_string;
using secnic::layout::load_be32;

namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

ImageError error(ImageErrc code, std::string message, uint32_t offset = 0) {
  return ImageError{code, std::move(message), offset};
}

uint32_t align_up(uint64_t v, uint32_t a) { return static_cast<uint32_t>((v + a - 1) / a * a); }

bool is_unique_type(SectionType t) {
  switch (t) {
    case SectionType::kImageInfo:
    case SectionType::kMfgInfo:
    case SectionType::kDevInfo:
    case SectionType::kImageSignature256:
    case SectionType::kImageSignature512:
    case SectionType::kPublicKeys2048:
    case SectionType::kPublicKeys4096:
    case SectionType::kForbiddenVersions:
      return true;
    default:
      return false;
  }
}

// Two BCD digits; digits above 9 decode positionally (never fails).
uint8_t bcd_byte(uint32_t v) { return static_cast<uint8_t>(((v >> 4) & 0xF) * 10 + (v & 0xF)); }

DeviceUids read_uids(const std::vector<uint8_t>& s) {
  DeviceUids u;
  u.num_guids = static_cast<uint8_t>(get(s, lo::mfg_info::guids_num_allocated));
  u.guid_step = static_cast<uint8_t>(get(s, lo::mfg_info::guids_step));
  u.base_guid = get(s, lo::mfg_info::guids_uid);
  u.num_macs = static_cast<uint8_t>(get(s, lo::mfg_info::macs_num_allocated));
  u.mac_step = static_cast<uint8_t>(get(s, lo::mfg_info::macs_step));
  u.base_mac = get(s, lo::mfg_info::macs_uid);
  return u;
}

}  // namespace

const char* to_string(ImageForm form) {
  switch (form) {
    case ImageForm::kFile:
      return "file";
    case ImageForm::kComponent:
      return "component";
    case ImageForm::kFlashSlot:
      return "flash-slot";
  }
  return "unknown";
}

uint32_t Fs3Image::boot2_offset() const { return lo::boot2::kOffset; }

const ItocEntry* Fs3Image::find(SectionType type) const {
  for (const auto& e : m_entries) {
    if (e.type == type) return &e;
  }
  return nullptr;
}

std::vector<uint8_t> Fs3Image::section_bytes(const ItocEntry& entry) const {
  return std::vector<uint8_t>(m_bytes.begin() + entry.offset, m_bytes.begin() + entry.end());
}

// Walks the image once, front to back, recording what it reads.
class Fs3Parser {
 public:
  static ImageResult<Fs3Image> parse(std::vector<uint8_t> bytes, ImageForm form) {
    Fs3Image image;
    image.m_bytes = std::move(bytes);
    Fs3Parser parser(image, form);
    if (auto r = parser.run(); !r) return r.error();
    return image;
  }

 private:
  Fs3Parser(Fs3Image& image, ImageForm form) : m_img(image), m_form(form) { m_img.m_form = form; }

  ImageResult<void> run() {
    if (auto r = parse_header(); !r) return r;
    if (auto r = parse_boot2(); !r) return r;
    if (auto r = find_itoc(); !r) return r;
    if (auto r = parse_entries(); !r) return r;
    if (auto r = check_overlaps(); !r) return r;
    return interpret_sections();
  }

  const std::vector<uint8_t>& bytes() const { return m_img.m_bytes; }
  uint64_t size() const { return m_img.m_bytes.size(); }
  void mark_read(uint64_t begin, uint64_t end) {
    m_img.m_read_ranges.push_back(
        ByteRange{static_cast<uint32_t>(begin), static_cast<uint32_t>(std::min(end, size()))});
  }

  ImageResult<void> parse_header() {
    if (size() > 0xFFFFFFFFull) {
      return error(ImageErrc::kImageTooLarge, "buffer of " + std::to_string(size()) +
                                                  " bytes exceeds the 32-bit FS3 address space");
    }
    if (size() % 4 != 0) {
      return error(ImageErrc::kNotDwordAligned,
                   "image length " + std::to_string(size()) + " is not a multiple of 4");
    }
    if (size() < lo::header::magic.end()) {
      return error(ImageErrc::kTruncated, "image of " + std::to_string(size()) +
                                              " bytes is shorter than the 16-byte FS3 magic");
    }
    const auto& magic = lo::header::kMagic;
    const bool has_magic = std::equal(magic.begin(), magic.end(), bytes().begin());
    const bool masked = std::all_of(bytes().begin(), bytes().begin() + magic.size(),
                                    [](uint8_t b) { return b == 0xFF; });
    if (!has_magic && !(m_form == ImageForm::kComponent && masked)) {
      return error(ImageErrc::kNoMagic,
                   m_form == ImageForm::kComponent
                       ? "component starts with neither the masked (0xFF) nor the FS3 magic"
                       : "no FS3 magic pattern (4D544657 8CDFD000 DEAD9270 4154BEEF) at offset 0");
    }
    m_img.m_magic_masked = !has_magic;
    if (size() < lo::header::kSize) {
      return error(ImageErrc::kTruncated, "image of " + std::to_string(size()) +
                                              " bytes ends inside the 0x38-byte image header");
    }
    mark_read(0, lo::header::kSize);
    const uint32_t format = get(bytes(), lo::header::format_version);
    if (format != lo::header::kFormatFs3) {
      return error(ImageErrc::kBadFormatVersion,
                   "format dword at 0x24 is " + hex(load_be32(bytes().data() + 0x24)) +
                       ": image format version " + std::to_string(format) + ", expected 3 (FS3)",
                   0x24);
    }
    const uint32_t major = get(bytes(), lo::header::bin_version_major);
    const uint32_t minor = get(bytes(), lo::header::bin_version_minor);
    if (!((major == 0 && minor == 0) || (major == 1 && minor >= 1))) {
      return error(ImageErrc::kUnsupportedBinVersion,
                   "binary version " + std::to_string(major) + "." + std::to_string(minor) +
                       " at 0x24 is not supported (0.0 or 1.x with x >= 1)",
                   0x24);
    }
    const uint32_t log2 = get(bytes(), lo::header::log2_chunk_size);
    m_img.m_log2_chunk_size = log2 == 0 ? 21 : log2;
    return {};
  }

  ImageResult<void> parse_boot2() {
    const uint32_t at = lo::boot2::kOffset;
    if (size() < lo::boot2::size_dwords.end()) {
      return error(ImageErrc::kTruncated, "image ends before the BOOT2 size dword at 0x3c", at);
    }
    const uint32_t n = get(bytes(), lo::boot2::size_dwords);
    if (n < lo::boot2::kMinSizeDwords || n > lo::boot2::kMaxSizeDwords) {
      return error(ImageErrc::kBoot2BadSize,
                   "BOOT2 size " + hex(n) + " dwords at 0x3c is outside 0x4..0x100000", at + 4);
    }
    const uint64_t total = (uint64_t{n} + 4) * 4;
    if (at + total > size()) {
      return error(ImageErrc::kTruncated,
                   "BOOT2 of " + hex(total) + " bytes at 0x38 runs past the end of the image (" +
                       hex(size()) + " bytes)",
                   at);
    }
    mark_read(at, at + total);
    const uint16_t crc = fs3_crc16(bytes().data() + at, n + 3);
    const uint32_t stored = load_be32(bytes().data() + at + (n + 3) * 4);
    if (stored != crc) {
      return error(ImageErrc::kBoot2BadCrc,
                   "BOOT2 CRC mismatch: stored " + hex(stored) + ", computed " + hex(crc),
                   static_cast<uint32_t>(at + (n + 3) * 4));
    }
    m_img.m_boot2_size = static_cast<uint32_t>(total);
    return {};
  }

  ImageResult<void> find_itoc() {
    uint64_t off = align_up(uint64_t{lo::boot2::kOffset} + m_img.m_boot2_size, lo::kItocAlignment);
    if (off + lo::itoc_header::kSize > size()) {
      return error(ImageErrc::kTruncated,
                   "image of " + hex(size()) + " bytes ends before the ITOC at " + hex(off));
    }
    for (; off + lo::itoc_header::kSize <= size(); off += lo::kItocAlignment) {
      mark_read(off, off + lo::itoc_header::kSize);
      const uint8_t* h = bytes().data() + off;
      const size_t hs = lo::itoc_header::kSize;
      if (get(h, hs, lo::itoc_header::signature0) != lo::itoc_header::kSignature0 ||
          get(h, hs, lo::itoc_header::signature1) != lo::itoc_header::kSignature1 ||
          get(h, hs, lo::itoc_header::signature2) != lo::itoc_header::kSignature2 ||
          get(h, hs, lo::itoc_header::signature3) != lo::itoc_header::kSignature3) {
        continue;
      }
      const uint16_t crc = fs3_crc16(h, 7);
      const uint32_t stored = get(h, hs, lo::itoc_header::itoc_entry_crc);
      if (stored != crc) {
        return error(
            ImageErrc::kBadItocHeaderCrc,
            "ITOC header at " + hex(off) + ": CRC stored " + hex(stored) + ", computed " + hex(crc),
            static_cast<uint32_t>(off));
      }
      m_img.m_itoc_offset = static_cast<uint32_t>(off);
      return {};
    }
    return error(
        ImageErrc::kNoItoc,
        "no valid ITOC header at any 4 KiB boundary from " +
            hex(align_up(uint64_t{lo::boot2::kOffset} + m_img.m_boot2_size, lo::kItocAlignment)));
  }

  ImageResult<void> parse_entries() {
    const size_t es = lo::itoc_entry::kSize;
    for (uint32_t i = 0;; ++i) {
      const uint64_t off =
          uint64_t{m_img.m_itoc_offset} + lo::itoc_header::kSize + uint64_t{i} * es;
      if (off + es > size()) {
        return error(ImageErrc::kTruncated,
                     "ITOC entry " + std::to_string(i) + " at " + hex(off) +
                         " runs past the end of the image (no END entry)",
                     static_cast<uint32_t>(std::min<uint64_t>(off, size())));
      }
      mark_read(off, off + es);
      m_img.m_itoc_end = static_cast<uint32_t>(off + es);
      const uint8_t* e = bytes().data() + off;
      const auto type = static_cast<SectionType>(get(e, es, lo::itoc_entry::type));
      if (type == SectionType::kEnd) return {};
      if (i >= lo::itoc_entry::kMaxEntries) {
        return error(ImageErrc::kTooManyItocEntries,
                     "ITOC has more than " + std::to_string(lo::itoc_entry::kMaxEntries) +
                         " entries (no END by entry " + std::to_string(i) + ")",
                     static_cast<uint32_t>(off));
      }
      const uint16_t crc = fs3_crc16(e, 7);
      const uint32_t stored = get(e, es, lo::itoc_entry::itoc_entry_crc);
      if (stored != crc) {
        return error(ImageErrc::kBadItocEntryCrc,
                     "ITOC entry " + std::to_string(i) + " at " + hex(off) + ": CRC stored " +
                         hex(stored) + ", computed " + hex(crc),
                     static_cast<uint32_t>(off));
      }
      ItocEntry entry;
      entry.index = i;
      entry.entry_offset = static_cast<uint32_t>(off);
      entry.type = type;
      entry.device_data = get(e, es, lo::itoc_entry::device_data) != 0;
      // A component carries no device data: its device-data entries were masked (END); stop at the
      // first one that survived, as mstflint does for a component it reads back.
      if (m_form == ImageForm::kComponent && entry.device_data) return {};
      const uint64_t sec_off = uint64_t{get(e, es, lo::itoc_entry::flash_addr_dwords)} * 4;
      const uint64_t sec_size = uint64_t{get(e, es, lo::itoc_entry::size_dwords)} * 4;
      entry.relative = get(e, es, lo::itoc_entry::relative_addr) != 0;
      entry.no_crc = get(e, es, lo::itoc_entry::no_crc) != 0;
      entry.zipped = get(e, es, lo::itoc_entry::zipped_image) != 0;
      entry.cache_line_crc = get(e, es, lo::itoc_entry::cache_line_crc) != 0;
      entry.section_crc = static_cast<uint16_t>(get(e, es, lo::itoc_entry::section_crc));
      entry.param0 = get(e, es, lo::itoc_entry::param0);
      entry.param1 = get(e, es, lo::itoc_entry::param1);
      if (auto r = check_device_data_flag(entry); !r) return r;
      if (sec_off + sec_size > size()) {
        return error(ImageErrc::kSectionOutOfBounds,
                     std::string(section_name(type)) + " section (ITOC entry " + std::to_string(i) +
                         ") at " + hex(sec_off) + ", " + hex(sec_size) +
                         " bytes, lies outside the image of " + hex(size()) + " bytes",
                     static_cast<uint32_t>(off));
      }
      entry.offset = static_cast<uint32_t>(sec_off);
      entry.size = static_cast<uint32_t>(sec_size);
      mark_read(entry.offset, entry.end());
      if (!entry.no_crc) {
        const uint16_t sc = fs3_crc16(bytes().data() + entry.offset, entry.size / 4);
        if (sc != entry.section_crc) {
          return error(ImageErrc::kBadSectionCrc,
                       std::string(section_name(type)) + " section at " + hex(entry.offset) +
                           ": CRC stored " + hex(entry.section_crc) + ", computed " + hex(sc),
                       entry.offset);
        }
      }
      if (is_unique_type(type) && m_img.find(type) != nullptr) {
        return error(ImageErrc::kDuplicateSection,
                     std::string("second ") + section_name(type) + " section (ITOC entry " +
                         std::to_string(i) + ")",
                     static_cast<uint32_t>(off));
      }
      if (entry.relative) m_img.m_data_size = std::max(m_img.m_data_size, entry.end());
      m_img.m_entries.push_back(entry);
    }
  }

  // Device data is per-device, at an absolute flash address outside the firmware image: the
  // component masks its ITOC entry and neither data_size nor the signed range may depend on it.
  // A firmware section flagged device data would be missing from the component (FZ-4: IMAGE_INFO);
  // a relative device-data section would count in data_size, which the component's parse, where
  // its entry is masked, does not (FZ-3).
  ImageResult<void> check_device_data_flag(const ItocEntry& e) const {
    if (!e.device_data) return {};
    const std::string where = std::string(section_name(e.type)) + " section (ITOC entry " +
                              std::to_string(e.index) + " at " + hex(e.entry_offset) + ")";
    if (is_firmware_section(e.type)) {
      return error(ImageErrc::kBadSectionAttributes,
                   where +
                       " is flagged device data, but it is part of the signed firmware that "
                       "every component carries",
                   e.entry_offset);
    }
    if (e.relative) {
      return error(ImageErrc::kBadSectionAttributes,
                   where +
                       " is device data at a relative address: device data lies at an "
                       "absolute flash address, outside the burnable image",
                   e.entry_offset);
    }
    return {};
  }

  // No two sections share a byte, and none covers the header, BOOT2 or ITOC: masking one section
  // for the signature must never mask part of another.
  ImageResult<void> check_overlaps() const {
    std::vector<const ItocEntry*> sorted;
    for (const auto& e : m_img.m_entries) {
      if (e.size != 0) sorted.push_back(&e);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const ItocEntry* a, const ItocEntry* b) { return a->offset < b->offset; });
    const uint32_t boot2_end = lo::boot2::kOffset + m_img.m_boot2_size;
    for (size_t k = 0; k < sorted.size(); ++k) {
      const ItocEntry& e = *sorted[k];
      const bool hits_header = e.offset < boot2_end;
      const bool hits_itoc = e.offset < m_img.m_itoc_end && e.end() > m_img.m_itoc_offset;
      if (hits_header || hits_itoc) {
        return error(ImageErrc::kSectionOutOfBounds,
                     std::string(section_name(e.type)) + " section at " + hex(e.offset) +
                         " overlaps the " + (hits_header ? "image header/BOOT2" : "ITOC"),
                     e.offset);
      }
      if (k > 0 && sorted[k - 1]->end() > e.offset) {
        return error(ImageErrc::kSectionOutOfBounds,
                     std::string(section_name(e.type)) + " section at " + hex(e.offset) +
                         " overlaps " + section_name(sorted[k - 1]->type) + " at " +
                         hex(sorted[k - 1]->offset),
                     e.offset);
      }
    }
    return {};
  }

  ImageResult<void> require_size(const ItocEntry& e, uint32_t min, bool exact) const {
    if (exact ? e.size != min : e.size < min) {
      return error(ImageErrc::kBadSectionSize,
                   std::string(section_name(e.type)) + " section at " + hex(e.offset) + " is " +
                       hex(e.size) + " bytes, expected " + (exact ? "" : "at least ") + hex(min),
                   e.offset);
    }
    return {};
  }

  ImageResult<void> interpret_sections() {
    const ItocEntry* ii = m_img.find(SectionType::kImageInfo);
    if (ii == nullptr) {
      return error(ImageErrc::kMissingImageInfo, "no IMAGE_INFO section in the ITOC");
    }
    if (auto r = parse_image_info(*ii); !r) return r;
    if (const ItocEntry* e = m_img.find(SectionType::kMfgInfo)) {
      if (auto r = parse_mfg_info(*e); !r) return r;
    } else if (m_form == ImageForm::kFile) {
      return error(ImageErrc::kMissingMfgInfo, "no MFG_INFO section in the ITOC");
    }
    if (const ItocEntry* e = m_img.find(SectionType::kDevInfo)) {
      if (auto r = parse_dev_info(*e); !r) return r;
    }
    for (auto kind : {crypto::DigestKind::kSha256, crypto::DigestKind::kSha512}) {
      if (auto r = parse_signature(kind); !r) return r;
    }
    parse_public_keys(SectionType::kPublicKeys2048, crypto::RsaKeySize::k2048);
    parse_public_keys(SectionType::kPublicKeys4096, crypto::RsaKeySize::k4096);
    if (const ItocEntry* e = m_img.find(SectionType::kForbiddenVersions)) {
      auto list = decode_forbidden_versions(m_img.section_bytes(*e));
      if (!list) {
        return error(list.error().code,
                     list.error().message + " (section at " + hex(e->offset) + ")", e->offset);
      }
      m_img.m_has_forbidden_versions = true;
      m_img.m_forbidden_versions = *list;
    }
    return {};
  }

  ImageResult<void> parse_image_info(const ItocEntry& e) {
    if (auto r = require_size(e, lo::image_info::kSize, false); !r) return r;
    const std::vector<uint8_t> s = m_img.section_bytes(e);
    namespace ii = lo::image_info;
    ImageInfo& info = m_img.m_image_info;
    info.format_major = static_cast<uint8_t>(get(s, ii::major_version));
    info.format_minor = static_cast<uint8_t>(get(s, ii::minor_version));
    if (info.format_major != 0) {
      return error(ImageErrc::kUnknownImageInfoVersion,
                   "IMAGE_INFO format version " + std::to_string(info.format_major) + "." +
                       std::to_string(info.format_minor) + " is unknown (major must be 0)",
                   e.offset);
    }
    info.fw_version = FwVersion{static_cast<uint16_t>(get(s, ii::fw_version_major)),
                                static_cast<uint16_t>(get(s, ii::fw_version_minor)),
                                static_cast<uint16_t>(get(s, ii::fw_version_subminor))};
    info.release_date =
        ReleaseDate::from_bcd(get(s, ii::fw_year), get(s, ii::fw_month), get(s, ii::fw_day));
    info.release_hour = bcd_byte(get(s, ii::fw_hour));
    info.release_minute = bcd_byte(get(s, ii::fw_minutes));
    info.release_second = bcd_byte(get(s, ii::fw_seconds));
    info.psid = get_string(s, ii::psid);
    info.product_version = get_string(s, ii::prod_ver);
    info.vsd = get_string(s, ii::vsd);
    if (info.format_minor >= ii::kFormatMinorWithNames) {
      info.description = get_string(s, ii::description);
      info.name = get_string(s, ii::name);
      info.prs_name = get_string(s, ii::prs_name);
    }
    info.pci_vendor_id = static_cast<uint16_t>(get(s, ii::pci_vendor_id));
    info.pci_device_id = static_cast<uint16_t>(get(s, ii::pci_device_id));
    info.supported_hw_ids = {get(s, ii::supported_hw_id0), get(s, ii::supported_hw_id1),
                             get(s, ii::supported_hw_id2), get(s, ii::supported_hw_id3)};
    info.mcc_en = get(s, ii::mcc_en) != 0;
    info.signed_fw = get(s, ii::signed_fw) != 0;
    info.secure_fw = get(s, ii::secure_fw) != 0;
    info.debug_fw = get(s, ii::debug_fw) != 0;
    info.burn_image_size = get(s, ii::burn_image_size);
    if (info.supported_hw_ids[0] != kConnectX4LxHwId) {
      return error(ImageErrc::kUnknownHwId,
                   "IMAGE_INFO supported_hw_id[0] is " + hex(info.supported_hw_ids[0]) +
                       ", not the ConnectX-4 Lx (0x20b)",
                   e.offset + ii::supported_hw_id0.byte);
    }
    return {};
  }

  ImageResult<void> parse_mfg_info(const ItocEntry& e) {
    if (auto r = require_size(e, lo::mfg_info::kSize, false); !r) return r;
    const std::vector<uint8_t> s = m_img.section_bytes(e);
    MfgInfo mfg;
    mfg.format_major = static_cast<uint8_t>(get(s, lo::mfg_info::major_version));
    mfg.format_minor = static_cast<uint8_t>(get(s, lo::mfg_info::minor_version));
    if (mfg.format_major > lo::mfg_info::kFormatMajorCx4) {
      return error(ImageErrc::kUnknownMfgInfoVersion,
                   "MFG_INFO format version " + std::to_string(mfg.format_major) + "." +
                       std::to_string(mfg.format_minor) + " is unknown (major 0 or 1)",
                   e.offset);
    }
    mfg.psid = get_string(s, lo::mfg_info::psid);
    mfg.guids_override_en = get(s, lo::mfg_info::guids_override_en) != 0;
    mfg.uids = read_uids(s);
    m_img.m_mfg_info = mfg;
    return {};
  }

  ImageResult<void> parse_dev_info(const ItocEntry& e) {
    if (auto r = require_size(e, lo::dev_info::kSize, false); !r) return r;
    const std::vector<uint8_t> s = m_img.section_bytes(e);
    DevInfo dev;
    dev.format_major = static_cast<uint16_t>(get(s, lo::dev_info::major_version));
    dev.format_minor = static_cast<uint8_t>(get(s, lo::dev_info::minor_version));
    if (dev.format_major != 1 && dev.format_major != lo::dev_info::kFormatMajorCx4) {
      return error(ImageErrc::kUnknownDevInfoVersion,
                   "DEV_INFO format version " + std::to_string(dev.format_major) + "." +
                       std::to_string(dev.format_minor) + " is unknown (major 1 or 2)",
                   e.offset);
    }
    dev.uids = read_uids(s);
    dev.vsd_vendor_id = static_cast<uint16_t>(get(s, lo::dev_info::vsd_vendor_id));
    dev.vsd = get_string(s, lo::dev_info::vsd);
    m_img.m_dev_info = dev;
    return {};
  }

  ImageResult<void> parse_signature(crypto::DigestKind kind) {
    const bool is256 = kind == crypto::DigestKind::kSha256;
    const ItocEntry* e =
        m_img.find(is256 ? SectionType::kImageSignature256 : SectionType::kImageSignature512);
    if (e == nullptr) return {};
    namespace is = lo::image_signature;
    if (auto r = require_size(*e, is256 ? is::kSize256 : is::kSize512, true); !r) return r;
    const std::vector<uint8_t> s = m_img.section_bytes(*e);
    ImageSignature sig;
    sig.kind = kind;
    sig.signature_uuid = crypto::KeyUuid::from_bytes(s.data() + is::signature_uuid.byte);
    sig.keypair_uuid = crypto::KeyUuid::from_bytes(s.data() + is::keypair_uuid.byte);
    sig.signature = secnic::layout::get(s, is256 ? is::signature_256 : is::signature_512);
    (is256 ? m_img.m_signature_256 : m_img.m_signature_512) = std::move(sig);
    return {};
  }

  void parse_public_keys(SectionType type, crypto::RsaKeySize key_size) {
    const ItocEntry* e = m_img.find(type);
    if (e == nullptr) return;
    namespace pk = lo::public_key;
    const bool is2048 = key_size == crypto::RsaKeySize::k2048;
    const uint32_t entry_size = is2048 ? pk::kEntrySize2048 : pk::kEntrySize4096;
    for (uint32_t i = 0; i < e->size / entry_size; ++i) {
      const uint8_t* p = bytes().data() + e->offset + i * entry_size;
      const std::vector<uint8_t> s(p, p + entry_size);
      PublicKeyEntry key;
      key.size = key_size;
      key.index = i;
      key.auth_type = static_cast<uint8_t>(get(s, pk::auth_type));
      key.fw_en = get(s, pk::fw_en) != 0;
      key.exponent = get(s, pk::public_key_exp);
      key.uuid = crypto::KeyUuid::from_bytes(s.data() + pk::keypair_uuid.byte);
      key.modulus = secnic::layout::get(s, is2048 ? pk::key_2048 : pk::key_4096);
      const bool empty =
          std::all_of(key.modulus.begin(), key.modulus.end(), [](uint8_t b) { return b == 0; });
      if (!empty) m_img.m_public_keys.push_back(std::move(key));
    }
  }

  Fs3Image& m_img;
  ImageForm m_form;
};

ImageResult<Fs3Image> parse_image(std::vector<uint8_t> bytes, const ParseOptions& options) {
  return Fs3Parser::parse(std::move(bytes), options.form);
}

ImageResult<Fs3Image> parse_image(const uint8_t* data, size_t size, const ParseOptions& options) {
  return parse_image(std::vector<uint8_t>(data, data + size), options);
}

std::optional<uint32_t> image_extent(const uint8_t* prefix, size_t size) {
  const auto& magic = lo::header::kMagic;
  if (size < lo::boot2::size_dwords.end() || !std::equal(magic.begin(), magic.end(), prefix)) {
    return std::nullopt;
  }
  const uint32_t n = load_be32(prefix + lo::boot2::size_dwords.byte);
  if (n < lo::boot2::kMinSizeDwords || n > lo::boot2::kMaxSizeDwords) return std::nullopt;
  const uint64_t itoc = align_up(lo::boot2::kOffset + (uint64_t{n} + 4) * 4, lo::kItocAlignment);
  const size_t es = lo::itoc_entry::kSize;
  if (itoc + lo::itoc_header::kSize > size ||
      load_be32(prefix + itoc) != lo::itoc_header::kSignature0) {
    return std::nullopt;
  }
  uint64_t extent = itoc + lo::itoc_header::kSize;
  for (uint32_t i = 0; i <= lo::itoc_entry::kMaxEntries; ++i) {
    const uint64_t off = itoc + lo::itoc_header::kSize + uint64_t{i} * es;
    if (off + es > size) return std::nullopt;
    extent = std::max(extent, off + es);
    const uint8_t* e = prefix + off;
    if (get(e, es, lo::itoc_entry::type) == static_cast<uint32_t>(SectionType::kEnd)) break;
    const uint64_t end = uint64_t{get(e, es, lo::itoc_entry::flash_addr_dwords)} * 4 +
                         uint64_t{get(e, es, lo::itoc_entry::size_dwords)} * 4;
    extent = std::max(extent, end);
  }
  if (extent > 0xFFFFFFFFull) return std::nullopt;
  return static_cast<uint32_t>(extent);
}

}  // namespace secnic::image
