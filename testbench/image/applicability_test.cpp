#include "firmware_model/image/applicability.h"

#include <gtest/gtest.h>

#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/section_editor.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

Fs3Image parsed(const ImageSpec& spec) {
  auto img = parse_image(test::build(spec));
  if (!img) throw std::runtime_error(img.error().message);
  return *img;
}

TEST(Applicability, PsidAndHardwareId) {
  const Fs3Image img = parsed(test::small_spec());
  EXPECT_EQ(check_applicability(img, "MT_2420110034").result, Applicability::kApplicable);
  const auto other = check_applicability(img, "MT_0000000001");
  EXPECT_EQ(other.result, Applicability::kPsidMismatch);
  EXPECT_NE(other.message.find("MT_0000000001"), std::string::npos);
  EXPECT_EQ(check_applicability(img, "MT_2420110034", 0x209).result, Applicability::kHwIdMismatch);
  // Compared as the tool compares: 16 bytes, up to a NUL.
  EXPECT_EQ(check_applicability(img, std::string("MT_2420110034\0junk", 18)).result,
            Applicability::kApplicable);
}

TEST(ForbiddenVersions, CardListAndTheImagesOwnList) {
  ImageSpec spec = test::small_spec();
  spec.fw_version = {14, 22, 4020};
  spec.forbidden_versions = {{14, 20, 1000}};
  const Fs3Image img = parsed(spec);
  EXPECT_TRUE(check_version_allowed(img, {}).allowed);
  EXPECT_TRUE(check_version_allowed(img, {{14, 21, 1}, {14, 22, 4019}}).allowed);
  const auto refused = check_version_allowed(img, {{14, 22, 4020}});
  EXPECT_FALSE(refused.allowed);
  EXPECT_NE(refused.message.find("14.22.4020"), std::string::npos);
  spec.forbidden_versions = {{14, 22, 4020}};
  EXPECT_FALSE(check_version_allowed(parsed(spec), {}).allowed);
}

TEST(ForbiddenVersions, EncodeDecodeAndAllZeroSection) {
  const std::vector<FwVersion> list = {{14, 1, 2}, {255, 255, 65535}};
  auto bytes = encode_forbidden_versions(list);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->size(), layout::forbidden_versions::kSize);
  EXPECT_EQ((*bytes)[0], 1);  // layout version in the top byte
  auto back = decode_forbidden_versions(*bytes);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, list);
  auto empty = decode_forbidden_versions(std::vector<uint8_t>(0x100, 0));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_FALSE(decode_forbidden_versions(std::vector<uint8_t>(8, 1)));
}

}  // namespace
}  // namespace secnic::image
