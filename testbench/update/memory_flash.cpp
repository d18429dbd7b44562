#include "testbench/update/memory_flash.h"

#include <algorithm>

namespace secnic::fw::test {

FlashResult MemoryFlash::read(uint32_t addr, uint8_t* dst, size_t len) {
  if (!m_powered) return FlashResult::kPowerLost;
  if (uint64_t{addr} + len > kSize) return FlashResult::kOutOfRange;
  std::copy_n(m_bytes.begin() + addr, len, dst);
  return FlashResult::kOk;
}

std::optional<FlashResult> MemoryFlash::begin_op(bool& apply_then_cut, bool& torn) {
  apply_then_cut = false;
  torn = false;
  if (!m_powered) return FlashResult::kPowerLost;
  const uint64_t index = m_ops++;
  if (m_cut && m_cut->op_index == index) {
    if (m_cut->when == CutWhen::kBeforeOp) {
      m_powered = false;
      return FlashResult::kPowerLost;
    }
    apply_then_cut = true;
    torn = m_cut->when == CutWhen::kTornOp;
  }
  return std::nullopt;
}

FlashResult MemoryFlash::program(uint32_t addr, const uint8_t* src, size_t len) {
  if (uint64_t{addr} + len > kSize) return FlashResult::kOutOfRange;
  bool cut_after = false;
  bool torn = false;
  if (auto early = begin_op(cut_after, torn)) return *early;
  if (m_fail_next_program) {
    m_fail_next_program = false;
    return FlashResult::kDeviceError;
  }
  const size_t applied = torn ? len / 2 : len;
  for (size_t i = 0; i < applied; ++i) m_bytes[addr + i] &= src[i];
  const uint64_t pages = (uint64_t{addr} % 256 + len + 255) / 256;
  m_elapsed += kPageProgramTime * static_cast<double>(pages);
  if (cut_after) {
    m_powered = false;
    return FlashResult::kPowerLost;
  }
  return FlashResult::kOk;
}

FlashResult MemoryFlash::erase(uint32_t addr, size_t len) {
  if (uint64_t{addr} + len > kSize) return FlashResult::kOutOfRange;
  if (addr % kSubsector != 0 || len % kSubsector != 0) return FlashResult::kMisaligned;
  bool cut_after = false;
  bool torn = false;
  if (auto early = begin_op(cut_after, torn)) return *early;
  ++m_erases;
  if (m_fail_next_erase) {
    m_fail_next_erase = false;
    return FlashResult::kDeviceError;
  }
  std::fill_n(m_bytes.begin() + addr, torn ? len / 2 : len, uint8_t{0xFF});
  m_elapsed += len == kSector ? kSectorEraseTime
                              : kSubsectorEraseTime * static_cast<double>(len / kSubsector);
  if (cut_after) {
    m_powered = false;
    return FlashResult::kPowerLost;
  }
  return FlashResult::kOk;
}

sc_core::sc_time MemoryFlash::take_elapsed() {
  const sc_core::sc_time t = m_elapsed;
  m_elapsed = sc_core::SC_ZERO_TIME;
  return t;
}

}  // namespace secnic::fw::test
