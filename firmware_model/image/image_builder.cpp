#include "firmware_model/image/image_builder.h"

#include <algorithm>

#include "firmware_model/image/crc16.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/section_editor.h"

namespace secnic::image {

namespace lo = layout;
using secnic::layout::set;
using secnic::layout::set_string;

namespace {

constexpr uint32_t kItocOffset = 0x1000;
constexpr uint32_t kFirstSectionOffset = 0x2000;
constexpr uint32_t kBootCodeSize = 0x1000;
constexpr uint32_t kBoot2SizeDwords = lo::boot2::kMinSizeDwords;

struct PlannedSection {
  SectionType type;
  std::vector<uint8_t> content;
  bool relative = true;
  bool device_data = false;
  uint32_t offset = 0;
};

ImageError too_long(const char* what, size_t len, size_t max) {
  return ImageError{ImageErrc::kFieldTooLong, std::string(what) + " is " + std::to_string(len) +
                                                  " characters, at most " + std::to_string(max) +
                                                  " fit"};
}

// Deterministic filler (splitmix64): same seed and version, same bytes.
std::vector<uint8_t> make_payload(uint32_t size, uint64_t seed) {
  std::vector<uint8_t> out(size);
  uint64_t state = seed;
  for (uint32_t i = 0; i < size; i += 8) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    for (uint32_t b = 0; b < 8 && i + b < size; ++b)
      out[i + b] = static_cast<uint8_t>(z >> (8 * b));
  }
  return out;
}

void write_uids(std::vector<uint8_t>& s, const DeviceUids& u) {
  set(s, lo::mfg_info::guids_num_allocated, u.num_guids);
  set(s, lo::mfg_info::guids_step, u.guid_step);
  set(s, lo::mfg_info::guids_uid, u.base_guid);
  set(s, lo::mfg_info::macs_num_allocated, u.num_macs);
  set(s, lo::mfg_info::macs_step, u.mac_step);
  set(s, lo::mfg_info::macs_uid, u.base_mac);
}

std::vector<uint8_t> make_image_info(const ImageSpec& spec, const std::string& product_version,
                                     uint32_t burn_size) {
  namespace ii = lo::image_info;
  std::vector<uint8_t> s(ii::kSize, 0);
  set(s, ii::major_version, 0);
  set(s, ii::minor_version, ii::kFormatMinorWithNames);
  set(s, ii::mcc_en, spec.mcc_en);
  set(s, ii::signed_fw, spec.signed_fw);
  set(s, ii::secure_fw, spec.secure_fw);
  set(s, ii::fw_version_major, spec.fw_version.major);
  set(s, ii::fw_version_minor, spec.fw_version.minor);
  set(s, ii::fw_version_subminor, spec.fw_version.subminor);
  set(s, ii::fw_year, spec.release_date.year_bcd());
  set(s, ii::fw_month, spec.release_date.month_bcd());
  set(s, ii::fw_day, spec.release_date.day_bcd());
  set(s, ii::pci_vendor_id, 0x15b3);
  set(s, ii::pci_device_id, spec.pci_device_id);
  set_string(s, ii::psid, spec.psid);
  set(s, ii::supported_hw_id0, spec.hw_id);
  set(s, ii::burn_image_size, burn_size);
  set_string(s, ii::prod_ver, product_version);
  set_string(s, ii::description, spec.description);
  set_string(s, ii::name, spec.name);
  set_string(s, ii::prs_name, spec.prs_name);
  return s;
}

std::vector<uint8_t> make_public_keys(const ImageSpec& spec, crypto::RsaKeySize size) {
  namespace pk = lo::public_key;
  const bool is2048 = size == crypto::RsaKeySize::k2048;
  const uint32_t es = is2048 ? pk::kEntrySize2048 : pk::kEntrySize4096;
  std::vector<uint8_t> s(es * pk::kEntriesPerSection, 0);
  uint32_t i = 0;
  for (const auto& rec : spec.public_keys) {
    if (rec.key.size() != size) continue;
    std::vector<uint8_t> e(es, 0);
    set(e, pk::auth_type, is2048 ? pk::kAuthTypeRsa2048 : pk::kAuthTypeRsa4096);
    set(e, pk::fw_en, 1);
    set(e, pk::public_key_exp, rec.key.exponent());
    set(e, pk::keypair_uuid, rec.uuid.bytes().data(), rec.uuid.bytes().size());
    set(e, is2048 ? pk::key_2048 : pk::key_4096, rec.key.modulus().data(),
        rec.key.modulus().size());
    std::copy(e.begin(), e.end(), s.begin() + i * es);
    ++i;
  }
  return s;
}

std::vector<uint8_t> make_mfg_info(const ImageSpec& spec) {
  std::vector<uint8_t> s(lo::mfg_info::kSize, 0);
  set_string(s, lo::mfg_info::psid, spec.psid);
  set(s, lo::mfg_info::major_version, lo::mfg_info::kFormatMajorCx4);
  write_uids(s, spec.uids);
  return s;
}

std::vector<uint8_t> make_dev_info(const ImageSpec& spec) {
  std::vector<uint8_t> s(lo::dev_info::kSize, 0);
  set(s, lo::dev_info::major_version, lo::dev_info::kFormatMajorCx4);
  write_uids(s, spec.uids);
  return s;
}

ImageResult<void> validate(const ImageSpec& spec, const std::string& product_version) {
  namespace ii = lo::image_info;
  if (spec.psid.empty()) return ImageError{ImageErrc::kBadArgument, "PSID is empty"};
  if (spec.psid.size() > ii::psid.length) return too_long("PSID", spec.psid.size(), 16);
  if (product_version.size() > ii::prod_ver.length - 1) {
    return too_long("product version", product_version.size(), ii::prod_ver.length - 1);
  }
  if (spec.description.size() > ii::description.length - 1) {
    return too_long("description", spec.description.size(), ii::description.length - 1);
  }
  if (spec.name.size() > ii::name.length - 1) {
    return too_long("name", spec.name.size(), ii::name.length - 1);
  }
  if (spec.prs_name.size() > ii::prs_name.length - 1) {
    return too_long("PRS name", spec.prs_name.size(), ii::prs_name.length - 1);
  }
  for (const std::string* s :
       {&spec.psid, &product_version, &spec.description, &spec.name, &spec.prs_name}) {
    if (s->find('\0') != std::string::npos) {
      return ImageError{ImageErrc::kBadArgument, "a string field contains a NUL character"};
    }
  }
  if (spec.payload_size % 4 != 0) {
    return ImageError{ImageErrc::kBadArgument, "payload size " + std::to_string(spec.payload_size) +
                                                   " is not a multiple of 4"};
  }
  if (spec.payload_size > kMaxImageSize) {
    return ImageError{ImageErrc::kImageTooLarge, "payload of " + std::to_string(spec.payload_size) +
                                                     " bytes exceeds a flash slot (" +
                                                     std::to_string(kMaxImageSize) + ")"};
  }
  for (auto size : {crypto::RsaKeySize::k2048, crypto::RsaKeySize::k4096}) {
    const auto n = std::count_if(spec.public_keys.begin(), spec.public_keys.end(),
                                 [&](const PublicKeyRecord& r) { return r.key.size() == size; });
    if (n > static_cast<long>(lo::public_key::kEntriesPerSection)) {
      return ImageError{ImageErrc::kBadArgument,
                        std::to_string(n) + " RSA-" + std::to_string(static_cast<int>(size)) +
                            " public keys, at most " +
                            std::to_string(lo::public_key::kEntriesPerSection) + " fit"};
    }
  }
  return {};
}

}  // namespace

