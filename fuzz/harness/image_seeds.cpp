#include "fuzz/harness/image_seeds.h"

#include <cstdlib>
#include <stdexcept>

#include "firmware_model/image/image_builder.h"
#include "firmware_model/image/mcc_component.h"

namespace secnic::fuzz {

namespace {

constexpr const char* kUuid2048 = "f0220000-0000-4000-8000-000000002048";
constexpr const char* kUuid4096 = "f0220000-0000-4000-8000-000000004096";

crypto::RsaPrivateKey load_key(const std::string& path) {
  auto key = crypto::RsaPrivateKey::load_pem_file(path);
  if (!key) throw std::runtime_error("fuzz key " + path + ": " + key.error().message);
  return *key;
}

crypto::KeyUuid uuid(const char* text) {
  auto u = crypto::KeyUuid::parse(text);
  if (!u) throw std::runtime_error(std::string("fuzz key uuid ") + text);
  return *u;
}

template <class T>
T take(image::ImageResult<T> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
  return std::move(*r);
}

void check(image::ImageResult<void> r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": " + r.error().message);
}

// Small enough that libFuzzer mutates it quickly: one BOOT_CODE section of 256 bytes.
image::ImageSpec small_spec(const FuzzKeys& keys) {
  image::ImageSpec spec;
  spec.payload_size = 0x100;
  spec.public_keys.push_back({keys.uuid_2048, keys.key_2048.public_key()});
  spec.public_keys.push_back({keys.uuid_4096, keys.key_4096.public_key()});
  return spec;
}

}  // namespace

std::vector<image::TrustedKey> FuzzKeys::trusted() const {
  return {{uuid_2048, key_2048.public_key()}, {uuid_4096, key_4096.public_key()}};
}

FuzzKeys load_fuzz_keys(const std::string& data_dir) {
  return FuzzKeys{uuid(kUuid2048), load_key(data_dir + "/fuzz_rsa2048.pem"), uuid(kUuid4096),
                  load_key(data_dir + "/fuzz_rsa4096.pem")};
}

std::string fuzz_data_dir() {
  if (const char* dir = std::getenv("SECNIC_FUZZ_DATA_DIR")) return dir;
  return SECNIC_FUZZ_DATA_DIR;
}

std::vector<ImageSeed> build_image_seeds(const FuzzKeys& keys) {
  std::vector<ImageSeed> seeds;

  image::ImageSpec plain = small_spec(keys);
  plain.public_keys.clear();
  plain.signed_fw = false;
  seeds.push_back({"unsigned", take(image::build_image(plain), "unsigned seed")});

  image::ImageSpec no_payload = plain;
  no_payload.payload_size = 0;
  seeds.push_back({"no_payload", take(image::build_image(no_payload), "no-payload seed")});

  std::vector<uint8_t> digest_only = take(image::build_image(small_spec(keys)), "digest seed");
  check(image::insert_digest(digest_only), "insert_digest");
  seeds.push_back({"sha256_digest_only", digest_only});

  image::ImageSpec forbidding = small_spec(keys);
  forbidding.fw_version = {14, 23, 1020};
  forbidding.forbidden_versions = {{14, 22, 4020}, {14, 1, 1}};
  std::vector<uint8_t> rsa2048 = take(image::build_image(forbidding), "rsa2048 seed");
  check(image::sign_image(rsa2048, keys.key_2048, keys.uuid_2048), "sign rsa2048");
  seeds.push_back({"rsa2048_signed", rsa2048});

  std::vector<uint8_t> rsa4096 = take(image::build_image(small_spec(keys)), "rsa4096 seed");
  check(image::sign_image(rsa4096, keys.key_4096, keys.uuid_4096), "sign rsa4096");
  seeds.push_back({"rsa4096_signed", rsa4096});

  const image::Fs3Image parsed = take(image::parse_image(rsa2048), "parse rsa2048 seed");
  const std::vector<uint8_t> component = image::make_component(parsed);
  seeds.push_back({"rsa2048_component", component});
  seeds.push_back(
      {"rsa2048_flash_slot", take(image::component_to_flash_image(component), "flash slot seed")});
  return seeds;
}

}  // namespace secnic::fuzz
