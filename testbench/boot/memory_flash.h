// An in-memory FlashPort with NOR semantics (erase -> 0xFF, program ANDs, erase granules aligned)
// and power-cut injection at the k-th program/erase operation (one page program or one subsector
// erase is one operation), for BootRom and journal tests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/flashdrv/flash_port.h"

namespace secnic::test {

enum class CutMode {
  kBeforeOp,  // operation k is not applied
  kTornOp,    // operation k is partly applied (seeded mix of old and new bits)
  kAfterOp,   // operation k is applied completely, then power goes
};

class MemoryFlash : public fw::FlashPort {
 public:
  explicit MemoryFlash(uint32_t size = fw::kFlashSize) : m_data(size, 0xFF) {}

  uint32_t size() const override { return static_cast<uint32_t>(m_data.size()); }
  uint32_t subsector_size() const override { return fw::kFlashSubsectorSize; }
  uint32_t sector_size() const override { return fw::kFlashSectorSize; }

  fw::FlashResult read(uint32_t addr, uint8_t* dst, size_t len) override {
    if (!m_powered) return fw::FlashResult::kPowerLost;
    if (m_fail_reads_from <= addr && addr < m_fail_reads_to) return fw::FlashResult::kDeviceError;
    if (uint64_t{addr} + len > m_data.size()) return fw::FlashResult::kOutOfRange;
    ++m_reads;
    std::memcpy(dst, m_data.data() + addr, len);
    return fw::FlashResult::kOk;
  }

  fw::FlashResult program(uint32_t addr, const uint8_t* src, size_t len) override {
    if (!m_powered) return fw::FlashResult::kPowerLost;
    if (uint64_t{addr} + len > m_data.size()) return fw::FlashResult::kOutOfRange;
    size_t done = 0;
    while (done < len) {
      const uint32_t at = addr + static_cast<uint32_t>(done);
      const size_t n = std::min<size_t>(len - done, fw::kFlashPageSize - at % fw::kFlashPageSize);
      const bool cut = take_op();
      if (cut && m_cut_mode == CutMode::kBeforeOp) return power_lost();
      for (size_t i = 0; i < n; ++i) {
        const uint8_t target = m_data[at + i] & src[done + i];
        m_data[at + i] =
            cut && m_cut_mode == CutMode::kTornOp ? torn(m_data[at + i], target) : target;
      }
      if (cut) return power_lost();
      done += n;
    }
    return fw::FlashResult::kOk;
  }

  fw::FlashResult erase(uint32_t addr, size_t len) override {
    if (!m_powered) return fw::FlashResult::kPowerLost;
    if (addr % fw::kFlashSubsectorSize != 0 || len % fw::kFlashSubsectorSize != 0) {
      return fw::FlashResult::kMisaligned;
    }
    if (uint64_t{addr} + len > m_data.size()) return fw::FlashResult::kOutOfRange;
    for (size_t done = 0; done < len; done += fw::kFlashSubsectorSize) {
      const bool cut = take_op();
      if (cut && m_cut_mode == CutMode::kBeforeOp) return power_lost();
      uint8_t* p = m_data.data() + addr + done;
      for (uint32_t i = 0; i < fw::kFlashSubsectorSize; ++i) {
        p[i] = cut && m_cut_mode == CutMode::kTornOp ? torn(p[i], 0xFF) : 0xFF;
      }
      if (cut) return power_lost();
    }
    return fw::FlashResult::kOk;
  }

  // Arms a power cut at program/erase operation `op_index` (counted from now, 0-based).
  void arm_cut(uint64_t op_index, CutMode mode, uint64_t seed) {
    m_cut_at = m_ops + op_index;
    m_cut_armed = true;
    m_cut_mode = mode;
    m_rng.seed(seed);
  }
  void power_on() {
    m_powered = true;
    m_cut_armed = false;
  }
  bool powered() const { return m_powered; }
  uint64_t op_count() const { return m_ops; }
  uint64_t read_count() const { return m_reads; }
  void fail_reads(uint32_t from, uint32_t to) {
    m_fail_reads_from = from;
    m_fail_reads_to = to;
  }

  std::vector<uint8_t>& data() { return m_data; }
  // Test set-up without counting operations: erase a range and write bytes as a factory would.
  void load(uint32_t addr, const std::vector<uint8_t>& bytes) {
    std::copy(bytes.begin(), bytes.end(), m_data.begin() + addr);
  }

 private:
  bool take_op() {
    const bool cut = m_cut_armed && m_ops == m_cut_at;
    ++m_ops;
    return cut;
  }
  fw::FlashResult power_lost() {
    m_powered = false;
    m_cut_armed = false;
    return fw::FlashResult::kPowerLost;
  }
  // A torn cell: some of the bits that should change did, chosen by the seed.
  uint8_t torn(uint8_t old_value, uint8_t new_value) {
    const uint8_t changing = old_value ^ new_value;
    const uint8_t applied = static_cast<uint8_t>(m_rng()) & changing;
    return static_cast<uint8_t>(old_value ^ applied);
  }

  std::vector<uint8_t> m_data;
  bool m_powered = true;
  uint64_t m_ops = 0;
  uint64_t m_reads = 0;
  bool m_cut_armed = false;
  uint64_t m_cut_at = 0;
  CutMode m_cut_mode = CutMode::kBeforeOp;
  std::mt19937_64 m_rng;
  uint32_t m_fail_reads_from = 1;
  uint32_t m_fail_reads_to = 0;
};

}  // namespace secnic::test
