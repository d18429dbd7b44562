// End-to-end: the `secnic image` subcommands, their output and their exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "testbench/image/image_e2e_support.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

using secnic::testing::ProcessResult;
using secnic::testing::run_process;
using test::contains;

const std::string kUuidA = test::kUuidA;

class ImageCli : public ::testing::Test {
 protected:
  ProcessResult secnic(std::vector<std::string> args) {
    args.insert(args.begin(), {secnic::testing::bin_path("secnic"), "image"});
    return run_process(args, std::chrono::seconds(60));
  }
  std::string file(const std::string& name) const { return m_dir.file(name); }
  std::string key(const char* name) const { return test::key_path(name); }
  secnic::testing::TempDir m_dir{"secnic-image-cli"};
};

TEST_F(ImageCli, CreateSignedDefaultImageInfoAndVerify) {
  const auto c =
      secnic({"create", "-o", file("a.bin"), "--psid", "MT_2420110034", "--fw-version",
              "14.32.1010", "--key", key("rsa2048_a.pem"), "--key-uuid", kUuidA, "--trusted-key",
              key("rsa4096.pub.pem") + ":" + test::kUuid4096, "--forbidden-version", "14.30.1000",
              "--release-date", "2026-01-02", "--product-version", "rel-14_32"});
  ASSERT_EQ(c.exit_code, 0) << c.output;
  EXPECT_TRUE(contains(c.output, "RSA-2048/SHA-256 signature by key " + kUuidA)) << c.output;
  auto img = parse_image(test::read_bytes(file("a.bin")));
  ASSERT_TRUE(img) << img.error().message;
  EXPECT_GT(img->data_size(), 0x100000u);  // default payload: 1 MiB
  EXPECT_EQ(img->image_info().fw_version, FwVersion({14, 32, 1010}));
  EXPECT_EQ(img->image_info().release_date, ReleaseDate({2026, 1, 2}));
  EXPECT_EQ(img->image_info().product_version, "rel-14_32");
  EXPECT_EQ(img->forbidden_versions(), std::vector<FwVersion>{FwVersion({14, 30, 1000})});
  ASSERT_EQ(img->public_keys().size(), 2u);  // the signing key's public half + the trusted one

  const auto info = secnic({"info", file("a.bin")});
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_TRUE(contains(info.output, "FW Version:         14.32.1010")) << info.output;
  EXPECT_TRUE(contains(info.output, "Signature:          RSA-2048/SHA-256, key " + kUuidA));
  EXPECT_TRUE(contains(info.output, "FORBIDDEN_VERSIONS"));

  const auto json = secnic({"info", file("a.bin"), "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.output;
  const auto j = nlohmann::json::parse(json.output);
  EXPECT_EQ(j["fw_version"], "14.32.1010");
  EXPECT_EQ(j["psid"], "MT_2420110034");
  EXPECT_EQ(j["supported_hw_id"], 0x20b);
  EXPECT_EQ(j["public_keys"].size(), 2u);
  EXPECT_EQ(j["sections"].size(), 10u);

  const auto ok = secnic({"verify", file("a.bin"), "--trusted-key", key("rsa2048_a.pub.pem")});
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(contains(ok.output, "OK")) << ok.output;
}

TEST_F(ImageCli, VerifyOutcomesAndExitCodes) {
  ASSERT_EQ(secnic({"create", "-o", file("u.bin"), "--psid", "P1", "--fw-version", "1.2.3",
                    "--size", "64K"})
                .exit_code,
            0);
  // Unsigned (bare digest only).
  auto v =
      secnic({"verify", file("u.bin"), "--trusted-key", key("rsa2048_a.pub.pem") + ":" + kUuidA});
  EXPECT_EQ(v.exit_code, 1) << v.output;
  EXPECT_TRUE(contains(v.output, "FAILED (unsigned)")) << v.output;
  EXPECT_TRUE(contains(v.output, "digest matches")) << v.output;
  // Signed by B: unknown to a verifier trusting A.
  ASSERT_EQ(secnic({"sign", file("u.bin"), "--key", key("rsa2048_b.pem"), "--key-uuid",
                    test::kUuidB, "-o", file("b.bin")})
                .exit_code,
            0);
  v = secnic({"verify", file("b.bin"), "--trusted-key", key("rsa2048_a.pub.pem") + ":" + kUuidA});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(contains(v.output, "FAILED (unknown-key)")) << v.output;
  // Signed by B under A's UUID: a digest mismatch.
  ASSERT_EQ(secnic({"sign", file("u.bin"), "--key", key("rsa2048_b.pem"), "--key-uuid", kUuidA,
                    "-o", file("wrong.bin")})
                .exit_code,
            0);
  v = secnic(
      {"verify", file("wrong.bin"), "--trusted-key", key("rsa2048_a.pub.pem") + ":" + kUuidA});
  EXPECT_EQ(v.exit_code, 1);
  EXPECT_TRUE(contains(v.output, "FAILED (digest-mismatch)")) << v.output;
  // In-place signing with a 4096 key, checked against the image's own key list.
  ASSERT_EQ(
      secnic({"sign", file("u.bin"), "--key", key("rsa4096.pem"), "--key-uuid", test::kUuid4096})
          .exit_code,
      0);
  v = secnic(
      {"verify", file("u.bin"), "--trusted-key", key("rsa4096.pub.pem") + ":" + test::kUuid4096});
  EXPECT_EQ(v.exit_code, 0) << v.output;
  EXPECT_TRUE(contains(v.output, "SHA-512")) << v.output;
}

TEST_F(ImageCli, MalformedInputsGetPreciseErrorsAndDistinctExitCodes) {
  test::write_bytes(file("short.bin"), std::vector<uint8_t>(100, 0xFF));
  auto r = secnic({"info", file("short.bin")});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_TRUE(contains(r.output, "no-magic")) << r.output;

  auto bytes = test::build();
  bytes[test::section_offset_of(bytes, SectionType::kImageInfo) + 7] ^= 1;
  test::write_bytes(file("crc.bin"), bytes);
  r = secnic({"verify", file("crc.bin"), "--image-keys"});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_TRUE(contains(r.output, "bad-section-crc")) << r.output;
  EXPECT_TRUE(contains(r.output, "IMAGE_INFO section at 0x")) << r.output;

  r = secnic({"info", file("missing.bin")});
  EXPECT_EQ(r.exit_code, 4) << r.output;
  r = secnic({"create", "-o", file("x.bin"), "--psid", "P", "--fw-version", "1.2"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = secnic(
      {"create", "-o", file("x.bin"), "--psid", "MT_0123456789ABCDEF", "--fw-version", "1.2.3"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_TRUE(contains(r.output, "PSID")) << r.output;
  r = secnic({"create", "-o", file("x.bin"), "--psid", "P", "--fw-version", "1.2.3", "--key",
              key("rsa2048_a.pem")});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = secnic({"create", "-o", file("x.bin"), "--psid", "P", "--fw-version", "1.2.3", "--key",
              key("ec256.pem"), "--key-uuid", kUuidA});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_TRUE(contains(r.output, "not RSA")) << r.output;
  r = secnic({"sign", file("missing.bin"), "--key", key("rsa2048_a.pem"), "--key-uuid", kUuidA});
  EXPECT_EQ(r.exit_code, 4) << r.output;
  r = secnic({"sign", file("short.bin"), "--key", key("rsa2048_a.pem"), "--key-uuid", "xyz"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  r = secnic({"bogus"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
}

TEST_F(ImageCli, ComponentAndRestoreRoundTrip) {
  ASSERT_EQ(secnic({"create", "-o", file("a.bin"), "--psid", "P", "--fw-version", "1.2.3", "--size",
                    "0x8000", "--key", key("rsa2048_a.pem"), "--key-uuid", kUuidA})
                .exit_code,
            0);
  auto r = secnic({"component", file("a.bin"), "-o", file("c.bin")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto img = parse_image(test::read_bytes(file("a.bin")));
  ASSERT_TRUE(img);
  EXPECT_EQ(test::read_bytes(file("c.bin")), make_component(*img));
  r = secnic({"verify", file("c.bin"), "--form", "component", "--trusted-key",
              key("rsa2048_a.pub.pem") + ":" + kUuidA});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = secnic({"restore", file("c.bin"), "-o", file("slot.bin")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = secnic({"info", file("slot.bin"), "--form", "slot"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(contains(r.output, "flash-slot")) << r.output;
}

}  // namespace
}  // namespace secnic::image
