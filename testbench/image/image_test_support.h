// Shared by the image, crypto and boot tests: the checked-in test keys, small images, and helpers
// that corrupt an image in one precise place (re-computing the CRCs that should stay valid).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/crc16.h"
#include "firmware_model/image/image_builder.h"
#include "firmware_model/image/image_layouts.h"

namespace secnic::test {

inline std::string key_path(const std::string& name) {
  return std::string(SECNIC_TEST_KEYS_DIR) + "/" + name;
}

inline crypto::RsaPrivateKey private_key(const std::string& name) {
  auto k = crypto::RsaPrivateKey::load_pem_file(key_path(name));
  if (!k) throw std::runtime_error("test key " + name + ": " + k.error().message);
  return *k;
}

inline crypto::RsaPublicKey public_key(const std::string& name) {
  auto k = crypto::RsaPublicKey::load_pem_file(key_path(name));
  if (!k) throw std::runtime_error("test key " + name + ": " + k.error().message);
  return *k;
}

inline crypto::KeyUuid uuid(const char* text) { return *crypto::KeyUuid::parse(text); }
inline const char* kUuidA = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";
inline const char* kUuidB = "11111111-2222-3333-4444-555555555555";
inline const char* kUuid4096 = "abcdef01-2345-6789-abcd-ef0123456789";

// A small image (8 KiB payload) listing keys A (2048) and the 4096 key.
inline image::ImageSpec small_spec() {
  image::ImageSpec spec;
  spec.payload_size = 0x2000;
  spec.public_keys.push_back({uuid(kUuidA), public_key("rsa2048_a.pub.pem")});
  spec.public_keys.push_back({uuid(kUuid4096), public_key("rsa4096.pub.pem")});
  return spec;
}

inline std::vector<uint8_t> build(const image::ImageSpec& spec = small_spec()) {
  auto img = image::build_image(spec);
  if (!img) throw std::runtime_error("build_image: " + img.error().message);
  return *img;
}

// The ITOC of an image built by build_image() starts at 0x1000.
constexpr uint32_t kBuiltItoc = 0x1000;

inline uint32_t entry_offset_of(const std::vector<uint8_t>& img, image::SectionType type) {
  namespace lo = image::layout;
  for (uint32_t i = 0; i < lo::itoc_entry::kMaxEntries; ++i) {
    const uint32_t off = kBuiltItoc + lo::itoc_header::kSize + i * lo::itoc_entry::kSize;
    const uint32_t t =
        secnic::layout::get(img.data() + off, lo::itoc_entry::kSize, lo::itoc_entry::type);
    if (t == static_cast<uint32_t>(type)) return off;
    if (t == 0xFF) break;
  }
  throw std::runtime_error("no such ITOC entry");
}

inline void fix_entry_crc(std::vector<uint8_t>& img, uint32_t entry_offset) {
  namespace lo = image::layout;
  uint8_t* e = img.data() + entry_offset;
  secnic::layout::set(e, lo::itoc_entry::kSize, lo::itoc_entry::itoc_entry_crc,
                      image::fs3_crc16(e, 7));
}

// Edits one ITOC entry through its layout and re-computes the entry CRC.
inline void edit_entry(std::vector<uint8_t>& img, image::SectionType type,
                       const std::function<void(uint8_t* entry, size_t size)>& edit) {
  const uint32_t off = entry_offset_of(img, type);
  edit(img.data() + off, image::layout::itoc_entry::kSize);
  fix_entry_crc(img, off);
}

inline uint32_t section_offset_of(const std::vector<uint8_t>& img, image::SectionType type) {
  namespace lo = image::layout;
  const uint32_t off = entry_offset_of(img, type);
  return secnic::layout::get(img.data() + off, lo::itoc_entry::kSize,
                             lo::itoc_entry::flash_addr_dwords) *
         4;
}

inline uint32_t section_size_of(const std::vector<uint8_t>& img, image::SectionType type) {
  namespace lo = image::layout;
  const uint32_t off = entry_offset_of(img, type);
  return secnic::layout::get(img.data() + off, lo::itoc_entry::kSize, lo::itoc_entry::size_dwords) *
         4;
}

// Edits a section's bytes and re-computes its CRC (and the entry CRC), so only the content changes.
inline void edit_section(std::vector<uint8_t>& img, image::SectionType type,
                         const std::function<void(std::vector<uint8_t>& section)>& edit) {
  namespace lo = image::layout;
  const uint32_t at = section_offset_of(img, type);
  const uint32_t size = section_size_of(img, type);
  std::vector<uint8_t> s(img.begin() + at, img.begin() + at + size);
  edit(s);
  std::copy(s.begin(), s.end(), img.begin() + at);
  edit_entry(img, type, [&](uint8_t* e, size_t es) {
    secnic::layout::set(e, es, lo::itoc_entry::section_crc,
                        image::fs3_crc16(s.data(), s.size() / 4));
  });
}

}  // namespace secnic::test
