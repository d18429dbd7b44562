// Firmware version and release date as an FS3 image carries them in IMAGE_INFO.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace secnic::image {

struct FwVersion {
  uint16_t major = 0;
  uint16_t minor = 0;
  uint16_t subminor = 0;

  // "X.Y.Z" with decimal fields of at most 16 bits each.
  static std::optional<FwVersion> parse(std::string_view text);
  // As mstflint prints it: "14.22.4020" (subminor zero-padded to 4 digits when minor < 100).
  std::string to_string() const;
  // The 32-bit form used by MCQI VERSION, MGIR and FORBIDDEN_VERSIONS entries (major 31..24, minor
  // 23..16, subminor 15..0); only for versions whose major and minor fit 8 bits.
  bool fits_packed() const { return major <= 0xFF && minor <= 0xFF; }
  uint32_t packed() const {
    return (uint32_t{major} << 24) | (uint32_t{minor & 0xFFu} << 16) | subminor;
  }
  static FwVersion from_packed(uint32_t v) {
    return FwVersion{static_cast<uint16_t>(v >> 24), static_cast<uint16_t>((v >> 16) & 0xFF),
                     static_cast<uint16_t>(v & 0xFFFF)};
  }

  friend bool operator==(const FwVersion& a, const FwVersion& b) {
    return std::tie(a.major, a.minor, a.subminor) == std::tie(b.major, b.minor, b.subminor);
  }
  friend bool operator!=(const FwVersion& a, const FwVersion& b) { return !(a == b); }
  friend bool operator<(const FwVersion& a, const FwVersion& b) {
    return std::tie(a.major, a.minor, a.subminor) < std::tie(b.major, b.minor, b.subminor);
  }
};

// IMAGE_INFO stores the date as BCD digits (year 0x2025, month 0x11, day 0x24), which mstflint
// prints with %x; this struct holds the decimal values.
struct ReleaseDate {
  uint16_t year = 0;
  uint8_t month = 0;
  uint8_t day = 0;

  // "YYYY-MM-DD", a real calendar date between 1970 and 9999.
  static std::optional<ReleaseDate> parse(std::string_view text);
  std::string to_string() const;  // "YYYY-MM-DD"

  uint16_t year_bcd() const;
  uint8_t month_bcd() const;
  uint8_t day_bcd() const;
  // Decodes BCD fields; nibbles above 9 are decoded positionally and never fail.
  static ReleaseDate from_bcd(uint32_t year_bcd, uint32_t month_bcd, uint32_t day_bcd);
  // The 32-bit form MCQI VERSION build_time carries in its low dword: 0xYYYYMMDD in BCD.
  uint32_t packed_bcd() const {
    return (uint32_t{year_bcd()} << 16) | (uint32_t{month_bcd()} << 8) | day_bcd();
  }

  friend bool operator==(const ReleaseDate& a, const ReleaseDate& b) {
    return std::tie(a.year, a.month, a.day) == std::tie(b.year, b.month, b.day);
  }
};

}  // namespace secnic::image
