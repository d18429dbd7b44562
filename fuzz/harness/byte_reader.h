// Splits a fuzz input into typed values, front to back. Reading past the end yields zeros (and
// empty byte runs), so every input decodes to something and a short input is simply a short
// program; exhausted() tells the harness when to stop.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace secnic::fuzz {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : m_data(data), m_size(size) {}

  bool exhausted() const { return m_pos >= m_size; }
  size_t remaining() const { return m_size - std::min(m_pos, m_size); }

  uint8_t u8() { return m_pos < m_size ? m_data[m_pos++] : 0; }
  uint16_t u16() {  // big-endian
    const uint16_t hi = u8();
    return static_cast<uint16_t>(hi << 8 | u8());
  }
  uint32_t u32() {  // big-endian
    const uint32_t hi = u16();
    return hi << 16 | u16();
  }
  // Up to `n` bytes (fewer when the input ends).
  std::vector<uint8_t> bytes(size_t n) {
    const size_t take = std::min(n, remaining());
    std::vector<uint8_t> out(m_data + m_pos, m_data + m_pos + take);
    m_pos += take;
    return out;
  }

 private:
  const uint8_t* m_data;
  size_t m_size;
  size_t m_pos = 0;
};

}  // namespace secnic::fuzz
