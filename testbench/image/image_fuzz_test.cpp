// Mutation fuzzing of the FS3 parser and of everything that consumes a parsed image. Corruptions
// are chosen to get past the early checks (CRCs are re-computed after a mutation) so that the deep
// parts of the parser see hostile sizes and offsets. Every input must be refused with an error
// value or parsed; nothing may crash, throw or read out of bounds (run the Sanitize build type for
// the latter).
#include <gtest/gtest.h>

#include <random>

#include "firmware_model/image/applicability.h"
#include "firmware_model/image/crc16.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "firmware_model/image/signed_range.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

namespace lo = layout;

// Re-computes BOOT2, ITOC header and ITOC entry CRCs (and optionally section CRCs) so that a
// mutation survives the integrity checks that would otherwise stop it early.
void fix_crcs(std::vector<uint8_t>& b, bool sections) {
  if (b.size() < 0x40) return;
  const uint32_t n = secnic::layout::load_be32(b.data() + 0x3C);
  if (n >= 4 && n <= 0x400 && 0x38 + (n + 4) * 4 <= b.size()) {
    secnic::layout::store_be32(b.data() + 0x38 + (n + 3) * 4, fs3_crc16(b.data() + 0x38, n + 3));
  }
  const uint32_t itoc = test::kBuiltItoc;
  if (b.size() < itoc + 0x20) return;
  secnic::layout::set(b.data() + itoc, 0x20, lo::itoc_header::itoc_entry_crc,
                      fs3_crc16(b.data() + itoc, 7));
  for (uint32_t i = 0; i < 64; ++i) {
    const uint32_t off = itoc + 0x20 + i * 0x20;
    if (off + 0x20 > b.size()) return;
    uint8_t* e = b.data() + off;
    if (secnic::layout::get(e, 0x20, lo::itoc_entry::type) == 0xFF) return;
    if (sections) {
      const uint64_t at =
          uint64_t{secnic::layout::get(e, 0x20, lo::itoc_entry::flash_addr_dwords)} * 4;
      const uint64_t size = uint64_t{secnic::layout::get(e, 0x20, lo::itoc_entry::size_dwords)} * 4;
      if (at + size <= b.size()) {
        secnic::layout::set(e, 0x20, lo::itoc_entry::section_crc,
                            fs3_crc16(b.data() + at, size / 4));
      }
    }
    secnic::layout::set(e, 0x20, lo::itoc_entry::itoc_entry_crc, fs3_crc16(e, 7));
  }
}

// Consumes a parsed image the way the CLI, the BootRom and the FSM do.
void exercise(const Fs3Image& img, const std::vector<TrustedKey>& trusted) {
  (void)signed_bytes(img, crypto::DigestKind::kSha256);
  (void)signed_bytes(img, crypto::DigestKind::kSha512);
  (void)verify_signature(img, trusted);
  (void)embedded_keys(img);
  (void)check_applicability(img, "MT_2420110034");
  (void)check_version_allowed(img, {{14, 22, 4020}});
  const auto component = make_component(img);
  auto c = parse_component(component);
  if (c) (void)verify_signature(*c, trusted);
  auto flash = component_to_flash_image(component);
  if (flash) (void)parse_image(*flash, {ImageForm::kFlashSlot});
}

class ImageFuzz : public ::testing::TestWithParam<int> {};

TEST_P(ImageFuzz, NeverCrashes) {
  ImageSpec spec = test::small_spec();
  spec.payload_size = 0x800;
  spec.forbidden_versions = {{14, 1, 1}};
  std::vector<uint8_t> base = test::build(spec);
  ASSERT_TRUE(sign_image(base, test::private_key("rsa2048_a.pem"), test::uuid(test::kUuidA)));
  const std::vector<TrustedKey> trusted = {
      {test::uuid(test::kUuidA), test::public_key("rsa2048_a.pub.pem")}};
  std::mt19937_64 rng(static_cast<uint64_t>(GetParam()) * 7919u + 1);
  const uint32_t itoc_area_end = test::kBuiltItoc + 0x20 + 13 * 0x20;
  int parsed_ok = 0;
  for (int iter = 0; iter < 400; ++iter) {
    std::vector<uint8_t> b = base;
    const int mutations = 1 + static_cast<int>(rng() % 4);
    for (int m = 0; m < mutations; ++m) {
      switch (rng() % 7) {
        case 0:  // random bit anywhere
          b[rng() % b.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
          break;
        case 1:  // random dword in the header/BOOT2/ITOC area
          secnic::layout::store_be32(b.data() + (rng() % (itoc_area_end / 4)) * 4,
                                     static_cast<uint32_t>(rng()));
          break;
        case 2:  // a hostile size or address in an ITOC entry field
        {
          const uint32_t entry = test::kBuiltItoc + 0x20 + static_cast<uint32_t>(rng() % 12) * 0x20;
          const uint32_t word = entry + (rng() % 2 == 0 ? 0x0 : 0x14);
          const uint32_t values[] = {
              0, 1, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x3FFFFFu << 2, static_cast<uint32_t>(rng())};
          secnic::layout::store_be32(b.data() + word, values[rng() % 6]);
          break;
        }
        case 3:  // truncate
          b.resize((rng() % (b.size() / 4 + 1)) * 4);
          break;
        case 4:  // random bytes inside a typed section (IMAGE_INFO .. FORBIDDEN_VERSIONS)
          if (b.size() > 0x12000) b[0x4000 + rng() % 0xC000] = static_cast<uint8_t>(rng());
          break;
        case 5:  // odd length
          b.push_back(static_cast<uint8_t>(rng()));
          break;
        case 6:  // BOOT2 size
          if (b.size() >= 0x40)
            secnic::layout::store_be32(b.data() + 0x3C, static_cast<uint32_t>(rng() % 0x500));
          break;
      }
    }
    fix_crcs(b, rng() % 4 != 0);
    for (ImageForm form : {ImageForm::kFile, ImageForm::kComponent, ImageForm::kFlashSlot}) {
      auto img = parse_image(b, {form});
      if (!img) {
        EXPECT_FALSE(img.error().message.empty());
        continue;
      }
      ++parsed_ok;
      exercise(*img, trusted);
    }
    (void)image_extent(b.data(), b.size());
  }
  // The mutations are not all fatal: a good share of the inputs (about a third in practice) must get
  // through to the consumers, or the fuzzing only exercises the first checks.
  EXPECT_GT(parsed_ok, 400 * 3 / 10);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ImageFuzz, ::testing::Range(0, 8));

TEST(ImageFuzz, RandomBuffersAreRefused) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> b((rng() % 0x3000) & ~3u);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    if (b.size() >= 16 && rng() % 2) {
      std::copy(lo::header::kMagic.begin(), lo::header::kMagic.end(), b.begin());
    }
    for (ImageForm form : {ImageForm::kFile, ImageForm::kComponent, ImageForm::kFlashSlot}) {
      EXPECT_FALSE(parse_image(b, {form}));
    }
  }
}

}  // namespace
}  // namespace secnic::image
