#include "tools/campaign/attack_image_forgery.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

#include "firmware_model/image/crc16.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/mcc_component.h"
#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {
namespace {

namespace il = image::layout;

std::string hex(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

std::vector<uint8_t> read_file(const std::string& path, const std::string& origin) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(origin + ": cannot read " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes,
                const std::string& origin) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw ScenarioError(origin + ": cannot write " + path);
}

// An image file, or a component as a host sends it.
std::optional<image::Fs3Image> parse_any(const std::vector<uint8_t>& bytes) {
  if (auto file = image::parse_image(bytes)) return std::move(file).value();
  if (auto component = image::parse_component(bytes)) return std::move(component).value();
  return std::nullopt;
}

// Rewrites the 16-bit CRC at dword `crc_dword` of a `dwords`-dword structure at `at` over its
// first `crc_dword` dwords (the ITOC header and entries keep it in the low half of their last
// dword).
void refresh_structure_crc(std::vector<uint8_t>& bytes, uint32_t at, uint32_t crc_dword) {
  if (static_cast<uint64_t>(at) + 4 * (crc_dword + 1) > bytes.size()) return;
  const uint16_t crc = image::fs3_crc16(bytes.data() + at, crc_dword);
  uint8_t* p = bytes.data() + at + 4 * crc_dword;
  p[2] = static_cast<uint8_t>(crc >> 8);
  p[3] = static_cast<uint8_t>(crc);
}

// Every CRC16 of the image, at the positions `structure` (the unedited image) had.
void refresh_crcs(std::vector<uint8_t>& bytes, const image::Fs3Image& structure) {
  // BOOT2: the last of its dwords is the CRC of the ones before, compared as a whole dword.
  const uint32_t boot2 = structure.boot2_offset();
  const uint32_t boot2_dwords = structure.boot2_size() / 4;
  if (boot2_dwords >= 1 && static_cast<uint64_t>(boot2) + 4 * boot2_dwords <= bytes.size()) {
    const uint16_t crc = image::fs3_crc16(bytes.data() + boot2, boot2_dwords - 1);
    uint8_t* p = bytes.data() + boot2 + 4 * (boot2_dwords - 1);
    p[0] = 0;
    p[1] = 0;
    p[2] = static_cast<uint8_t>(crc >> 8);
    p[3] = static_cast<uint8_t>(crc);
  }
  constexpr uint32_t kCrcDword = il::itoc_entry::itoc_entry_crc.byte / 4;  // 7
  for (const image::ItocEntry& e : structure.entries()) {
    // A component's device-data entries are masked to 0xFF: they must stay so.
    if (e.device_data &&
        static_cast<uint64_t>(e.entry_offset) + il::itoc_entry::kSize <= bytes.size() &&
        std::all_of(bytes.begin() + e.entry_offset,
                    bytes.begin() + e.entry_offset + il::itoc_entry::kSize,
                    [](uint8_t b) { return b == 0xFF; })) {
      continue;
    }
    if (!e.no_crc && static_cast<uint64_t>(e.offset) + e.size <= bytes.size() &&
        static_cast<uint64_t>(e.entry_offset) + il::itoc_entry::kSize <= bytes.size()) {
      const uint16_t crc = image::fs3_crc16(bytes.data() + e.offset, e.size / 4);
      uint8_t* p = bytes.data() + e.entry_offset + il::itoc_entry::section_crc.byte;
      p[2] = static_cast<uint8_t>(crc >> 8);
      p[3] = static_cast<uint8_t>(crc);
    }
    refresh_structure_crc(bytes, e.entry_offset, kCrcDword);
  }
  refresh_structure_crc(bytes, structure.itoc_offset(), il::itoc_header::itoc_entry_crc.byte / 4);
}

struct Span {
  uint64_t begin;
  uint64_t length;
};

}  // namespace

