// Builds a complete FS3 image file (what `secnic image create` writes). Layout in
// docs/image_format.md: magic, format dword, BOOT2 at 0x38, ITOC at 0x1000, 4 KiB-aligned relative
// sections (BOOT_CODE, MAIN_CODE, IMAGE_INFO, IMAGE_SIGNATURE_256, IMAGE_SIGNATURE_512,
// PUBLIC_KEYS_2048, PUBLIC_KEYS_4096, FORBIDDEN_VERSIONS), then the device data (DEV_INFO,
// MFG_INFO), every gap 0xFF. The signature sections are left empty (uuid 0): sign with
// image_signing.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fs3_image.h"

namespace secnic::image {

// The largest image a card slot holds (firmware_model/boot/flash_map.h asserts it agrees).
constexpr uint32_t kMaxImageSize = 0x7F0000;
// Default code payload: about 1 MiB, so a burn moves a realistic amount of data.
constexpr uint32_t kDefaultPayloadSize = 0x100000;

// A key to list in PUBLIC_KEYS_2048 or PUBLIC_KEYS_4096 (chosen by its size).
struct PublicKeyRecord {
  crypto::KeyUuid uuid;
  crypto::RsaPublicKey key;
};

struct ImageSpec {
  FwVersion fw_version{14, 22, 4020};
  ReleaseDate release_date{2025, 11, 24};
  std::string psid = "MT_2420110034";  // <= 16 characters
  std::string product_version;         // <= 15 characters; empty: the FW version string
  std::string description = "Simulated ConnectX-4 Lx EN adapter";  // <= 255
  std::string name = "MCX4121A-ACA_Ax";                            // <= 63
  std::string prs_name = "sim_cx4lx.prs";                          // <= 127
  uint32_t hw_id = kConnectX4LxHwId;
  uint16_t pci_device_id = 0x1015;
  bool mcc_en = true;
  bool signed_fw = true;
  bool secure_fw = false;
  // Code payload: `payload_size` bytes (a multiple of 4) of deterministic content derived from the
  // seed and the FW version, in a BOOT_CODE section (first 4 KiB) and a MAIN_CODE section (the
  // rest).
  uint32_t payload_size = kDefaultPayloadSize;
  uint64_t payload_seed = 0;
  std::vector<PublicKeyRecord> public_keys;   // at most 8 per key size
  std::vector<FwVersion> forbidden_versions;  // at most 60, majors and minors < 256
  DeviceUids uids{0x248a070300a1b2c0ull, 8, 1, 0x248a07a1b2c0ull, 8, 1};
};

ImageResult<std::vector<uint8_t>> build_image(const ImageSpec& spec);

}  // namespace secnic::image
