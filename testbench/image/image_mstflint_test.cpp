// End-to-end: the real Debian mstflint 4.21 (and openssl) against images built, signed and checked
// by the image library. Skipped only when mstflint is not installed.
#include <gtest/gtest.h>

#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/section_editor.h"
#include "firmware_model/image/signed_range.h"
#include "testbench/image/image_e2e_support.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

using secnic::testing::run_process;
using test::contains;

class Mstflint : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!secnic::testing::have_program("mstflint")) GTEST_SKIP() << "mstflint is not installed";
  }
  secnic::testing::ProcessResult mstflint(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"mstflint"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, std::chrono::seconds(60));
  }
  std::string write(const std::string& name, const std::vector<uint8_t>& bytes) {
    const std::string path = m_dir.file(name);
    test::write_bytes(path, bytes);
    return path;
  }
  secnic::testing::TempDir m_dir{"secnic-image-e2e"};
};

std::vector<uint8_t> signed_image(const ImageSpec& spec, const char* key, const char* id) {
  auto bytes = test::build(spec);
  auto r = sign_image(bytes, test::private_key(key), test::uuid(id));
  if (!r) throw std::runtime_error(r.error().message);
  return bytes;
}

TEST_F(Mstflint, QueryPrintsOurVersionPsidAndSignedFw) {
  ImageSpec spec;  // the default ~1 MiB image
  spec.public_keys = test::small_spec().public_keys;
  spec.fw_version = {14, 32, 1010};
  spec.psid = "MT_0000000008";
  spec.release_date = {2026, 3, 7};
  spec.product_version = "rel-14_32_1010";
  const std::string img = write("q.bin", signed_image(spec, "rsa2048_a.pem", test::kUuidA));
  const auto q = mstflint({"-i", img, "q"});
  ASSERT_EQ(q.exit_code, 0) << q.output;
  EXPECT_TRUE(contains(q.output, "Image type:            FS3")) << q.output;
  EXPECT_TRUE(contains(q.output, "FW Version:            14.32.1010")) << q.output;
  EXPECT_TRUE(contains(q.output, "FW Release Date:       7.3.2026")) << q.output;
  EXPECT_TRUE(contains(q.output, "Product Version:       rel-14_32_1010")) << q.output;
  EXPECT_TRUE(contains(q.output, "PSID:                  MT_0000000008")) << q.output;
  EXPECT_TRUE(contains(q.output, "Security Attributes:   signed-fw")) << q.output;
  EXPECT_TRUE(contains(q.output, "Base GUID:             248a070300a1b2c0        8")) << q.output;
}

TEST_F(Mstflint, QueryFullPrintsNamesAndFwCtrl) {
  const std::string img =
      write("qf.bin", signed_image(test::small_spec(), "rsa2048_a.pem", test::kUuidA));
  const auto q = mstflint({"-i", img, "q", "full"});
  ASSERT_EQ(q.exit_code, 0) << q.output;
  EXPECT_TRUE(contains(q.output, "PRS Name:              sim_cx4lx.prs")) << q.output;
  EXPECT_TRUE(contains(q.output, "Part Number:           MCX4121A-ACA_Ax")) << q.output;
  EXPECT_TRUE(contains(q.output, "Description:           Simulated ConnectX-4 Lx EN adapter"))
      << q.output;
  EXPECT_TRUE(contains(q.output, "Default Update Method: fw_ctrl")) << q.output;
}

TEST_F(Mstflint, VerifySucceedsOnUnsigned2048And4096Images) {
  const std::vector<std::pair<std::string, std::vector<uint8_t>>> images = {
      {"unsigned.bin", test::build()},
      {"s2048.bin", signed_image(test::small_spec(), "rsa2048_a.pem", test::kUuidA)},
      {"s4096.bin", signed_image(test::small_spec(), "rsa4096.pem", test::kUuid4096)}};
  for (const auto& [name, bytes] : images) {
    const auto v = mstflint({"-i", write(name, bytes), "v"});
    EXPECT_EQ(v.exit_code, 0) << name << "\n" << v.output;
    EXPECT_TRUE(contains(v.output, "FW image verification succeeded. Image is bootable."))
        << name << "\n"
        << v.output;
    EXPECT_TRUE(contains(v.output, "(IMAGE_SIGNATURE_512) - OK")) << v.output;
    EXPECT_TRUE(contains(v.output, "(FORBIDDEN_VERSIONS) - OK")) << v.output;
  }
}

TEST_F(Mstflint, ImagesSignedByMstflintPassOurVerifyAndMatchOurSigningByteForByte) {
  const struct {
    const char* key;
    const char* uuid;
  } cases[] = {{"rsa2048_a.pem", test::kUuidA}, {"rsa4096.pem", test::kUuid4096}};
  for (const auto& c : cases) {
    const std::vector<uint8_t> unsigned_bytes = test::build();
    const std::string img = write("to-sign.bin", unsigned_bytes);
    const auto s =
        mstflint({"-i", img, "--private_key", test::key_path(c.key), "--key_uuid", c.uuid, "sign"});
    ASSERT_EQ(s.exit_code, 0) << s.output;
    const auto by_mstflint = test::read_bytes(img);
    auto parsed = parse_image(by_mstflint);
    ASSERT_TRUE(parsed) << parsed.error().message;
    const auto v = verify_signature(*parsed, embedded_keys(*parsed));
    EXPECT_EQ(v.outcome, VerifyOutcome::kOk) << c.key << ": " << v.message;
    auto ours = unsigned_bytes;
    ASSERT_TRUE(sign_image(ours, test::private_key(c.key), test::uuid(c.uuid)));
    EXPECT_EQ(ours, by_mstflint) << c.key;
  }
}

