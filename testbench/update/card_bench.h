// The elaborated top of the update integration tests: UpdateFsm wired to the real FS3 verifier
// (Fs3ComponentVerifier), the real boot-control journal (JournalBootControl) and an in-memory
// flash, with a card that boots through the real BootRom. Built once per process, reset before
// every test.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "firmware_model/boot/boot_rom.h"
#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_builder.h"
#include "firmware_model/update/fs3_component_verifier.h"
#include "firmware_model/update/journal_boot_control.h"
#include "firmware_model/update/update_fsm.h"
#include "testbench/update/fsm_bench.h"
#include "testbench/update/memory_flash.h"

namespace secnic::fw::test {

inline const char* kTrustedUuid = "5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6";
inline const char* kTrusted4096Uuid = "abcdef01-2345-6789-abcd-ef0123456789";
inline const char* kUntrustedUuid = "11111111-2222-3333-4444-555555555555";
inline const char* kCardPsid = "MT_2420110034";

crypto::RsaPrivateKey test_private_key(const std::string& name);
crypto::RsaPublicKey test_public_key(const std::string& name);
crypto::KeyUuid test_uuid(const char* text);

// A small image (8 KiB payload) for the test card, listing the trusted keys.
image::ImageSpec card_image_spec(image::FwVersion version);
// Builds `spec`, signs it with `key` (2048 or 4096) under `uuid` unless `key` is empty.
std::vector<uint8_t> build_signed(const image::ImageSpec& spec, const std::string& key_name,
                                  const char* uuid);
// The MCC component mstflint sends for an image file.
std::vector<uint8_t> component_of(const std::vector<uint8_t>& image_file);

// Forwards to a verifier the bench may replace (the card's trust changes with its configuration).
class VerifierSocket : public ComponentVerifier {
 public:
  ComponentVerdict verify(const uint8_t* component, size_t size) override {
    return target->verify(component, size);
  }
  std::unique_ptr<ComponentVerifier> target;
};

struct CardBench {
  static CardBench& get();
  // Fresh flash, factory image `factory` (a signed file) in slot A, power-up through the BootRom.
  void reset(const std::vector<uint8_t>& factory,
             std::vector<image::FwVersion> card_forbidden = {});
  // Power-up: the BootRom picks a slot, RAM is re-initialised from its report, the verifier learns
  // the running image's FORBIDDEN_VERSIONS.
  BootReport power_cycle();

  MemoryFlash flash;
  JournalBootControl journal{flash};
  VerifierSocket verifier;
  UpdateFsmState state{};
  int power_lost_calls = 0;
  UpdateFsm fsm;
  BootRomConfig boot_config;
  std::vector<image::FwVersion> card_forbidden;
  BootReport last_boot;

 private:
  CardBench();
};

}  // namespace secnic::fw::test
