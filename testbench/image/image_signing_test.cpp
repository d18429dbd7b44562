// sign / verify outcomes with RSA-2048 and RSA-4096 keys.
#include "firmware_model/image/image_signing.h"

#include <gtest/gtest.h>

#include "firmware_model/crypto/rsa_signature.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/signed_range.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

using test::uuid;

struct Keys {
  crypto::RsaPrivateKey a = test::private_key("rsa2048_a.pem");
  crypto::RsaPrivateKey b = test::private_key("rsa2048_b.pem");
  crypto::RsaPrivateKey k4096 = test::private_key("rsa4096.pem");
};

const Keys& keys() {
  static const Keys k;
  return k;
}

std::vector<TrustedKey> trusted_a_and_4096() {
  return {{uuid(test::kUuidA), keys().a.public_key()},
          {uuid(test::kUuid4096), keys().k4096.public_key()}};
}

Fs3Image parsed(const std::vector<uint8_t>& bytes) {
  auto img = parse_image(bytes);
  if (!img) throw std::runtime_error(img.error().message);
  return *img;
}

std::vector<uint8_t> signed_with(const crypto::RsaPrivateKey& key, const char* id) {
  auto bytes = test::build();
  auto r = sign_image(bytes, key, uuid(id));
  if (!r) throw std::runtime_error(r.error().message);
  return bytes;
}

TEST(ImageSigning, Rsa2048SignatureVerifies) {
  const auto bytes = signed_with(keys().a, test::kUuidA);
  const Fs3Image img = parsed(bytes);
  ASSERT_TRUE(img.signature(crypto::DigestKind::kSha256));
  EXPECT_EQ(img.signature(crypto::DigestKind::kSha256)->keypair_uuid, uuid(test::kUuidA));
  const Verification v = verify_signature(img, trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kOk) << v.message;
  EXPECT_EQ(v.digest_kind, crypto::DigestKind::kSha256);
  EXPECT_EQ(v.key_uuid, uuid(test::kUuidA));
  // The stored bytes are a plain PKCS#1 v1.5 signature over the documented range.
  auto check = crypto::rsa_verify(
      keys().a.public_key(), signed_bytes(img, crypto::DigestKind::kSha256).data(), img.data_size(),
      img.signature(crypto::DigestKind::kSha256)->signature);
  ASSERT_TRUE(check);
  EXPECT_EQ(*check, crypto::SignatureCheck::kValid);
}

TEST(ImageSigning, Rsa4096SignatureVerifiesAndClearsThe256Section) {
  auto bytes = signed_with(keys().a, test::kUuidA);                     // first a 2048 signature...
  ASSERT_TRUE(sign_image(bytes, keys().k4096, uuid(test::kUuid4096)));  // ...then re-sign 4096
  const Fs3Image img = parsed(bytes);
  EXPECT_FALSE(img.signature(crypto::DigestKind::kSha256)->rsa_signed());
  EXPECT_TRUE(img.signature(crypto::DigestKind::kSha512)->rsa_signed());
  EXPECT_EQ(img.signature(crypto::DigestKind::kSha512)->signature.size(), 512u);
  const Verification v = verify_signature(img, trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kOk) << v.message;
  EXPECT_EQ(v.digest_kind, crypto::DigestKind::kSha512);
}

TEST(ImageSigning, Rsa2048ClearsThe512Section) {
  auto bytes = signed_with(keys().k4096, test::kUuid4096);
  ASSERT_TRUE(sign_image(bytes, keys().a, uuid(test::kUuidA)));
  const Fs3Image img = parsed(bytes);
  EXPECT_FALSE(img.signature(crypto::DigestKind::kSha512)->rsa_signed());
  EXPECT_EQ(verify_signature(img, trusted_a_and_4096()).outcome, VerifyOutcome::kOk);
}

TEST(ImageSigning, UnsignedOutcomes) {
  const Fs3Image empty = parsed(test::build());
  Verification v = verify_signature(empty, trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kUnsigned);
  EXPECT_FALSE(v.bare_digest_matches);

  auto digest_only = test::build();
  ASSERT_TRUE(insert_digest(digest_only));
  v = verify_signature(parsed(digest_only), trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kUnsigned);
  ASSERT_TRUE(v.bare_digest_matches);
  EXPECT_TRUE(*v.bare_digest_matches);
  test::edit_section(digest_only, SectionType::kMainCode, [](auto& s) { s[0] ^= 1; });
  v = verify_signature(parsed(digest_only), trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kUnsigned);
  EXPECT_FALSE(*v.bare_digest_matches);

  auto no_section = test::build();
  test::edit_entry(no_section, SectionType::kImageSignature256, [](uint8_t* e, size_t n) {
    secnic::layout::set(e, n, layout::itoc_entry::type, 0x03);
  });
  test::edit_entry(no_section, SectionType::kImageSignature512, [](uint8_t* e, size_t n) {
    secnic::layout::set(e, n, layout::itoc_entry::type, 0x03);
  });
  v = verify_signature(parsed(no_section), trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kUnsigned);
  EXPECT_NE(v.message.find("no IMAGE_SIGNATURE"), std::string::npos);
}

TEST(ImageSigning, UnknownKeyWhenTheUuidIsNotTrusted) {
  const Fs3Image img = parsed(signed_with(keys().b, test::kUuidB));
  const Verification v = verify_signature(img, trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kUnknownKey);
  EXPECT_EQ(v.key_uuid, uuid(test::kUuidB));
  EXPECT_EQ(verify_signature(img, {}).outcome, VerifyOutcome::kUnknownKey);
}