ImageResult<std::vector<uint8_t>> build_image(const ImageSpec& spec) {
  const std::string product_version =
      spec.product_version.empty() ? spec.fw_version.to_string() : spec.product_version;
  if (auto r = validate(spec, product_version); !r) return r.error();
  auto forbidden = encode_forbidden_versions(spec.forbidden_versions);
  if (!forbidden) return forbidden.error();

  // Plan: relative FW sections first, device data last (a component stops at device data).
  std::vector<PlannedSection> plan;
  const std::vector<uint8_t> payload =
      make_payload(spec.payload_size, spec.payload_seed ^ (uint64_t{spec.fw_version.major} << 32 |
                                                           uint64_t{spec.fw_version.minor} << 16 |
                                                           spec.fw_version.subminor));
  const uint32_t boot_len = std::min(spec.payload_size, kBootCodeSize);
  if (boot_len > 0) {
    plan.push_back({SectionType::kBootCode, {payload.begin(), payload.begin() + boot_len}});
  }
  if (spec.payload_size > boot_len) {
    plan.push_back({SectionType::kMainCode, {payload.begin() + boot_len, payload.end()}});
  }
  const size_t image_info_index = plan.size();
  plan.push_back({SectionType::kImageInfo, {}});
  plan.push_back(
      {SectionType::kImageSignature256, std::vector<uint8_t>(lo::image_signature::kSize256, 0)});
  plan.push_back(
      {SectionType::kImageSignature512, std::vector<uint8_t>(lo::image_signature::kSize512, 0)});
  plan.push_back({SectionType::kPublicKeys2048, make_public_keys(spec, crypto::RsaKeySize::k2048)});
  plan.push_back({SectionType::kPublicKeys4096, make_public_keys(spec, crypto::RsaKeySize::k4096)});
  plan.push_back({SectionType::kForbiddenVersions, *forbidden});
  const size_t first_device_data = plan.size();
  plan.push_back({SectionType::kDevInfo, make_dev_info(spec), false, true});
  plan.push_back({SectionType::kMfgInfo, make_mfg_info(spec), false, true});
  plan[image_info_index].content.assign(lo::image_info::kSize, 0);

  uint64_t cursor = kFirstSectionOffset;
  uint32_t data_size = 0;
  for (size_t i = 0; i < plan.size(); ++i) {
    cursor = (cursor + lo::kItocAlignment - 1) / lo::kItocAlignment * lo::kItocAlignment;
    plan[i].offset = static_cast<uint32_t>(cursor);
    cursor += plan[i].content.size();
    if (i < first_device_data) data_size = static_cast<uint32_t>(cursor);
  }
  if (cursor > kMaxImageSize) {
    return ImageError{ImageErrc::kImageTooLarge, "image of " + std::to_string(cursor) +
                                                     " bytes exceeds a flash slot (" +
                                                     std::to_string(kMaxImageSize) + " bytes)"};
  }
  plan[image_info_index].content = make_image_info(spec, product_version, data_size);

  std::vector<uint8_t> img(cursor, 0xFF);
  std::copy(lo::header::kMagic.begin(), lo::header::kMagic.end(), img.begin());
  std::fill(img.begin() + lo::header::kMagic.size(), img.begin() + lo::header::kSize, 0);
  set(img, lo::header::format_version, lo::header::kFormatFs3);
  set(img, lo::header::log2_chunk_size, lo::header::kLog2ChunkSize);

  const uint32_t boot2_dwords = kBoot2SizeDwords + 4;
  std::fill(img.begin() + lo::boot2::kOffset, img.begin() + lo::boot2::kOffset + boot2_dwords * 4,
            0);
  set(img, lo::boot2::size_dwords, kBoot2SizeDwords);
  secnic::layout::store_be32(img.data() + lo::boot2::kOffset + (boot2_dwords - 1) * 4,
                             fs3_crc16(img.data() + lo::boot2::kOffset, boot2_dwords - 1));

  uint8_t* header = img.data() + kItocOffset;
  const size_t hs = lo::itoc_header::kSize;
  std::fill(header, header + hs, 0);
  set(header, hs, lo::itoc_header::signature0, lo::itoc_header::kSignature0);
  set(header, hs, lo::itoc_header::signature1, lo::itoc_header::kSignature1);
  set(header, hs, lo::itoc_header::signature2, lo::itoc_header::kSignature2);
  set(header, hs, lo::itoc_header::signature3, lo::itoc_header::kSignature3);
  set(header, hs, lo::itoc_header::itoc_entry_crc, fs3_crc16(header, 7));

  const size_t es = lo::itoc_entry::kSize;
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlannedSection& p = plan[i];
    std::copy(p.content.begin(), p.content.end(), img.begin() + p.offset);
    uint8_t* e = img.data() + kItocOffset + hs + i * es;
    std::fill(e, e + es, 0);
    set(e, es, lo::itoc_entry::type, static_cast<uint32_t>(p.type));
    set(e, es, lo::itoc_entry::size_dwords, static_cast<uint32_t>(p.content.size() / 4));
    set(e, es, lo::itoc_entry::flash_addr_dwords, p.offset / 4);
    set(e, es, lo::itoc_entry::relative_addr, p.relative);
    set(e, es, lo::itoc_entry::device_data, p.device_data);
    set(e, es, lo::itoc_entry::section_crc, fs3_crc16(p.content.data(), p.content.size() / 4));
    set(e, es, lo::itoc_entry::itoc_entry_crc, fs3_crc16(e, 7));
  }
  // The END entry and the rest of the ITOC area stay 0xFF.
  return img;
}

}  // namespace secnic::image
