// A 16 MiB NOR flash in memory for the update FSM tests: erase sets 0xFF, program ANDs,
// datasheet-like operation times handed out through take_elapsed() (as the FlashDriver does), and
// power-cut injection at the k-th program/erase operation (before or after it takes effect).
#pragma once

#include <cstdint>
#include <optional>
#include <systemc>
#include <vector>

#include "firmware_model/flashdrv/flash_port.h"

namespace secnic::fw::test {

class MemoryFlash : public FlashPort {
 public:
  static constexpr uint32_t kSize = 16u << 20;
  static constexpr uint32_t kSubsector = 4096;
  static constexpr uint32_t kSector = 65536;
  // MT25QL128 typical times.
  static inline const sc_core::sc_time kSubsectorEraseTime{50, sc_core::SC_MS};
  static inline const sc_core::sc_time kSectorEraseTime{150, sc_core::SC_MS};
  static inline const sc_core::sc_time kPageProgramTime{500, sc_core::SC_US};

  // kTornOp: the operation is half done when power goes (program: the first half of its bytes
  // programmed; erase: the first half of its range erased).
  enum class CutWhen { kBeforeOp, kAfterOp, kTornOp };

  MemoryFlash() : m_bytes(kSize, 0xFF) {}

  uint32_t size() const override { return kSize; }
  uint32_t subsector_size() const override { return kSubsector; }
  uint32_t sector_size() const override { return kSector; }

  FlashResult read(uint32_t addr, uint8_t* dst, size_t len) override;
  FlashResult program(uint32_t addr, const uint8_t* src, size_t len) override;
  FlashResult erase(uint32_t addr, size_t len) override;

  sc_core::sc_time take_elapsed();

  // Test controls.
  void reset_contents() { m_bytes.assign(kSize, 0xFF); }
  void reset_counters() {
    m_ops = 0;
    m_erases = 0;
    m_fail_next_erase = m_fail_next_program = false;
  }
  void power_on() {
    m_powered = true;
    m_cut.reset();
  }
  bool powered() const { return m_powered; }
  // Power goes away at the program/erase operation with index `op_index` (0-based, see op_count()).
  void arm_cut(uint64_t op_index, CutWhen when) { m_cut = Cut{op_index, when}; }
  uint64_t op_count() const { return m_ops; }
  uint64_t erase_count() const { return m_erases; }
  void fail_next_erase() { m_fail_next_erase = true; }
  void fail_next_program() { m_fail_next_program = true; }
  std::vector<uint8_t>& bytes() { return m_bytes; }
  std::vector<uint8_t> slice(uint32_t addr, size_t len) const {
    return std::vector<uint8_t>(m_bytes.begin() + addr, m_bytes.begin() + addr + len);
  }

 private:
  struct Cut {
    uint64_t op_index;
    CutWhen when;
  };
  // Counts an operation; returns kPowerLost if it must not (or no longer) take effect, and sets
  // `apply_then_cut` when it takes effect but power goes right after.
  std::optional<FlashResult> begin_op(bool& apply_then_cut, bool& torn);

  std::vector<uint8_t> m_bytes;
  bool m_powered = true;
  std::optional<Cut> m_cut;
  uint64_t m_ops = 0;
  uint64_t m_erases = 0;
  bool m_fail_next_erase = false;
  bool m_fail_next_program = false;
  sc_core::sc_time m_elapsed = sc_core::SC_ZERO_TIME;
};

}  // namespace secnic::fw::test
