#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "firmware_model/crypto/digest.h"
#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/crypto/rsa_signature.h"

namespace secnic::crypto {
namespace {

std::string path(const std::string& name) { return std::string(SECNIC_TEST_KEYS_DIR) + "/" + name; }

std::string read(const std::string& name) {
  std::ifstream in(path(name));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string hex(const std::vector<uint8_t>& v) {
  static const char* k = "0123456789abcdef";
  std::string s;
  for (uint8_t b : v) {
    s.push_back(k[b >> 4]);
    s.push_back(k[b & 15]);
  }
  return s;
}

TEST(KeyUuid, ParsesTheFormsMstflintAccepts) {
  const auto expected = KeyUuid::parse("5e3e8a301b2c4d5e8f90a1b2c3d4e5f6");
  ASSERT_TRUE(expected);
  for (const char* text :
       {"5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6", "5E3E8A30:1B2C:4D5E:8F90:A1B2C3D4E5F6",
        " 5e3e8a30 1b2c4d5e 8f90a1b2 c3d4e5f6 ", "5e-3e-8a-30-1b2c4d5e8f90a1b2c3d4e5f6"}) {
    auto u = KeyUuid::parse(text);
    ASSERT_TRUE(u) << text;
    EXPECT_EQ(*u, *expected) << text;
  }
  EXPECT_EQ(expected->to_string(), "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6");
  EXPECT_EQ(expected->bytes()[0], 0x5e);
  EXPECT_EQ(expected->bytes()[15], 0xf6);
  EXPECT_FALSE(expected->is_zero());
  EXPECT_TRUE(KeyUuid{}.is_zero());
}

TEST(KeyUuid, RefusesBadText) {
  for (const char* bad :
       {"", "5e3e8a30", "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f",
        "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6a", "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5fg",
        "{5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6}"}) {
    auto u = KeyUuid::parse(bad);
    ASSERT_FALSE(u) << bad;
    EXPECT_EQ(u.error().code, ErrorCode::kBadUuid);
    EXPECT_FALSE(u.error().message.empty());
  }
}

TEST(Digest, KnownAnswers) {
  const std::string abc = "abc";
  const auto* p = reinterpret_cast<const uint8_t*>(abc.data());
  EXPECT_EQ(hex(sha256(p, 3)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      hex(sha512(p, 3)),
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c2"
      "3a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  DigestStream stream(DigestKind::kSha256);
  stream.update(p, 1);
  stream.update(p + 1, 2);
  EXPECT_EQ(stream.finish(), sha256(p, 3));
  stream.update(p, 3);  // starts over after finish()
  EXPECT_EQ(stream.finish(), sha256(p, 3));
}

TEST(RsaKeys, LoadsEveryPemFormOfTheSameKey) {
  auto priv = RsaPrivateKey::load_pem_file(path("rsa2048_a.pem"));
  ASSERT_TRUE(priv) << priv.error().message;
  auto spki = RsaPublicKey::load_pem_file(path("rsa2048_a.pub.pem"));
  auto pkcs1 = RsaPublicKey::load_pem_file(path("rsa2048_a.pkcs1.pub.pem"));
  auto from_private = RsaPublicKey::load_pem_file(path("rsa2048_a.pem"));
  ASSERT_TRUE(spki && pkcs1 && from_private);
  EXPECT_TRUE(*spki == priv->public_key());
  EXPECT_TRUE(*pkcs1 == *spki);
  EXPECT_TRUE(*from_private == *spki);
  EXPECT_EQ(spki->size(), RsaKeySize::k2048);
  EXPECT_EQ(spki->modulus().size(), 256u);
  EXPECT_EQ(spki->exponent(), 65537u);
  auto traditional = RsaPrivateKey::load_pem_file(path("rsa2048_b.traditional.pem"));
  ASSERT_TRUE(traditional);
  EXPECT_TRUE(traditional->public_key() == *RsaPublicKey::load_pem_file(path("rsa2048_b.pub.pem")));
  auto big = RsaPrivateKey::load_pem_file(path("rsa4096.pem"));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->size(), RsaKeySize::k4096);
  EXPECT_EQ(big->public_key().modulus().size(), 512u);
}

TEST(RsaKeys, ErrorsAreValues) {
  EXPECT_EQ(RsaPrivateKey::load_pem_file(path("missing.pem")).error().code, ErrorCode::kIo);
  EXPECT_EQ(RsaPrivateKey::from_pem("not a key").error().code, ErrorCode::kBadPem);
  EXPECT_EQ(RsaPublicKey::from_pem("").error().code, ErrorCode::kBadPem);
  EXPECT_EQ(RsaPrivateKey::from_pem(read("ec256.pem")).error().code, ErrorCode::kNotRsa);
  EXPECT_EQ(RsaPrivateKey::from_pem(read("rsa2048_a.pub.pem")).error().code,
            ErrorCode::kNoPrivateKey);
  auto small = RsaPrivateKey::from_pem(read("rsa1024.pem"));
  ASSERT_FALSE(small);
  EXPECT_EQ(small.error().code, ErrorCode::kUnsupportedKeySize);
  EXPECT_NE(small.error().message.find("1024"), std::string::npos);
  auto file_err = RsaPublicKey::load_pem_file(path("rsa1024.pem"));
  ASSERT_FALSE(file_err);
  EXPECT_NE(file_err.error().message.find("rsa1024.pem"), std::string::npos);
  // A PEM with a damaged body.
  std::string broken = read("rsa2048_a.pem");
  broken[100] = broken[100] == 'A' ? 'B' : 'A';
  broken[101] = '*';
  EXPECT_FALSE(RsaPrivateKey::from_pem(broken));
}

TEST(RsaKeys, ComponentsRoundTrip) {
  for (const char* name : {"rsa2048_a.pub.pem", "rsa4096.pub.pem"}) {
    auto key = RsaPublicKey::load_pem_file(path(name));
    ASSERT_TRUE(key);
    auto rebuilt = RsaPublicKey::from_components(key->modulus(), key->exponent());
    ASSERT_TRUE(rebuilt) << rebuilt.error().message;
    EXPECT_TRUE(*rebuilt == *key);
    auto reparsed = RsaPublicKey::from_pem(rebuilt->to_pem());
    ASSERT_TRUE(reparsed);
    EXPECT_TRUE(*reparsed == *key);
  }
}

TEST(RsaKeys, BadComponentsAreRefused) {
  auto key = RsaPublicKey::load_pem_file(path("rsa2048_a.pub.pem"));
  ASSERT_TRUE(key);
  EXPECT_EQ(RsaPublicKey::from_components(key->modulus(), 0).error().code,
            ErrorCode::kBadKeyMaterial);
  EXPECT_EQ(RsaPublicKey::from_components(key->modulus(), 65536).error().code,
            ErrorCode::kBadKeyMaterial);
  EXPECT_EQ(RsaPublicKey::from_components({}, 65537).error().code, ErrorCode::kBadKeyMaterial);
  std::vector<uint8_t> even = key->modulus();
  even.back() &= 0xFE;
  EXPECT_EQ(RsaPublicKey::from_components(even, 65537).error().code, ErrorCode::kBadKeyMaterial);
  std::vector<uint8_t> short_mod(key->modulus().begin() + 1, key->modulus().end());
  EXPECT_EQ(RsaPublicKey::from_components(short_mod, 65537).error().code,
            ErrorCode::kUnsupportedKeySize);
  EXPECT_EQ(RsaPublicKey::from_components(std::vector<uint8_t>(256, 0), 65537).error().code,
            ErrorCode::kUnsupportedKeySize);
}

class RsaSignatures : public ::testing::TestWithParam<const char*> {};

TEST_P(RsaSignatures, SignVerifyTamperWrongKey) {
  auto key = RsaPrivateKey::load_pem_file(path(GetParam()));
  ASSERT_TRUE(key);
  const std::vector<uint8_t> data(5000, 0x42);
  auto sig = rsa_sign(*key, data.data(), data.size());
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->size(), modulus_bytes(key->size()));
  EXPECT_EQ(*rsa_verify(key->public_key(), data.data(), data.size(), *sig), SignatureCheck::kValid);
  auto tampered = data;
  tampered[10] ^= 1;
  EXPECT_EQ(*rsa_verify(key->public_key(), tampered.data(), tampered.size(), *sig),
            SignatureCheck::kDigestMismatch);
  auto corrupt = *sig;
  corrupt[7] ^= 1;
  EXPECT_EQ(*rsa_verify(key->public_key(), data.data(), data.size(), corrupt),
            SignatureCheck::kUndecodable);
  auto short_sig = *sig;
  short_sig.pop_back();
  EXPECT_EQ(rsa_verify(key->public_key(), data.data(), data.size(), short_sig).error().code,
            ErrorCode::kBadSignatureLength);
  // PKCS#1 v1.5 is deterministic: signing the same digest twice gives the same bytes.
  EXPECT_EQ(*rsa_sign_digest(*key, digest(digest_for(key->size()), data.data(), data.size())),
            *sig);
}

INSTANTIATE_TEST_SUITE_P(Keys, RsaSignatures, ::testing::Values("rsa2048_a.pem", "rsa4096.pem"));

TEST(RsaSignaturesOther, AnotherKeyCannotDecode) {
  auto a = RsaPrivateKey::load_pem_file(path("rsa2048_a.pem"));
  auto b = RsaPublicKey::load_pem_file(path("rsa2048_b.pub.pem"));
  const std::vector<uint8_t> data(64, 1);
  auto sig = rsa_sign(*a, data.data(), data.size());
  EXPECT_EQ(*rsa_verify(*b, data.data(), data.size(), *sig), SignatureCheck::kUndecodable);
  EXPECT_EQ(rsa_sign_digest(*a, std::vector<uint8_t>(64, 0)).error().code,
            ErrorCode::kBadSignatureLength);
}

}  // namespace
}  // namespace secnic::crypto
