// The signed byte range (B.6.5 / B.7) and its masks.
#include "firmware_model/image/signed_range.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_model/image/image_layouts.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

namespace lo = layout;

bool all_ff(const std::vector<uint8_t>& v, uint32_t begin, uint32_t len) {
  return std::all_of(v.begin() + begin, v.begin() + begin + len,
                     [](uint8_t b) { return b == 0xFF; });
}

TEST(SignedRange, Sha256MasksMagicDeviceDataEntriesAndTheSignature256) {
  const auto bytes = test::build();
  auto img = parse_image(bytes);
  ASSERT_TRUE(img);
  const auto range = signed_bytes(*img, crypto::DigestKind::kSha256);
  ASSERT_EQ(range.size(), img->data_size());
  std::vector<uint8_t> expected(bytes.begin(), bytes.begin() + img->data_size());
  std::fill(expected.begin(), expected.begin() + 16, 0xFF);
  for (const auto& e : img->entries()) {
    const bool dev = e.device_data;
    const bool sig = e.type == SectionType::kImageSignature256;
    if (dev || sig) {
      std::fill(expected.begin() + e.entry_offset,
                expected.begin() + e.entry_offset + lo::itoc_entry::kSize, 0xFF);
    }
    if (sig) std::fill(expected.begin() + e.offset, expected.begin() + e.end(), 0xFF);
  }
  EXPECT_EQ(range, expected);
  // The 512 signature section is covered by SHA-256 (mstflint's two-key order relies on it).
  const ItocEntry* s512 = img->find(SectionType::kImageSignature512);
  EXPECT_FALSE(all_ff(range, s512->entry_offset, lo::itoc_entry::kSize));
  EXPECT_TRUE(all_ff(range, 0, 16));
}

TEST(SignedRange, Sha512AlsoMasksTheSignature512) {
  auto img = parse_image(test::build());
  ASSERT_TRUE(img);
  const auto r512 = signed_bytes(*img, crypto::DigestKind::kSha512);
  const auto r256 = signed_bytes(*img, crypto::DigestKind::kSha256);
  const ItocEntry* s512 = img->find(SectionType::kImageSignature512);
  EXPECT_TRUE(all_ff(r512, s512->entry_offset, lo::itoc_entry::kSize));
  EXPECT_TRUE(all_ff(r512, s512->offset, s512->size));
  const ItocEntry* s256 = img->find(SectionType::kImageSignature256);
  EXPECT_TRUE(all_ff(r512, s256->offset, s256->size));
  auto expected = r256;
  std::fill(expected.begin() + s512->entry_offset,
            expected.begin() + s512->entry_offset + lo::itoc_entry::kSize, 0xFF);
  std::fill(expected.begin() + s512->offset, expected.begin() + s512->end(), 0xFF);
  EXPECT_EQ(r512, expected);
}

TEST(SignedRange, FileGapsCountAsErasedButComponentsAreHashedAsStored) {
  auto bytes = test::build();
  bytes[0x800] = 0x12;  // a gap between BOOT2 and the ITOC that no parser reads
  auto file = parse_image(bytes);
  ASSERT_TRUE(file);
  EXPECT_EQ(signed_bytes(*file, crypto::DigestKind::kSha256)[0x800], 0xFF);
  auto slot = parse_image(bytes, {ImageForm::kFlashSlot});
  ASSERT_TRUE(slot);
  EXPECT_EQ(signed_bytes(*slot, crypto::DigestKind::kSha256)[0x800], 0x12);
}

TEST(SignedRange, ChangesWhenCoveredBytesChangeAndNotWhenMaskedOnesDo) {
  const auto bytes = test::build();
  auto base = parse_image(bytes);
  ASSERT_TRUE(base);
  const auto d0 = signed_digest(*base, crypto::DigestKind::kSha256);
  // Device data (MFG_INFO) lies beyond the signed range: changing it keeps the digest.
  auto dev = bytes;
  test::edit_section(dev, SectionType::kMfgInfo, [](auto& s) { s[0x28] ^= 1; });
  EXPECT_EQ(signed_digest(*parse_image(dev), crypto::DigestKind::kSha256), d0);
  // The signature section content is masked.
  auto sig = bytes;
  test::edit_section(sig, SectionType::kImageSignature256, [](auto& s) { s[0x30] = 7; });
  EXPECT_EQ(signed_digest(*parse_image(sig), crypto::DigestKind::kSha256), d0);
  // Code is covered.
  auto code = bytes;
  test::edit_section(code, SectionType::kMainCode, [](auto& s) { s[3] ^= 1; });
  EXPECT_NE(signed_digest(*parse_image(code), crypto::DigestKind::kSha256), d0);
}

}  // namespace
}  // namespace secnic::image