TEST_F(Mstflint, MstflintDigestOnlySignIsRecognisedAsUnsignedWithMatchingDigest) {
  const std::string img = write("digest.bin", test::build());
  const auto s = mstflint({"-i", img, "sign"});
  ASSERT_EQ(s.exit_code, 0) << s.output;
  auto parsed = parse_image(test::read_bytes(img));
  ASSERT_TRUE(parsed);
  const auto v = verify_signature(*parsed, embedded_keys(*parsed));
  EXPECT_EQ(v.outcome, VerifyOutcome::kUnsigned);
  ASSERT_TRUE(v.bare_digest_matches);
  EXPECT_TRUE(*v.bare_digest_matches);
}

TEST_F(Mstflint, OpensslVerifiesOurSignaturesOverTheDocumentedRange) {
  if (!secnic::testing::have_program("openssl")) GTEST_SKIP() << "openssl is not installed";
  const struct {
    const char* key;
    const char* pub;
    const char* uuid;
    crypto::DigestKind kind;
    const char* dgst;
  } cases[] = {
      {"rsa2048_a.pem", "rsa2048_a.pub.pem", test::kUuidA, crypto::DigestKind::kSha256, "-sha256"},
      {"rsa4096.pem", "rsa4096.pub.pem", test::kUuid4096, crypto::DigestKind::kSha512, "-sha512"}};
  for (const auto& c : cases) {
    auto parsed = parse_image(signed_image(test::small_spec(), c.key, c.uuid));
    ASSERT_TRUE(parsed);
    const std::string data = write("range.bin", signed_bytes(*parsed, c.kind));
    const std::string sig = write("sig.bin", parsed->signature(c.kind)->signature);
    const auto r = run_process(
        {"openssl", "dgst", c.dgst, "-verify", test::key_path(c.pub), "-signature", sig, data});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "Verified OK")) << r.output;
  }
}

TEST_F(Mstflint, SetForbiddenVersionsAndPublicKeysAcceptOurSectionLayouts) {
  const std::string img = write("edit.bin", test::build());
  auto forbidden = encode_forbidden_versions({{14, 20, 1000}, {14, 21, 3}});
  ASSERT_TRUE(forbidden);
  const auto f = mstflint({"-i", img, "set_forbidden_versions", write("fv.bin", *forbidden)});
  ASSERT_EQ(f.exit_code, 0) << f.output;
  auto parsed = parse_image(test::read_bytes(img));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->forbidden_versions(), (std::vector<FwVersion>{{14, 20, 1000}, {14, 21, 3}}));
  // PUBLIC_KEYS_2048 of another image (key B listed) moved over with the tool.
  ImageSpec other = test::small_spec();
  other.public_keys = {{test::uuid(test::kUuidB), test::public_key("rsa2048_b.pub.pem")}};
  auto other_img = parse_image(test::build(other));
  const std::string keys =
      write("keys.bin", other_img->section_bytes(*other_img->find(SectionType::kPublicKeys2048)));
  const auto k = mstflint({"-i", img, "set_public_keys", keys});
  ASSERT_EQ(k.exit_code, 0) << k.output;
  parsed = parse_image(test::read_bytes(img));
  ASSERT_TRUE(parsed);
  const auto embedded = embedded_keys(*parsed);
  ASSERT_FALSE(embedded.empty());
  EXPECT_EQ(embedded[0].uuid, test::uuid(test::kUuidB));
}

// Differential check: mstflint `v` fails exactly where our parser refuses.
TEST_F(Mstflint, RefusesTheCorruptionsWeRefuse) {
  namespace lo = layout;
  struct Case {
    const char* name;
    std::function<void(std::vector<uint8_t>&)> corrupt;
    const char* tool_says;
  };
  const Case cases[] = {
      {"section CRC",
       [](auto& b) { b[test::section_offset_of(b, SectionType::kImageInfo) + 5] ^= 1; }, "Bad CRC"},
      {"ITOC entry CRC", [](auto& b) { b[0x1020 + 8] ^= 1; }, "Bad Itoc Entry CRC"},
      {"BOOT2 CRC", [](auto& b) { b[0x40] ^= 0x80; }, "Bad CRC"},
      {"no magic", [](auto& b) { b[0] ^= 1; }, "No valid FS3 image found"},
      {"no MFG_INFO",
       [](auto& b) {
         test::edit_entry(b, SectionType::kMfgInfo, [](uint8_t* e, size_t n) {
           secnic::layout::set(e, n, lo::itoc_entry::type,
                               static_cast<uint32_t>(SectionType::kVpdR0));
         });
       },
       "MFG_INFO"},
      {"unknown hw id",
       [](auto& b) {
         test::edit_section(b, SectionType::kImageInfo, [](auto& s) {
           secnic::layout::set(s, lo::image_info::supported_hw_id0, 0x1234);
         });
       },
       "Failed"},
  };
  for (const Case& c : cases) {
    auto bytes = test::build();
    c.corrupt(bytes);
    EXPECT_FALSE(parse_image(bytes)) << c.name;
    const auto v = mstflint({"-i", write("bad.bin", bytes), "v"});
    EXPECT_NE(v.exit_code, 0) << c.name << "\n" << v.output;
    EXPECT_TRUE(contains(v.output, c.tool_says)) << c.name << "\n" << v.output;
  }
}

}  // namespace
}  // namespace secnic::image
