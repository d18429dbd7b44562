// End-to-end fixture: keys, signed images and simulated cards, and helpers that run the real,
// unmodified Debian mstflint/mstreg/mstconfig against a card through `secnic run`.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "firmware_model/image/image_builder.h"
#include "testbench/support/process.h"

namespace secnic::e2e {

using testing::ProcessResult;

constexpr const char* kUuid = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";
constexpr const char* kOtherUuid = "11111111-2222-3333-4444-555555555555";
constexpr const char* kPsid = "MT_2420110034";

// Shared by every test of the suite: generated once.
struct Artifacts {
  testing::TempDir dir{"secnic-e2e"};
  std::string vendor_key, vendor_pub;  // the key the cards trust
  std::string rogue_key, rogue_pub;    // a key no card trusts
  std::string old_image, new_image;    // signed by the vendor key: 14.32.1010 and 14.32.1020
};

class CardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  void SetUp() override;

  static Artifacts& art() { return *s_art; }
  // A fresh card in its own directory running `image`, at this test's own PCI address (bdf()), so
  // that tests running in parallel never share mstflint's machine-wide per-BDF lock file. Returns
  // the directory.
  std::string make_card(const std::string& name, const std::string& image,
                        const std::vector<std::string>& extra = {});
  // This test's PCI address ("5c:00.0"...), derived from the test's name.
  std::string bdf(unsigned function = 0) const;
  // `secnic ARGS...`
  ProcessResult secnic(std::vector<std::string> args, int timeout_s = 300);
  // `secnic run --card DIR -- ARGS...`
  ProcessResult tool(const std::string& card, std::vector<std::string> args, int timeout_s = 300);
  // An image built from `spec` (signed by `key` with `uuid` unless key is empty) written to the
  // test dir.
  std::string write_image(const std::string& name, image::ImageSpec spec, const std::string& key,
                          const std::string& uuid);
  image::ImageSpec vendor_spec(const std::string& version) const;
  std::vector<uint8_t> read_bytes(const std::string& path) const;
  void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) const;

 private:
  static Artifacts* s_art;
};

// The value printed after "<label>:" on a line of mstflint q output ("" if absent).
std::string query_field(const std::string& output, const std::string& label);

}  // namespace secnic::e2e
