#include "firmware_model/image/signed_range.h"

#include <algorithm>

#include "firmware_model/image/image_layouts.h"

namespace secnic::image {

namespace lo = layout;

namespace {

void mask(std::vector<uint8_t>& out, uint64_t begin, uint64_t len) {
  const uint64_t end = std::min<uint64_t>(begin + len, out.size());
  if (begin < end) std::fill(out.begin() + begin, out.begin() + end, 0xFF);
}

void mask_section_and_entry(std::vector<uint8_t>& out, const Fs3Image& image, SectionType type) {
  for (const auto& e : image.entries()) {
    if (e.type != type) continue;
    mask(out, e.entry_offset, lo::itoc_entry::kSize);
    mask(out, e.offset, e.size);
  }
}

}  // namespace

std::vector<uint8_t> image_data_bytes(const Fs3Image& image) {
  const uint32_t n = image.data_size();
  const std::vector<uint8_t>& src = image.bytes();
  std::vector<uint8_t> out;
  if (image.form() == ImageForm::kFile) {
    out.assign(n, 0xFF);
    for (const ByteRange& r : image.read_ranges()) {
      const uint32_t end = std::min(r.end, n);
      if (r.begin < end) std::copy(src.begin() + r.begin, src.begin() + end, out.begin() + r.begin);
    }
  } else {
    out.assign(src.begin(), src.begin() + n);
  }
  return out;
}

std::vector<uint8_t> signed_bytes(const Fs3Image& image, crypto::DigestKind kind) {
  std::vector<uint8_t> out = image_data_bytes(image);
  mask(out, 0, lo::header::kMagic.size());
  for (const auto& e : image.entries()) {
    if (e.device_data) mask(out, e.entry_offset, lo::itoc_entry::kSize);
  }
  mask_section_and_entry(out, image, SectionType::kImageSignature256);
  if (kind == crypto::DigestKind::kSha512) {
    mask_section_and_entry(out, image, SectionType::kImageSignature512);
  }
  return out;
}

std::vector<uint8_t> signed_digest(const Fs3Image& image, crypto::DigestKind kind) {
  const std::vector<uint8_t> bytes = signed_bytes(image, kind);
  return crypto::digest(kind, bytes.data(), bytes.size());
}

}  // namespace secnic::image