void forge_image(const ImageForgery& forgery, const std::string& output,
                 const ForgeryServices& services, const std::string& origin) {
  const std::string what = origin + ": derive." + forgery.name;
  std::vector<uint8_t> bytes = read_file(services.image_path(forgery.from), origin);
  std::optional<image::Fs3Image> structure = parse_any(bytes);
  if (forgery.component) {
    if (!structure) {
      throw ScenarioError(what + ": '" + forgery.from + "' does not parse, so it has no component");
    }
    if (structure->form() == image::ImageForm::kFile) {
      bytes = image::make_component(*structure);
      structure = parse_any(bytes);
    }
  }
  auto fail = [&](const ImageEdit& edit, const std::string& message) {
    throw ScenarioError(what + " (line " + std::to_string(edit.line) + "): " + message);
  };
  auto need_structure = [&](const ImageEdit& edit) -> const image::Fs3Image& {
    if (!structure) fail(edit, "the image does not parse here, so it has no sections to edit");
    return *structure;
  };
  // The bytes an edit touches: [section + offset, + length) inside the section, or absolute.
  auto locate = [&](const ImageEdit& edit, uint64_t length) -> Span {
    if (edit.section) {
      const image::ItocEntry* e = need_structure(edit).find(*edit.section);
      if (e == nullptr) fail(edit, std::string("the image has no ") + section_name(*edit.section));
      if (edit.offset + length > e->size) {
        fail(edit, "offset " + hex(edit.offset) + " + " + hex(length) + " lies outside " +
                       section_name(*edit.section) + " (" + hex(e->size) + " bytes)");
      }
      return {e->offset + edit.offset, length};
    }
    return {edit.offset, length};
  };
  auto in_bounds = [&](const ImageEdit& edit, Span s) {
    if (s.begin + s.length > bytes.size()) {
      fail(edit, "bytes [" + hex(s.begin) + ", " + hex(s.begin + s.length) + ") lie past the " +
                     hex(bytes.size()) + "-byte buffer");
    }
  };

  for (const ImageEdit& edit : forgery.edits) {
    switch (edit.kind) {
      case ImageEdit::Kind::kFlip: {
        const Span s = locate(edit, 1);
        in_bounds(edit, s);
        bytes[s.begin] ^= edit.mask;
        break;
      }
      case ImageEdit::Kind::kWrite: {
        const Span s = locate(edit, edit.bytes.size());
        in_bounds(edit, s);
        std::memcpy(bytes.data() + s.begin, edit.bytes.data(), edit.bytes.size());
        break;
      }
      case ImageEdit::Kind::kFill: {
        const image::ItocEntry* e = need_structure(edit).find(*edit.section);
        if (e == nullptr)
          fail(edit, std::string("the image has no ") + section_name(*edit.section));
        in_bounds(edit, {e->offset, e->size});
        std::memset(bytes.data() + e->offset, edit.byte, e->size);
        break;
      }
      case ImageEdit::Kind::kCopySection: {
        const image::ItocEntry* e = need_structure(edit).find(*edit.section);
        if (e == nullptr)
          fail(edit, std::string("the image has no ") + section_name(*edit.section));
        const std::vector<uint8_t> other_bytes =
            read_file(services.image_path(edit.from_image), origin);
        const std::optional<image::Fs3Image> other = parse_any(other_bytes);
        if (!other) fail(edit, "'" + edit.from_image + "' does not parse");
        const image::ItocEntry* o = other->find(*edit.section);
        if (o == nullptr || o->size != e->size) {
          fail(edit, "'" + edit.from_image + "' has no " + section_name(*edit.section) +
                         " of the same size");
        }
        in_bounds(edit, {e->offset, e->size});
        std::memcpy(bytes.data() + e->offset, other_bytes.data() + o->offset, e->size);
        break;
      }
      case ImageEdit::Kind::kTruncate:
        if (edit.size > bytes.size()) {
          fail(edit, "cannot truncate " + hex(bytes.size()) + " bytes to " + hex(edit.size));
        }
        bytes.resize(edit.size);
        break;
      case ImageEdit::Kind::kAppend:
        bytes.insert(bytes.end(), edit.size, edit.byte);
        break;
      case ImageEdit::Kind::kAppendTail: {
        const std::vector<uint8_t> other_bytes =
            read_file(services.image_path(edit.from_image), origin);
        const std::optional<image::Fs3Image> other = parse_any(other_bytes);
        if (!other) fail(edit, "'" + edit.from_image + "' does not parse");
        if (other->data_size() >= other_bytes.size()) {
          fail(edit, "'" + edit.from_image + "' has nothing past its burnable length");
        }
        bytes.insert(bytes.end(), other_bytes.begin() + other->data_size(), other_bytes.end());
        break;
      }
      case ImageEdit::Kind::kToComponent: {
        const image::Fs3Image& st = need_structure(edit);
        if (st.form() != image::ImageForm::kFile) break;  // already a component
        if (st.data_size() > bytes.size()) {
          fail(edit, "the image is shorter than its burnable length");
        }
        // What the tool sends is its image cache: bytes it never read are 0xFF.
        std::vector<uint8_t> component(st.data_size(), 0xFF);
        for (const image::ByteRange& r : st.read_ranges()) {
          const uint32_t end = std::min<uint32_t>(r.end, st.data_size());
          if (r.begin < end) {
            std::copy(bytes.begin() + r.begin, bytes.begin() + end, component.begin() + r.begin);
          }
        }
        bytes = std::move(component);
        std::fill(bytes.begin(), bytes.begin() + il::header::kMagic.size(), 0xFF);
        for (const image::ItocEntry& e : st.entries()) {
          if (e.device_data && e.entry_offset + il::itoc_entry::kSize <= bytes.size()) {
            std::fill(bytes.begin() + e.entry_offset,
                      bytes.begin() + e.entry_offset + il::itoc_entry::kSize, 0xFF);
          }
        }
        break;
      }
      case ImageEdit::Kind::kSign:
        write_file(output, bytes, origin);
        services.sign(output, edit.key, edit.tool);
        bytes = read_file(output, origin);
        break;
    }
    const bool edits_bytes =
        edit.kind == ImageEdit::Kind::kFlip || edit.kind == ImageEdit::Kind::kWrite ||
        edit.kind == ImageEdit::Kind::kFill || edit.kind == ImageEdit::Kind::kCopySection;
    if (edits_bytes && edit.refresh_crcs) refresh_crcs(bytes, need_structure(edit));
  }
  write_file(output, bytes, origin);
}

}  // namespace secnic::campaign
