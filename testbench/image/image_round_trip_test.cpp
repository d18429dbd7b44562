// create -> parse -> identical fields, and the layout an image built by build_image() has.
#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_builder.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

using test::build;
using test::small_spec;

TEST(ImageRoundTrip, ParsedFieldsEqualTheSpec) {
  ImageSpec spec = small_spec();
  spec.fw_version = {14, 31, 1014};
  spec.release_date = {2024, 2, 29};
  spec.psid = "MT_0000000123";
  spec.product_version = "rel-14_31_1014";
  spec.description = "round trip";
  spec.name = "NAME";
  spec.prs_name = "x.prs";
  spec.secure_fw = true;
  spec.forbidden_versions = {{14, 20, 1000}, {14, 21, 2}};
  spec.uids = {0x1122334455667788ull, 4, 2, 0xa0b0c0d0e0f0ull, 6, 1};
  auto img = parse_image(build(spec));
  ASSERT_TRUE(img) << img.error().message;
  const ImageInfo& info = img->image_info();
  EXPECT_EQ(info.fw_version, spec.fw_version);
  EXPECT_EQ(info.release_date, spec.release_date);
  EXPECT_EQ(info.psid, spec.psid);
  EXPECT_EQ(info.product_version, spec.product_version);
  EXPECT_EQ(info.description, spec.description);
  EXPECT_EQ(info.name, spec.name);
  EXPECT_EQ(info.prs_name, spec.prs_name);
  EXPECT_EQ(info.supported_hw_ids[0], kConnectX4LxHwId);
  EXPECT_EQ(info.pci_device_id, 0x1015);
  EXPECT_TRUE(info.mcc_en);
  EXPECT_TRUE(info.signed_fw);
  EXPECT_TRUE(info.secure_fw);
  EXPECT_EQ(info.format_minor, 3);
  EXPECT_EQ(img->forbidden_versions(), spec.forbidden_versions);
  ASSERT_TRUE(img->mfg_info());
  EXPECT_EQ(img->mfg_info()->psid, spec.psid);
  EXPECT_EQ(img->mfg_info()->uids.base_guid, spec.uids.base_guid);
  EXPECT_EQ(img->mfg_info()->uids.num_macs, 6);
  ASSERT_TRUE(img->dev_info());
  EXPECT_EQ(img->dev_info()->uids.base_mac, spec.uids.base_mac);
  EXPECT_EQ(img->dev_info()->format_major, 2);
  ASSERT_EQ(img->public_keys().size(), 2u);
  EXPECT_EQ(img->public_keys()[0].uuid, test::uuid(test::kUuidA));
  EXPECT_EQ(img->public_keys()[0].size, crypto::RsaKeySize::k2048);
  EXPECT_EQ(img->public_keys()[0].auth_type, 3);
  EXPECT_TRUE(img->public_keys()[0].fw_en);
  auto key = img->public_keys()[0].to_key();
  ASSERT_TRUE(key);
  EXPECT_TRUE(*key == spec.public_keys[0].key);
  EXPECT_EQ(img->public_keys()[1].size, crypto::RsaKeySize::k4096);
  EXPECT_EQ(img->public_keys()[1].auth_type, 4);
  EXPECT_EQ(img->public_keys()[1].modulus, spec.public_keys[1].key.modulus());
}

TEST(ImageRoundTrip, DefaultProductVersionIsTheFwVersion) {
  auto img = parse_image(build());
  ASSERT_TRUE(img);
  EXPECT_EQ(img->image_info().product_version, "14.22.4020");
}

TEST(ImageRoundTrip, LayoutPutsDeviceDataLastAndFillsGapsWithErasedBytes) {
  const std::vector<uint8_t> bytes = build();
  auto img = parse_image(bytes);
  ASSERT_TRUE(img);
  EXPECT_EQ(img->itoc_offset(), 0x1000u);
  EXPECT_EQ(img->boot2_size(), 0x20u);
  const auto& e = img->entries();
  ASSERT_EQ(e.size(), 10u);
  const SectionType expected[] = {SectionType::kBootCode,          SectionType::kMainCode,
                                  SectionType::kImageInfo,         SectionType::kImageSignature256,
                                  SectionType::kImageSignature512, SectionType::kPublicKeys2048,
                                  SectionType::kPublicKeys4096,    SectionType::kForbiddenVersions,
                                  SectionType::kDevInfo,           SectionType::kMfgInfo};
  uint32_t last_relative_end = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    EXPECT_EQ(e[i].type, expected[i]) << i;
    EXPECT_EQ(e[i].offset % 0x1000, 0u) << i;
    EXPECT_EQ(e[i].device_data, i >= 8) << i;
    EXPECT_EQ(e[i].relative, i < 8) << i;
    if (e[i].relative) last_relative_end = e[i].end();
  }
  EXPECT_EQ(img->data_size(), last_relative_end);
  EXPECT_EQ(bytes.size(), e.back().end());
  EXPECT_EQ(img->find(SectionType::kMfgInfo)->offset - img->find(SectionType::kDevInfo)->offset,
            0x1000u);
  // Between the BOOT2 record and the ITOC, and between sections: erased.
  EXPECT_TRUE(std::all_of(bytes.begin() + 0x58, bytes.begin() + 0x1000,
                          [](uint8_t b) { return b == 0xFF; }));
  const ItocEntry* ii = img->find(SectionType::kImageInfo);
  EXPECT_TRUE(std::all_of(bytes.begin() + ii->end(), bytes.begin() + ii->end() + 0x100,
                          [](uint8_t b) { return b == 0xFF; }));
  EXPECT_EQ(img->image_info().burn_image_size, img->data_size());
}

