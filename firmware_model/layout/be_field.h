// Typed big-endian field descriptions in PRM notation, shared by every register and image layout.
//
// A PRM position "0xD.b-0xD.e" names the big-endian dword at byte offset 0xD, bits b..e, bit 0 being the
// dword's least significant bit. A layout is declared once as constexpr Field/Bytes values (see
// register_layouts.h, image_layouts.h); the same declaration packs and unpacks, so the model, the image tool
// and the tests cannot disagree about a bit position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace secnic::layout {

// An integer field of up to 32 bits inside one big-endian dword.
struct Field {
  uint32_t byte;  // byte offset of the containing big-endian dword (multiple of 4)
  uint8_t lsb;    // lowest bit, 0 = LSB of the dword
  uint8_t width;  // 1..32

  constexpr uint32_t mask() const { return width >= 32 ? 0xffffffffu : ((1u << width) - 1u); }
  constexpr uint32_t end() const { return byte + 4; }
};

// A 64-bit big-endian integer spanning bytes [byte, byte+8).
struct Field64 {
  uint32_t byte;
  constexpr uint32_t end() const { return byte + 8; }
};

// A run of raw bytes kept in buffer order (strings, keys, signatures, UUIDs).
struct Bytes {
  uint32_t byte;
  uint32_t length;
  constexpr uint32_t end() const { return byte + length; }
};

inline uint32_t load_be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}
inline void store_be32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}
inline uint32_t load_le32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}
inline void store_le32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
  p[2] = static_cast<uint8_t>(v >> 16);
  p[3] = static_cast<uint8_t>(v >> 24);
}

// Layouts are static program data, so a field outside the buffer is a simulator bug: it throws.
// Callers that handle host- or image-controlled sizes check lengths before they get here.
[[noreturn]] __attribute__((noinline, cold)) inline void throw_past_end(size_t size, uint32_t end) {
  throw std::out_of_range("layout field ends at " + std::to_string(end) + " past buffer of " +
                          std::to_string(size) + " bytes");
}
inline void check_span(size_t size, uint32_t end) {
  if (__builtin_expect(end > size, 0)) throw_past_end(size, end);
}

inline uint32_t get(const uint8_t* buf, size_t size, Field f) {
  check_span(size, f.end());
  return (load_be32(buf + f.byte) >> f.lsb) & f.mask();
}
inline void set(uint8_t* buf, size_t size, Field f, uint32_t value) {
  check_span(size, f.end());
  const uint32_t m = f.mask() << f.lsb;
  const uint32_t old = load_be32(buf + f.byte);
  store_be32(buf + f.byte, (old & ~m) | ((value << f.lsb) & m));
}
inline uint64_t get(const uint8_t* buf, size_t size, Field64 f) {
  check_span(size, f.end());
  return (uint64_t{load_be32(buf + f.byte)} << 32) | load_be32(buf + f.byte + 4);
}
inline void set(uint8_t* buf, size_t size, Field64 f, uint64_t value) {
  check_span(size, f.end());
  store_be32(buf + f.byte, static_cast<uint32_t>(value >> 32));
  store_be32(buf + f.byte + 4, static_cast<uint32_t>(value));
}

// Container conveniences (std::vector<uint8_t> or std::array<uint8_t, N>).
template <class Buf>
uint32_t get(const Buf& b, Field f) {
  return get(b.data(), b.size(), f);
}
template <class Buf>
void set(Buf& b, Field f, uint32_t v) {
  set(b.data(), b.size(), f, v);
}
template <class Buf>
uint64_t get(const Buf& b, Field64 f) {
  return get(b.data(), b.size(), f);
}
template <class Buf>
void set(Buf& b, Field64 f, uint64_t v) {
  set(b.data(), b.size(), f, v);
}
template <class Buf>
std::vector<uint8_t> get(const Buf& b, Bytes f) {
  check_span(b.size(), f.end());
  return std::vector<uint8_t>(b.data() + f.byte, b.data() + f.end());
}
// Copies `src` into the field, zero-padding (or truncating: callers check lengths first) to its length.
template <class Buf>
void set(Buf& b, Bytes f, const void* src, size_t n) {
  check_span(b.size(), f.end());
  const auto* s = static_cast<const uint8_t*>(src);
  for (uint32_t i = 0; i < f.length; ++i) b.data()[f.byte + i] = i < n ? s[i] : 0;
}
// A NUL-terminated (or field-length) string stored in a byte field.
template <class Buf>
std::string get_string(const Buf& b, Bytes f) {
  check_span(b.size(), f.end());
  std::string s;
  for (uint32_t i = 0; i < f.length && b.data()[f.byte + i] != 0; ++i) {
    s.push_back(static_cast<char>(b.data()[f.byte + i]));
  }
  return s;
}
template <class Buf>
void set_string(Buf& b, Bytes f, const std::string& s) {
  set(b, f, s.data(), s.size());
}

}  // namespace secnic::layout
