// SHA-256 and SHA-512 (OpenSSL EVP).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
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

// An incremental digest, for data read in chunks (e.g. a flash slot).
class DigestStream {
 public:
  explicit DigestStream(DigestKind kind);
  ~DigestStream();
  DigestStream(const DigestStream&) = delete;
  DigestStream& operator=(const DigestStream&) = delete;

  void update(const uint8_t* data, size_t size);
  // The digest of everything passed to update(); the stream starts over afterwards.
  std::vector<uint8_t> finish();

 private:
  struct Context;
  DigestKind m_kind;
  std::unique_ptr<Context> m_ctx;
};

}  // namespace secnic::crypto
