// The 16-byte keypair UUID that names a signing key in IMAGE_SIGNATURE_* and PUBLIC_KEYS_*
// sections.
//
// Text form as mstflint's --key_uuid accepts it: 32 hex digits, with '-', ':' and white space
// ignored. Bytes are kept in text order (the image stores the four big-endian dwords of the hex
// string, which is the same byte sequence).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "firmware_model/crypto/crypto_error.h"

namespace secnic::crypto {

class KeyUuid {
 public:
  static constexpr size_t kSize = 16;

  KeyUuid() = default;  // all zero: "no key"
  explicit KeyUuid(const std::array<uint8_t, kSize>& bytes) : m_bytes(bytes) {}
  static KeyUuid from_bytes(const uint8_t* p);

  static Result<KeyUuid> parse(std::string_view text);

  const std::array<uint8_t, kSize>& bytes() const { return m_bytes; }
  bool is_zero() const;
  // 8-4-4-4-12 lower-case groups, e.g. 5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6.
  std::string to_string() const;

  friend bool operator==(const KeyUuid& a, const KeyUuid& b) { return a.m_bytes == b.m_bytes; }
  friend bool operator!=(const KeyUuid& a, const KeyUuid& b) { return !(a == b); }

 private:
  std::array<uint8_t, kSize> m_bytes{};
};

}  // namespace secnic::crypto