TEST(ImageRoundTrip, PayloadIsDeterministicAndSizedAsAsked) {
  ImageSpec spec = small_spec();
  spec.payload_size = 0x10004;
  const auto a = build(spec);
  const auto b = build(spec);
  EXPECT_EQ(a, b);
  auto img = parse_image(a);
  ASSERT_TRUE(img);
  EXPECT_EQ(img->find(SectionType::kBootCode)->size + img->find(SectionType::kMainCode)->size,
            0x10004u);
  spec.payload_seed = 1;
  EXPECT_NE(build(spec), a);
}

TEST(ImageRoundTrip, DefaultImageIsAboutOneMebibyte) {
  ImageSpec spec;
  auto img = build_image(spec);
  ASSERT_TRUE(img);
  EXPECT_GT(img->size(), 0x100000u);
  EXPECT_LT(img->size(), 0x120000u);
}

TEST(ImageRoundTrip, TinyPayloadsAndNoPayload) {
  for (uint32_t size : {0u, 4u, 0x1000u}) {
    ImageSpec spec = small_spec();
    spec.payload_size = size;
    auto img = parse_image(build(spec));
    ASSERT_TRUE(img) << size;
    EXPECT_EQ(img->find(SectionType::kMainCode), nullptr);
    EXPECT_EQ(img->find(SectionType::kBootCode) != nullptr, size > 0);
  }
}

TEST(ImageBuilder, RefusesBadSpecs) {
  struct Case {
    const char* what;
    std::function<void(ImageSpec&)> edit;
    ImageErrc code;
  };
  const Case cases[] = {
      {"psid 17", [](ImageSpec& s) { s.psid = "MT_01234567890123"; }, ImageErrc::kFieldTooLong},
      {"empty psid", [](ImageSpec& s) { s.psid = ""; }, ImageErrc::kBadArgument},
      {"product version 16", [](ImageSpec& s) { s.product_version = std::string(16, 'v'); },
       ImageErrc::kFieldTooLong},
      {"description", [](ImageSpec& s) { s.description = std::string(256, 'd'); },
       ImageErrc::kFieldTooLong},
      {"name", [](ImageSpec& s) { s.name = std::string(64, 'n'); }, ImageErrc::kFieldTooLong},
      {"prs", [](ImageSpec& s) { s.prs_name = std::string(128, 'p'); }, ImageErrc::kFieldTooLong},
      {"nul", [](ImageSpec& s) { s.name = std::string("a\0b", 3); }, ImageErrc::kBadArgument},
      {"payload not dwords", [](ImageSpec& s) { s.payload_size = 5; }, ImageErrc::kBadArgument},
      {"payload too big", [](ImageSpec& s) { s.payload_size = kMaxImageSize; },
       ImageErrc::kImageTooLarge},
      {"too many forbidden",
       [](ImageSpec& s) {
         s.forbidden_versions.assign(61, FwVersion{1, 2, 3});
       },
       ImageErrc::kBadArgument},
      {"forbidden not packable",
       [](ImageSpec& s) {
         s.forbidden_versions = {FwVersion{300, 1, 1}};
       },
       ImageErrc::kBadArgument},
      {"too many keys",
       [](ImageSpec& s) {
         const PublicKeyRecord k = s.public_keys[0];
         s.public_keys.assign(9, k);
       },
       ImageErrc::kBadArgument},
  };
  for (const Case& c : cases) {
    ImageSpec spec = small_spec();
    c.edit(spec);
    auto img = build_image(spec);
    ASSERT_FALSE(img) << c.what;
    EXPECT_EQ(img.error().code, c.code) << c.what << ": " << img.error().message;
    EXPECT_FALSE(img.error().message.empty());
  }
  ImageSpec largest = small_spec();
  largest.payload_size = kMaxImageSize - 0x20000;
  EXPECT_TRUE(build_image(largest));
}

TEST(ImageExtent, FromAPrefixHoldingTheItoc) {
  const auto bytes = build();
  auto extent = image_extent(bytes.data(), 0x2000);
  ASSERT_TRUE(extent);
  EXPECT_EQ(*extent, bytes.size());
  EXPECT_FALSE(image_extent(bytes.data(), 0x1010));  // ITOC cut off
  std::vector<uint8_t> erased(0x2000, 0xFF);
  EXPECT_FALSE(image_extent(erased.data(), erased.size()));
}

}  // namespace
}  // namespace secnic::image
