// Signing and verifying FS3 images: RSA-2048 PKCS#1 v1.5 over SHA-256 in IMAGE_SIGNATURE_256,
// RSA-4096 over SHA-512 in IMAGE_SIGNATURE_512, keys named by keypair UUID (docs/image_format.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fs3_image.h"

namespace secnic::image {

// Signs a complete image file in place, as `mstflint --private_key K --key_uuid U sign` does: an
// RSA-2048 key fills IMAGE_SIGNATURE_256 and zeroes IMAGE_SIGNATURE_512 (if present); an RSA-4096
// key fills IMAGE_SIGNATURE_512 and zeroes IMAGE_SIGNATURE_256.
ImageResult<void> sign_image(std::vector<uint8_t>& bytes, const crypto::RsaPrivateKey& key,
                             const crypto::KeyUuid& keypair_uuid);
// Writes the bare SHA-256 of the signed range into IMAGE_SIGNATURE_256 (uuid 0), as `mstflint sign`
// without a key does. The image stays unsigned.
ImageResult<void> insert_digest(std::vector<uint8_t>& bytes);

// A key the verifier trusts, found by the keypair UUID a signature names.
struct TrustedKey {
  crypto::KeyUuid uuid;
  crypto::RsaPublicKey key;
};

enum class VerifyOutcome {
  kOk,              // every signature by a trusted key verifies, and there is at least one
  kUnsigned,        // no RSA signature (no signature section, uuid 0, or a bare digest)
  kUnknownKey,      // RSA-signed, but by no trusted UUID
  kDigestMismatch,  // a trusted UUID's signature does not match the image (tampered or wrong key)
  kBadFormat,       // structurally unusable (wrong key size for the section, code outside the
                    // signed range, ...)
};
const char* to_string(VerifyOutcome outcome);

// How a signature by a trusted UUID failed (VerifyOutcome::kDigestMismatch).
enum class SignatureMismatch {
  kNone,
  kDigestDiffers,  // decodes under the trusted key but carries another digest: the image was
                   // modified
  kUndecodable,  // does not decode under the trusted key: another key signed it, or it is corrupted
  kWrongKeySize,  // the trusted key's size does not fit the signature section
};

struct Verification {
  VerifyOutcome outcome = VerifyOutcome::kUnsigned;
  std::string message;
  // The signature that decided the outcome (for kOk: the strongest verified one).
  std::optional<crypto::DigestKind> digest_kind;
  crypto::KeyUuid key_uuid;
  // For an unsigned image carrying a bare SHA-256: whether it matches the image.
  std::optional<bool> bare_digest_matches;
  // For kDigestMismatch: which way the signature failed (the last trusted key tried decides).
  SignatureMismatch mismatch = SignatureMismatch::kNone;
};

Verification verify_signature(const Fs3Image& image, const std::vector<TrustedKey>& trusted);

// The keys listed in the image's own PUBLIC_KEYS sections (e.g. to check an image against the keys
// it ships); entries that do not form a usable key are skipped.
std::vector<TrustedKey> embedded_keys(const Fs3Image& image);

}  // namespace secnic::image
