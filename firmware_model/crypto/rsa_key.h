// RSA keys behind a narrow interface (OpenSSL EVP_PKEY inside). Keys are immutable and cheap to
// copy (shared ownership of the OpenSSL object).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_model/crypto/crypto_error.h"
#include "firmware_model/crypto/digest.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace secnic::crypto {

// The two key sizes the FS3 signature sections know: RSA-2048 signs SHA-256 (IMAGE_SIGNATURE_256,
// PUBLIC_KEYS_2048), RSA-4096 signs SHA-512 (IMAGE_SIGNATURE_512, PUBLIC_KEYS_4096).
enum class RsaKeySize { k2048 = 2048, k4096 = 4096 };

inline DigestKind digest_for(RsaKeySize size) {
  return size == RsaKeySize::k2048 ? DigestKind::kSha256 : DigestKind::kSha512;
}
inline size_t modulus_bytes(RsaKeySize size) { return static_cast<size_t>(size) / 8; }

class RsaPublicKey {
 public:
  // "BEGIN PUBLIC KEY" (SubjectPublicKeyInfo) or "BEGIN RSA PUBLIC KEY" (PKCS#1); a private key PEM
  // is accepted too and reduced to its public half.
  static Result<RsaPublicKey> from_pem(std::string_view pem);
  static Result<RsaPublicKey> load_pem_file(const std::string& path);
  // From the big-endian modulus and the public exponent, as stored in a PUBLIC_KEYS_* entry.
  static Result<RsaPublicKey> from_components(const std::vector<uint8_t>& modulus,
                                              uint32_t exponent);

  RsaKeySize size() const { return m_size; }
  // Big-endian modulus, exactly modulus_bytes(size()) long.
  const std::vector<uint8_t>& modulus() const { return m_modulus; }
  uint32_t exponent() const { return m_exponent; }
  std::string to_pem() const;  // SubjectPublicKeyInfo PEM

  EVP_PKEY* evp() const { return m_pkey.get(); }

  friend bool operator==(const RsaPublicKey& a, const RsaPublicKey& b) {
    return a.m_modulus == b.m_modulus && a.m_exponent == b.m_exponent;
  }

 private:
  friend class RsaPrivateKey;
  static Result<RsaPublicKey> adopt(EVP_PKEY* pkey, const std::string& origin);
  std::shared_ptr<EVP_PKEY> m_pkey;
  RsaKeySize m_size = RsaKeySize::k2048;
  std::vector<uint8_t> m_modulus;
  uint32_t m_exponent = 0;
};

class RsaPrivateKey {
 public:
  // PKCS#8 ("BEGIN PRIVATE KEY") or traditional ("BEGIN RSA PRIVATE KEY"), unencrypted.
  static Result<RsaPrivateKey> from_pem(std::string_view pem);
  static Result<RsaPrivateKey> load_pem_file(const std::string& path);

  RsaKeySize size() const { return m_public.size(); }
  const RsaPublicKey& public_key() const { return m_public; }
  EVP_PKEY* evp() const { return m_pkey.get(); }

 private:
  std::shared_ptr<EVP_PKEY> m_pkey;
  RsaPublicKey m_public;
};

}  // namespace secnic::crypto
