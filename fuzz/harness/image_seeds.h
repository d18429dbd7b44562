// The keys and the seed images of the image harness. The seeds are built by the image library
// itself with a small payload, signed with the fuzzing keys (fuzz/data), and written to
// fuzz/corpus/image by `secnic_fuzz_seeds`; the harness builds the same seeds again at start-up to
// know which signed contents are genuine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/image_signing.h"

namespace secnic::fuzz {

// The fuzzing keys: RSA-2048 (SHA-256, IMAGE_SIGNATURE_256) and RSA-4096 (SHA-512).
struct FuzzKeys {
  crypto::KeyUuid uuid_2048;
  crypto::RsaPrivateKey key_2048;
  crypto::KeyUuid uuid_4096;
  crypto::RsaPrivateKey key_4096;

  // What the verifier under test trusts: both keys, by UUID.
  std::vector<image::TrustedKey> trusted() const;
};

// Loads the keys from `data_dir` (fuzz/data); throws std::runtime_error when they are missing.
FuzzKeys load_fuzz_keys(const std::string& data_dir);

// The directory the build recorded (SECNIC_FUZZ_DATA_DIR), overridable with $SECNIC_FUZZ_DATA_DIR.
std::string fuzz_data_dir();

struct ImageSeed {
  std::string name;            // file name in the corpus
  std::vector<uint8_t> image;  // image bytes (without the harness's control byte)
};

// Small images in every form the card and the tool see: unsigned, SHA-256 digest only, RSA-2048
// signed, RSA-4096 signed, with FORBIDDEN_VERSIONS, as an MCC component and as a flash slot.
// Deterministic: the same keys give the same bytes. Throws std::runtime_error if the library
// refuses to build one (a bug).
std::vector<ImageSeed> build_image_seeds(const FuzzKeys& keys);

}  // namespace secnic::fuzz
