#include "model/flash/torn_operation.h"

namespace secnic::model::torn {
namespace {
constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kIndexSalt = 0x243F6A8885A308D3ull;  // pi, keeps index and seed apart
constexpr uint64_t kProgressSalt = 0x13198A2E03707344ull;
}  // namespace

uint64_t mix64(uint64_t x) {
  x += kGolden;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

uint64_t operation_key(uint64_t op_index, uint64_t seed) {
  return mix64(seed ^ mix64(op_index ^ kIndexSalt));
}

uint32_t cut_progress(uint64_t op_index, uint64_t seed) {
  const uint64_t h = mix64(operation_key(op_index, seed) ^ kProgressSalt);
  constexpr uint32_t kLow = kProgressComplete / 16;
  constexpr uint32_t kSpan = kProgressComplete * 14 / 16;
  return kLow + static_cast<uint32_t>(h % (kSpan + 1));
}

void tear(const uint8_t* before, const uint8_t* after, uint8_t* out, size_t len, uint32_t progress,
          uint64_t key) {
  // Bytes caught mid-change: none at either end of the operation, most (1/4) half-way through.
  const uint32_t partial_limit =
      progress + static_cast<uint32_t>(uint64_t{progress} * (kProgressComplete - progress) /
                                       kProgressComplete);
  for (size_t i = 0; i < len; ++i) {
    const uint8_t old_byte = before[i];
    const uint8_t new_byte = after[i];
    if (old_byte == new_byte) {
      out[i] = old_byte;
      continue;
    }
    const uint64_t h = mix64(key ^ ((i + 1) * kGolden));
    const uint32_t draw = static_cast<uint32_t>(h & 0xFFFF);
    if (draw < progress) {
      out[i] = new_byte;
    } else if (draw < partial_limit) {
      const uint8_t moved = static_cast<uint8_t>((old_byte ^ new_byte) & (h >> 16));
      out[i] = static_cast<uint8_t>(old_byte ^ moved);
    } else {
      out[i] = old_byte;
    }
  }
}

}  // namespace secnic::model::torn
