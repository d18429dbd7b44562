#include "testbench/update/card_bench.h"

#include <stdexcept>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "firmware_model/update/booted_image.h"

namespace secnic::fw::test {

namespace {
std::string data_path(const std::string& name) {
  return std::string(SECNIC_UPDATE_TEST_DATA) + "/" + name;
}
}  // namespace

crypto::RsaPrivateKey test_private_key(const std::string& name) {
  auto key = crypto::RsaPrivateKey::load_pem_file(data_path(name + ".pem"));
  if (!key) throw std::runtime_error("test key " + name + ": " + key.error().message);
  return *key;
}

crypto::RsaPublicKey test_public_key(const std::string& name) {
  auto key = crypto::RsaPublicKey::load_pem_file(data_path(name + ".pub.pem"));
  if (!key) throw std::runtime_error("test key " + name + ": " + key.error().message);
  return *key;
}

crypto::KeyUuid test_uuid(const char* text) { return *crypto::KeyUuid::parse(text); }

image::ImageSpec card_image_spec(image::FwVersion version) {
  image::ImageSpec spec;
  spec.fw_version = version;
  spec.psid = kCardPsid;
  spec.payload_size = 0x2000;
  spec.payload_seed = version.packed();
  spec.public_keys.push_back({test_uuid(kTrustedUuid), test_public_key("rsa2048_trusted")});
  spec.public_keys.push_back({test_uuid(kTrusted4096Uuid), test_public_key("rsa4096_trusted")});
  return spec;
}

std::vector<uint8_t> build_signed(const image::ImageSpec& spec, const std::string& key_name,
                                  const char* uuid) {
  auto built = image::build_image(spec);
  if (!built) throw std::runtime_error("build_image: " + built.error().message);
  std::vector<uint8_t> bytes = *built;
  if (!key_name.empty()) {
    auto signed_ok = image::sign_image(bytes, test_private_key(key_name), test_uuid(uuid));
    if (!signed_ok) throw std::runtime_error("sign_image: " + signed_ok.error().message);
  }
  return bytes;
}

std::vector<uint8_t> component_of(const std::vector<uint8_t>& image_file) {
  auto parsed = image::parse_image(image_file);
  if (!parsed) throw std::runtime_error("parse_image: " + parsed.error().message);
  return image::make_component(*parsed);
}

CardBench& CardBench::get() {
  static CardBench* bench = new CardBench();
  return *bench;
}

CardBench::CardBench()
    : fsm("fsm", state,
          UpdateFsmPorts{&flash,
                         &verifier,
                         &journal,
                         [this] { return flash.take_elapsed(); },
                         {},
                         [this] { ++power_lost_calls; },
                         {}}) {
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_THROW);
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
  boot_config.secure_boot = true;
  boot_config.trusted_keys = {
      {test_uuid(kTrustedUuid), test_public_key("rsa2048_trusted")},
      {test_uuid(kTrusted4096Uuid), test_public_key("rsa4096_trusted")},
  };
}

void CardBench::reset(const std::vector<uint8_t>& factory,
                      std::vector<image::FwVersion> forbidden) {
  run_to_idle();
  flash.power_on();
  flash.reset_contents();
  flash.reset_counters();
  std::copy(factory.begin(), factory.end(), flash.bytes().begin() + kSlotABase);
  card_forbidden = std::move(forbidden);
  power_lost_calls = 0;
  power_cycle();
}

BootReport CardBench::power_cycle() {
  run_to_idle();
  flash.power_on();
  BootRom rom(flash, boot_config);
  last_boot = rom.boot();
  flash.take_elapsed();
  ComponentInfo running;
  if (booted_component_info(last_boot, flash, running) != FlashResult::kOk) {
    throw std::runtime_error("booted_component_info failed");
  }
  fsm.power_on(running);

  CardTrust trust;
  trust.psid = kCardPsid;
  for (const auto& key : boot_config.trusted_keys) trust.trusted_keys.push_back(key);
  trust.forbidden_versions = card_forbidden;
  if (last_boot.image) {
    const auto& own = last_boot.image->forbidden_versions();
    trust.forbidden_versions.insert(trust.forbidden_versions.end(), own.begin(), own.end());
  }
  verifier.target = std::make_unique<Fs3ComponentVerifier>(trust);
  run_to_idle();
  return last_boot;
}

}  // namespace secnic::fw::test
