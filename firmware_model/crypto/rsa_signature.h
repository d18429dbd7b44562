// RSA PKCS#1 v1.5 signatures with a DigestInfo (what `openssl dgst -sha256 -sign` produces and what
// mstflint's `sign` writes): RSA-2048 over SHA-256, RSA-4096 over SHA-512.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_model/crypto/crypto_error.h"
#include "firmware_model/crypto/digest.h"
#include "firmware_model/crypto/rsa_key.h"

namespace secnic::crypto {

// Signs the digest of `data` (the digest kind follows the key size, see digest_for()).
Result<std::vector<uint8_t>> rsa_sign(const RsaPrivateKey& key, const uint8_t* data, size_t size);
// Signs a digest computed by the caller (kind must match the key size).
Result<std::vector<uint8_t>> rsa_sign_digest(const RsaPrivateKey& key,
                                             const std::vector<uint8_t>& digest);

enum class SignatureCheck {
  kValid,           // the signature carries exactly this digest
  kDigestMismatch,  // the signature is well formed under this key but carries another digest
  kUndecodable,     // not a PKCS#1 v1.5 DigestInfo of the expected kind under this key (wrong key,
                    // corrupted signature, or another hash algorithm)
};
const char* to_string(SignatureCheck check);

// Checks `signature` over `data`. Errors only for a signature of the wrong length.
Result<SignatureCheck> rsa_verify(const RsaPublicKey& key, const uint8_t* data, size_t size,
                                  const std::vector<uint8_t>& signature);
Result<SignatureCheck> rsa_verify_digest(const RsaPublicKey& key,
                                         const std::vector<uint8_t>& digest,
                                         const std::vector<uint8_t>& signature);

}  // namespace secnic::crypto
