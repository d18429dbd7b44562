// SHA-256 and SHA-512 (OpenSSL EVP).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace secnic::crypto {

enum class DigestKind { kSha256, kSha512 };

const char* to_string(DigestKind kind);
size_t digest_size(DigestKind kind);  // 32 or 64

std::vector<uint8_t> digest(DigestKind kind, const uint8_t* data, size_t size);
inline std::vector<uint8_t> sha256(const uint8_t* data, size_t size) {
  return digest(DigestKind::kSha256, data, size);
}
inline std::vector<uint8_t> sha512(const uint8_t* data, size_t size) {
  return digest(DigestKind::kSha512, data, size);
}

}  // namespace secnic::crypto
