#include "testbench/e2e/e2e_fixture.h"

#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/image_signing.h"

namespace secnic::e2e {

Artifacts* CardTest::s_art = nullptr;

namespace {

void must(const ProcessResult& r, const std::string& what) {
  if (r.exit_code != 0) throw std::runtime_error(what + " failed:\n" + r.output);
}

}  // namespace

void CardTest::SetUpTestSuite() {
  if (!testing::have_program("mstflint") || !testing::have_program("openssl")) return;
  s_art = new Artifacts;
  Artifacts& a = *s_art;
  a.vendor_key = a.dir.file("vendor.pem");
  a.vendor_pub = a.dir.file("vendor.pub.pem");
  a.rogue_key = a.dir.file("rogue.pem");
  a.rogue_pub = a.dir.file("rogue.pub.pem");
  for (const auto& [key, pub] :
       {std::pair{a.vendor_key, a.vendor_pub}, {a.rogue_key, a.rogue_pub}}) {
    must(testing::run_process({"openssl", "genrsa", "-out", key, "2048"}), "openssl genrsa");
    must(testing::run_process({"openssl", "rsa", "-in", key, "-pubout", "-out", pub}),
         "openssl rsa -pubout");
  }
  const std::string secnic = testing::bin_path("secnic");
  a.old_image = a.dir.file("fw-14.32.1010.bin");
  a.new_image = a.dir.file("fw-14.32.1020.bin");
  for (const auto& [path, version] :
       {std::pair{a.old_image, "14.32.1010"}, {a.new_image, "14.32.1020"}}) {
    must(
        testing::run_process({secnic, "image", "create", "-o", path, "--psid", kPsid,
                              "--fw-version", version, "--key", a.vendor_key, "--key-uuid", kUuid}),
        "secnic image create");
  }
}

void CardTest::TearDownTestSuite() {
  delete s_art;
  s_art = nullptr;
}

void CardTest::SetUp() {
  if (!s_art) GTEST_SKIP() << "mstflint or openssl not installed";
}

ProcessResult CardTest::secnic(std::vector<std::string> args, int timeout_s) {
  args.insert(args.begin(), testing::bin_path("secnic"));
  return testing::run_process(args, std::chrono::seconds(timeout_s));
}

ProcessResult CardTest::tool(const std::string& card, std::vector<std::string> args,
                             int timeout_s) {
  std::vector<std::string> full = {"run", "--card", card, "--"};
  full.insert(full.end(), args.begin(), args.end());
  return secnic(full, timeout_s);
}

std::string CardTest::make_card(const std::string& name, const std::string& image,
                                const std::vector<std::string>& extra) {
  const std::string dir =
      art().dir.file(name + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::vector<std::string> args = {"card",    "create",        dir,
                                   "--image", image,           "--bdf",
                                   bdf(),     "--trusted-key", art().vendor_pub + ":" + kUuid};
  args.insert(args.end(), extra.begin(), extra.end());
  const ProcessResult r = secnic(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return dir;
}

std::string CardTest::bdf(unsigned function) const {
  // Buses 0x60..0xdf: far from the addresses real machines and the other test suites use.
  const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  const unsigned bus = 0x60 + static_cast<unsigned>(std::hash<std::string>{}(name) % 0x80);
  char text[16];
  std::snprintf(text, sizeof text, "%02x:00.%u", bus, function);
  return text;
}

image::ImageSpec CardTest::vendor_spec(const std::string& version) const {
  image::ImageSpec spec;
  spec.fw_version = *image::FwVersion::parse(version);
  spec.psid = kPsid;
  auto pub = crypto::RsaPublicKey::load_pem_file(art().vendor_pub);
  spec.public_keys.push_back({*crypto::KeyUuid::parse(kUuid), *pub});
  return spec;
}

std::string CardTest::write_image(const std::string& name, image::ImageSpec spec,
                                  const std::string& key, const std::string& uuid) {
  auto bytes = image::build_image(spec);
  if (!bytes) throw std::runtime_error("build_image: " + bytes.error().message);
  if (!key.empty()) {
    auto k = crypto::RsaPrivateKey::load_pem_file(key);
    if (!k) throw std::runtime_error("load key: " + k.error().message);
    auto signed_ok = image::sign_image(*bytes, *k, *crypto::KeyUuid::parse(uuid));
    if (!signed_ok) throw std::runtime_error("sign: " + signed_ok.error().message);
  }
  const std::string path = art().dir.file(name);
  write_bytes(path, *bytes);
  return path;
}

std::vector<uint8_t> CardTest::read_bytes(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

void CardTest::write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

std::string query_field(const std::string& output, const std::string& label) {
  std::istringstream in(output);
  std::string line;
  const std::string key = label + ":";
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      std::string value = line.substr(key.size());
      const size_t start = value.find_first_not_of(' ');
      return start == std::string::npos ? "" : value.substr(start);
    }
  }
  return "";
}

}  // namespace secnic::e2e
