// Benchmark of the image library on a realistic 1 MiB image: build, sign (RSA-2048/SHA-256 and
// RSA-4096/SHA-512), parse + verify, and the MCC component round trip, each compared with what the
// openssl command line takes to sign and verify the very same signed range. Medians of N runs, wall
// time; openssl times include its process start, which is what a tool-based flow pays.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_builder.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "firmware_model/image/signed_range.h"
#include "testbench/support/process.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace secnic;

double median_ms(int n, const std::function<void()>& body) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) {
    const auto start = Clock::now();
    body();
    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "image_bench: %s\n", what.c_str());
    std::exit(1);
  }
}

void write(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

struct KeyCase {
  const char* label;
  const char* priv;
  const char* pub;
  const char* uuid;
  const char* dgst;
  crypto::DigestKind kind;
};

}  // namespace

int main(int argc, char** argv) {
  int iterations = 21;
  std::string keys = SECNIC_BENCH_KEYS_DIR;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--iterations") == 0) iterations = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--keys") == 0) keys = argv[i + 1];
  }
  const bool have_openssl = secnic::testing::have_program("openssl");
  secnic::testing::TempDir dir("secnic-image-bench");

  const KeyCase cases[] = {
      {"RSA-2048/SHA-256", "rsa2048_a.pem", "rsa2048_a.pub.pem",
       "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6", "-sha256", crypto::DigestKind::kSha256},
      {"RSA-4096/SHA-512", "rsa4096.pem", "rsa4096.pub.pem", "abcdef01-2345-6789-abcd-ef0123456789",
       "-sha512", crypto::DigestKind::kSha512}};

  image::ImageSpec spec;  // default: 1 MiB payload
  for (const auto& c : cases) {
    auto pub = crypto::RsaPublicKey::load_pem_file(keys + "/" + c.pub);
    check(bool(pub), std::string("key ") + c.pub);
    spec.public_keys.push_back({*crypto::KeyUuid::parse(c.uuid), *pub});
  }
  std::vector<uint8_t> unsigned_image;
  const double create_ms = median_ms(iterations, [&] {
    auto img = image::build_image(spec);
    check(bool(img), "build_image");
    unsigned_image = std::move(*img);
  });
  std::printf("image: %zu bytes (payload %u bytes), %d iterations, medians\n\n",
              unsigned_image.size(), spec.payload_size, iterations);
  std::printf("%-34s %10.3f ms\n", "create (build_image)", create_ms);
  const double parse_ms =
      median_ms(iterations, [&] { check(bool(image::parse_image(unsigned_image)), "parse"); });
  std::printf("%-34s %10.3f ms\n", "parse + validate (all CRCs)", parse_ms);

  for (const auto& c : cases) {
    auto priv = crypto::RsaPrivateKey::load_pem_file(keys + "/" + c.priv);
    check(bool(priv), std::string("key ") + c.priv);
    const auto uuid = *crypto::KeyUuid::parse(c.uuid);
    std::vector<uint8_t> signed_image;
    const double sign_ms = median_ms(iterations, [&] {
      signed_image = unsigned_image;
      check(bool(image::sign_image(signed_image, *priv, uuid)), "sign_image");
    });
    const std::vector<image::TrustedKey> trusted = {{uuid, priv->public_key()}};
    const double verify_ms = median_ms(iterations, [&] {
      auto img = image::parse_image(signed_image);
      check(img && image::verify_signature(*img, trusted).outcome == image::VerifyOutcome::kOk,
            "verify");
    });
    auto parsed = image::parse_image(signed_image);
    const double component_ms = median_ms(iterations, [&] {
      auto back = image::component_to_flash_image(image::make_component(*parsed));
      check(back && image::parse_image(*back, {image::ImageForm::kFlashSlot}).has_value(),
            "component round trip");
    });
    std::printf("\n%s\n", c.label);
    std::printf("  %-32s %10.3f ms\n", "sign (parse, hash, RSA, rewrite)", sign_ms);
    std::printf("  %-32s %10.3f ms\n", "verify (parse, hash, RSA)", verify_ms);
    std::printf("  %-32s %10.3f ms\n", "component -> slot image -> parse", component_ms);
    if (!have_openssl) {
      std::printf("  openssl not installed: no comparison\n");
      continue;
    }
    const std::string range = dir.file("range.bin");
    const std::string sig = dir.file("sig.bin");
    write(range, image::signed_bytes(*parsed, c.kind));
    write(sig, parsed->signature(c.kind)->signature);
    const std::string key = keys + "/" + c.priv;
    const std::string pub = keys + "/" + c.pub;
    const double ossl_sign_ms = median_ms(iterations, [&] {
      auto r = secnic::testing::run_process(
          {"openssl", "dgst", c.dgst, "-sign", key, "-out", dir.file("osig.bin"), range});
      check(r.exit_code == 0, "openssl dgst -sign: " + r.output);
    });
    const double ossl_verify_ms = median_ms(iterations, [&] {
      auto r = secnic::testing::run_process(
          {"openssl", "dgst", c.dgst, "-verify", pub, "-signature", sig, range});
      check(r.exit_code == 0, "openssl dgst -verify: " + r.output);
    });
    std::printf("  %-32s %10.3f ms\n", (std::string("openssl dgst ") + c.dgst + " -sign").c_str(),
                ossl_sign_ms);
    std::printf("  %-32s %10.3f ms\n", (std::string("openssl dgst ") + c.dgst + " -verify").c_str(),
                ossl_verify_ms);
    std::printf("  ratio sign   secnic/openssl = %.2f\n", sign_ms / ossl_sign_ms);
    std::printf("  ratio verify secnic/openssl = %.2f\n", verify_ms / ossl_verify_ms);
  }
  return 0;
}
