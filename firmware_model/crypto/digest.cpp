#include "firmware_model/crypto/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace secnic::crypto {

const char* to_string(DigestKind kind) {
  return kind == DigestKind::kSha256 ? "SHA-256" : "SHA-512";
}

size_t digest_size(DigestKind kind) { return kind == DigestKind::kSha256 ? 32 : 64; }

std::vector<uint8_t> digest(DigestKind kind, const uint8_t* data, size_t size) {
  std::vector<uint8_t> out(digest_size(kind));
  unsigned int len = 0;
  const EVP_MD* md = kind == DigestKind::kSha256 ? EVP_sha256() : EVP_sha512();
  // A one-shot digest over memory cannot fail for bad input; a failure is a broken OpenSSL.
  if (EVP_Digest(data, size, out.data(), &len, md, nullptr) != 1 || len != out.size()) {
    throw std::runtime_error("OpenSSL EVP_Digest failed");
  }
  return out;
}

}  // namespace secnic::crypto
