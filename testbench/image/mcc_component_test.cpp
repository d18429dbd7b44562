// Image <-> MCC component conversions (B.6.5) and what the card does with a received component.
#include "firmware_model/image/mcc_component.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/signed_range.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

namespace lo = layout;

std::vector<uint8_t> signed_image() {
  auto bytes = test::build();
  auto r = sign_image(bytes, test::private_key("rsa2048_a.pem"), test::uuid(test::kUuidA));
  if (!r) throw std::runtime_error(r.error().message);
  return bytes;
}

TEST(MccComponent, IsTheImageUpToDataSizeWithMagicAndDeviceEntriesMasked) {
  const auto bytes = signed_image();
  auto img = parse_image(bytes);
  ASSERT_TRUE(img);
  const auto component = make_component(*img);
  ASSERT_EQ(component.size(), img->data_size());
  EXPECT_LT(component.size(), bytes.size());  // device data sections are not sent
  std::vector<uint8_t> expected(bytes.begin(), bytes.begin() + img->data_size());
  std::fill(expected.begin(), expected.begin() + 16, 0xFF);
  for (const auto& e : img->entries()) {
    if (e.device_data) {
      std::fill(expected.begin() + e.entry_offset,
                expected.begin() + e.entry_offset + lo::itoc_entry::kSize, 0xFF);
    }
  }
  EXPECT_EQ(component, expected);
}

TEST(MccComponent, ParsesDirectlyAndStopsWhereTheDeviceDataWas) {
  auto img = parse_image(signed_image());
  ASSERT_TRUE(img);
  auto component = parse_component(make_component(*img));
  ASSERT_TRUE(component) << component.error().message;
  EXPECT_TRUE(component->magic_masked());
  EXPECT_EQ(component->form(), ImageForm::kComponent);
  EXPECT_EQ(component->find(SectionType::kMfgInfo), nullptr);
  EXPECT_EQ(component->find(SectionType::kDevInfo), nullptr);
  EXPECT_EQ(component->image_info().fw_version, img->image_info().fw_version);
  EXPECT_EQ(component->data_size(), img->data_size());
}

TEST(MccComponent, SignatureVerifiesOnTheComponentAndOnTheRestoredFlashImage) {
  const std::vector<TrustedKey> trusted = {
      {test::uuid(test::kUuidA), test::public_key("rsa2048_a.pub.pem")}};
  auto img = parse_image(signed_image());
  ASSERT_TRUE(img);
  const auto component_bytes = make_component(*img);
  auto component = parse_component(component_bytes);
  ASSERT_TRUE(component);
  EXPECT_EQ(verify_signature(*component, trusted).outcome, VerifyOutcome::kOk);
  EXPECT_EQ(signed_bytes(*component, crypto::DigestKind::kSha256),
            signed_bytes(*img, crypto::DigestKind::kSha256));

  auto flash = component_to_flash_image(component_bytes);
  ASSERT_TRUE(flash);
  EXPECT_TRUE(std::equal(lo::header::kMagic.begin(), lo::header::kMagic.end(), flash->begin()));
  auto slot = parse_image(*flash, {ImageForm::kFlashSlot});
  ASSERT_TRUE(slot) << slot.error().message;
  EXPECT_FALSE(slot->magic_masked());
  EXPECT_EQ(verify_signature(*slot, trusted).outcome, VerifyOutcome::kOk);
  EXPECT_EQ(slot->image_info().psid, img->image_info().psid);
  // And the round trip: the slot image yields the same component again.
  EXPECT_EQ(make_component(*slot), component_bytes);
}

TEST(MccComponent, ARestoredComponentWithTrailingErasedFlashStillParses) {
  auto img = parse_image(signed_image());
  ASSERT_TRUE(img);
  auto flash = component_to_flash_image(make_component(*img));
  ASSERT_TRUE(flash);
  flash->resize(flash->size() + 0x10000, 0xFF);  // the rest of the slot, erased
  auto slot = parse_image(*flash, {ImageForm::kFlashSlot});
  ASSERT_TRUE(slot);
  EXPECT_EQ(slot->data_size(), img->data_size());
}

TEST(MccComponent, ComponentToFlashImageRefusesBadInput) {
  EXPECT_EQ(component_to_flash_image(std::vector<uint8_t>(8, 0xFF)).error().code,
            ImageErrc::kTruncated);
  EXPECT_EQ(component_to_flash_image(std::vector<uint8_t>(0x41, 0xFF)).error().code,
            ImageErrc::kNotDwordAligned);
  std::vector<uint8_t> junk(0x40, 0xFF);
  junk[5] = 0;
  EXPECT_EQ(component_to_flash_image(junk).error().code, ImageErrc::kNoMagic);
  // A component that arrives with its magic unmasked is accepted as is.
  auto img = parse_image(signed_image());
  auto unmasked = make_component(*img);
  std::copy(lo::header::kMagic.begin(), lo::header::kMagic.end(), unmasked.begin());
  EXPECT_TRUE(component_to_flash_image(unmasked));
}

TEST(MccComponent, TamperedComponentFailsVerification) {
  auto img = parse_image(signed_image());
  auto bytes = make_component(*img);
  test::edit_section(bytes, SectionType::kMainCode, [](auto& s) { s[17] ^= 1; });
  auto component = parse_component(bytes);
  ASSERT_TRUE(component);
  EXPECT_EQ(verify_signature(*component,
                             {{test::uuid(test::kUuidA), test::public_key("rsa2048_a.pub.pem")}})
                .outcome,
            VerifyOutcome::kDigestMismatch);
}

}  // namespace
}  // namespace secnic::image