TEST(ImageSigning, TamperedImageIsADigestMismatch) {
  auto bytes = signed_with(keys().a, test::kUuidA);
  test::edit_section(bytes, SectionType::kMainCode, [](auto& s) { s[100] ^= 0x40; });
  const Verification v = verify_signature(parsed(bytes), trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kDigestMismatch);
  EXPECT_NE(v.message.find("Digest in the signature is wrong"), std::string::npos) << v.message;
  EXPECT_EQ(v.mismatch, SignatureMismatch::kDigestDiffers);
}

TEST(ImageSigning, TamperedImageInfoIsADigestMismatch4096) {
  auto bytes = signed_with(keys().k4096, test::kUuid4096);
  test::edit_section(bytes, SectionType::kImageInfo, [](auto& s) {
    secnic::layout::set(s, layout::image_info::fw_version_subminor, 9999);
  });
  EXPECT_EQ(verify_signature(parsed(bytes), trusted_a_and_4096()).outcome,
            VerifyOutcome::kDigestMismatch);
}

TEST(ImageSigning, WrongKeyUnderATrustedUuidIsADigestMismatch) {
  const Fs3Image img = parsed(signed_with(keys().b, test::kUuidA));  // B's key, A's UUID
  const Verification v = verify_signature(img, trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kDigestMismatch);
  EXPECT_NE(v.message.find("does not decode"), std::string::npos) << v.message;
  EXPECT_EQ(v.mismatch, SignatureMismatch::kUndecodable);
}

TEST(ImageSigning, TrustedKeyOfTheWrongSizeIsADigestMismatch) {
  const Fs3Image img = parsed(signed_with(keys().a, test::kUuidA));
  const Verification v = verify_signature(img, {{uuid(test::kUuidA), keys().k4096.public_key()}});
  EXPECT_EQ(v.outcome, VerifyOutcome::kDigestMismatch);
  EXPECT_NE(v.message.find("RSA-4096"), std::string::npos) << v.message;
  EXPECT_EQ(v.mismatch, SignatureMismatch::kWrongKeySize);
}

TEST(ImageSigning, CodeOutsideTheSignedRangeIsBadFormat) {
  auto bytes = signed_with(keys().a, test::kUuidA);
  // Turn the DEV_INFO entry (beyond the signed range) into a non-device-data code section.
  test::edit_entry(bytes, SectionType::kDevInfo, [](uint8_t* e, size_t n) {
    secnic::layout::set(e, n, layout::itoc_entry::device_data, 0);
    secnic::layout::set(e, n, layout::itoc_entry::type, 0x03);
  });
  const Verification v = verify_signature(parsed(bytes), trusted_a_and_4096());
  EXPECT_EQ(v.outcome, VerifyOutcome::kBadFormat);
}

TEST(ImageSigning, SigningNeedsTheSectionAndANonZeroUuid) {
  auto bytes = test::build();
  test::edit_entry(bytes, SectionType::kImageSignature512, [](uint8_t* e, size_t n) {
    secnic::layout::set(e, n, layout::itoc_entry::type, 0x03);
  });
  auto r = sign_image(bytes, keys().k4096, uuid(test::kUuid4096));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ImageErrc::kMissingSection);
  EXPECT_NE(r.error().message.find("IMAGE_SIGNATURE_512 (163) not found"), std::string::npos);
  auto zero = sign_image(bytes, keys().a, crypto::KeyUuid{});
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code, ImageErrc::kBadArgument);
  auto broken = bytes;
  broken[0] = 0;
  EXPECT_EQ(sign_image(broken, keys().a, uuid(test::kUuidA)).error().code, ImageErrc::kNoMagic);
}

TEST(ImageSigning, SigningKeepsEverythingButTheSignatureSections) {
  const auto before = test::build();
  auto after = before;
  ASSERT_TRUE(sign_image(after, keys().a, uuid(test::kUuidA)));
  const Fs3Image a = parsed(before);
  const Fs3Image b = parsed(after);
  ASSERT_EQ(a.entries().size(), b.entries().size());
  for (size_t i = 0; i < a.entries().size(); ++i) {
    if (a.entries()[i].type == SectionType::kImageSignature256) continue;
    EXPECT_EQ(a.section_bytes(a.entries()[i]), b.section_bytes(b.entries()[i])) << i;
  }
  EXPECT_EQ(signed_bytes(a, crypto::DigestKind::kSha256),
            signed_bytes(b, crypto::DigestKind::kSha256));
}

TEST(ImageSigning, EmbeddedKeysAreTheImagesPublicKeys) {
  const Fs3Image img = parsed(signed_with(keys().a, test::kUuidA));
  const auto embedded = embedded_keys(img);
  ASSERT_EQ(embedded.size(), 2u);
  EXPECT_EQ(embedded[0].uuid, uuid(test::kUuidA));
  EXPECT_TRUE(embedded[0].key == keys().a.public_key());
  EXPECT_EQ(verify_signature(img, embedded).outcome, VerifyOutcome::kOk);
}

TEST(ImageSigning, OutcomesHaveStableNames) {
  EXPECT_STREQ(to_string(VerifyOutcome::kOk), "ok");
  EXPECT_STREQ(to_string(VerifyOutcome::kDigestMismatch), "digest-mismatch");
  EXPECT_STREQ(to_string(VerifyOutcome::kUnknownKey), "unknown-key");
  EXPECT_STREQ(to_string(VerifyOutcome::kUnsigned), "unsigned");
  EXPECT_STREQ(to_string(VerifyOutcome::kBadFormat), "bad-format");
}

}  // namespace
}  // namespace secnic::image
