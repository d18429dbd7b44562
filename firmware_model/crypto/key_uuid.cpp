#include "firmware_model/crypto/key_uuid.h"

#include <algorithm>
#include <cctype>

namespace secnic::crypto {
namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

KeyUuid KeyUuid::from_bytes(const uint8_t* p) {
  std::array<uint8_t, kSize> b{};
  std::copy(p, p + kSize, b.begin());
  return KeyUuid(b);
}

Result<KeyUuid> KeyUuid::parse(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == '-' || c == ':' || std::isspace(static_cast<unsigned char>(c))) continue;
    if (hex_value(c) < 0) {
      return Error{ErrorCode::kBadUuid, "bad key UUID '" + std::string(text) +
                                            "': only hex digits, '-', ':' and spaces are allowed"};
    }
    digits.push_back(c);
  }
  if (digits.size() != 2 * kSize) {
    return Error{ErrorCode::kBadUuid, "bad key UUID '" + std::string(text) +
                                          "': " + std::to_string(digits.size()) +
                                          " hex digits, expected 32"};
  }
  std::array<uint8_t, kSize> b{};
  for (size_t i = 0; i < kSize; ++i) {
    b[i] = static_cast<uint8_t>(hex_value(digits[2 * i]) << 4 | hex_value(digits[2 * i + 1]));
  }
  return KeyUuid(b);
}

bool KeyUuid::is_zero() const {
  return std::all_of(m_bytes.begin(), m_bytes.end(), [](uint8_t b) { return b == 0; });
}

std::string KeyUuid::to_string() const {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < kSize; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
    s.push_back(kHex[m_bytes[i] >> 4]);
    s.push_back(kHex[m_bytes[i] & 0xf]);
  }
  return s;
}

}  // namespace secnic::crypto
