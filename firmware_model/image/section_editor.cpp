#include "firmware_model/image/section_editor.h"

#include <algorithm>

#include "firmware_model/image/crc16.h"
#include "firmware_model/image/image_layouts.h"

namespace secnic::image {

namespace lo = layout;

ImageResult<void> replace_section(std::vector<uint8_t>& bytes, const Fs3Image& parsed,
                                  SectionType type, const std::vector<uint8_t>& content) {
  const ItocEntry* e = parsed.find(type);
  if (e == nullptr) {
    return ImageError{ImageErrc::kMissingSection,
                      std::string("ITOC entry type ") + section_name(type) + " (" +
                          std::to_string(static_cast<int>(type)) + ") not found"};
  }
  if (content.size() != e->size) {
    return ImageError{ImageErrc::kBadSectionSize,
                      std::string(section_name(type)) + " content of " +
                          std::to_string(content.size()) + " bytes for a section of " +
                          std::to_string(e->size) + " bytes",
                      e->offset};
  }
  if (bytes.size() != parsed.bytes().size() || e->end() > bytes.size() ||
      e->entry_offset + lo::itoc_entry::kSize > bytes.size()) {
    return ImageError{ImageErrc::kBadArgument, "buffer does not match the parsed image"};
  }
  std::copy(content.begin(), content.end(), bytes.begin() + e->offset);
  uint8_t* entry = bytes.data() + e->entry_offset;
  const size_t es = lo::itoc_entry::kSize;
  if (!e->no_crc) {
    secnic::layout::set(entry, es, lo::itoc_entry::section_crc,
                        fs3_crc16(bytes.data() + e->offset, e->size / 4));
  }
  secnic::layout::set(entry, es, lo::itoc_entry::itoc_entry_crc, fs3_crc16(entry, 7));
  return {};
}

ImageResult<std::vector<uint8_t>> encode_forbidden_versions(
    const std::vector<FwVersion>& versions) {
  namespace fv = lo::forbidden_versions;
  if (versions.size() > fv::kMaxEntries) {
    return ImageError{ImageErrc::kBadArgument,
                      std::to_string(versions.size()) + " forbidden versions, at most " +
                          std::to_string(fv::kMaxEntries) + " fit FORBIDDEN_VERSIONS"};
  }
  std::vector<uint8_t> s(fv::kSize, 0);
  secnic::layout::set(s, fv::layout_version, fv::kLayoutVersion);
  secnic::layout::set(s, fv::count, static_cast<uint32_t>(versions.size()));
  for (size_t i = 0; i < versions.size(); ++i) {
    if (!versions[i].fits_packed()) {
      return ImageError{ImageErrc::kBadArgument,
                        "forbidden version " + versions[i].to_string() +
                            " does not fit the packed form (major and minor must be < 256)"};
    }
    secnic::layout::set(s, fv::entry(static_cast<uint32_t>(i)), versions[i].packed());
  }
  return s;
}

ImageResult<std::vector<FwVersion>> decode_forbidden_versions(const std::vector<uint8_t>& section) {
  namespace fv = lo::forbidden_versions;
  const bool all_zero =
      std::all_of(section.begin(), section.end(), [](uint8_t b) { return b == 0; });
  if (all_zero) return std::vector<FwVersion>{};
  if (section.size() < fv::kEntriesOffset) {
    return ImageError{ImageErrc::kBadForbiddenVersions,
                      "FORBIDDEN_VERSIONS of " + std::to_string(section.size()) +
                          " bytes is shorter than its 16-byte header"};
  }
  const uint32_t version = secnic::layout::get(section, fv::layout_version);
  if (version != fv::kLayoutVersion) {
    return ImageError{ImageErrc::kBadForbiddenVersions, "FORBIDDEN_VERSIONS layout version " +
                                                            std::to_string(version) +
                                                            " is unknown (expected 1)"};
  }
  const uint32_t count = secnic::layout::get(section, fv::count);
  const uint64_t capacity = (section.size() - fv::kEntriesOffset) / 4;
  if (count > capacity) {
    return ImageError{ImageErrc::kBadForbiddenVersions,
                      "FORBIDDEN_VERSIONS lists " + std::to_string(count) + " versions, its " +
                          std::to_string(section.size()) + " bytes hold at most " +
                          std::to_string(capacity)};
  }
  std::vector<FwVersion> out;
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    out.push_back(FwVersion::from_packed(secnic::layout::get(section, fv::entry(i))));
  }
  return out;
}

}  // namespace secnic::image
