#include "firmware_model/image/fw_version.h"

#include <cstdio>

namespace secnic::image {
namespace {

// Parses a run of decimal digits up to `max`; advances `text`.
std::optional<uint32_t> take_number(std::string_view& text, uint32_t max) {
  size_t i = 0;
  uint32_t v = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    v = v * 10 + static_cast<uint32_t>(text[i] - '0');
    if (v > max) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  text.remove_prefix(i);
  return v;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

uint32_t to_bcd(uint32_t v) {
  uint32_t out = 0;
  for (uint32_t shift = 0; v != 0; shift += 4, v /= 10) out |= (v % 10) << shift;
  return out;
}

uint32_t from_bcd_nibbles(uint32_t bcd) {
  uint32_t out = 0;
  uint32_t scale = 1;
  for (; bcd != 0; bcd >>= 4, scale *= 10) out += (bcd & 0xF) * scale;
  return out;
}

}  // namespace

std::optional<FwVersion> FwVersion::parse(std::string_view text) {
  FwVersion v;
  auto major = take_number(text, 0xFFFF);
  if (!major || !take_char(text, '.')) return std::nullopt;
  auto minor = take_number(text, 0xFFFF);
  if (!minor || !take_char(text, '.')) return std::nullopt;
  auto sub = take_number(text, 0xFFFF);
  if (!sub || !text.empty()) return std::nullopt;
  v.major = static_cast<uint16_t>(*major);
  v.minor = static_cast<uint16_t>(*minor);
  v.subminor = static_cast<uint16_t>(*sub);
  return v;
}

std::string FwVersion::to_string() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, minor < 100 ? "%u.%u.%04u" : "%u.%u.%u", unsigned{major},
                unsigned{minor}, unsigned{subminor});
  return buf;
}

std::optional<ReleaseDate> ReleaseDate::parse(std::string_view text) {
  auto y = take_number(text, 9999);
  if (!y || !take_char(text, '-')) return std::nullopt;
  auto m = take_number(text, 12);
  if (!m || !take_char(text, '-')) return std::nullopt;
  auto d = take_number(text, 31);
  if (!d || !text.empty()) return std::nullopt;
  if (*y < 1970 || *m < 1 || *d < 1) return std::nullopt;
  static const uint8_t kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  if (*d > kDays[*m - 1] || (*m == 2 && *d == 29 && !leap)) return std::nullopt;
  return ReleaseDate{static_cast<uint16_t>(*y), static_cast<uint8_t>(*m), static_cast<uint8_t>(*d)};
}

std::string ReleaseDate::to_string() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", unsigned{year}, unsigned{month}, unsigned{day});
  return buf;
}

uint16_t ReleaseDate::year_bcd() const { return static_cast<uint16_t>(to_bcd(year % 10000)); }
uint8_t ReleaseDate::month_bcd() const { return static_cast<uint8_t>(to_bcd(month % 100)); }
uint8_t ReleaseDate::day_bcd() const { return static_cast<uint8_t>(to_bcd(day % 100)); }

ReleaseDate ReleaseDate::from_bcd(uint32_t year_bcd, uint32_t month_bcd, uint32_t day_bcd) {
  return ReleaseDate{static_cast<uint16_t>(from_bcd_nibbles(year_bcd & 0xFFFF)),
                     static_cast<uint8_t>(from_bcd_nibbles(month_bcd & 0xFF)),
                     static_cast<uint8_t>(from_bcd_nibbles(day_bcd & 0xFF))};
}

}  // namespace secnic::image
