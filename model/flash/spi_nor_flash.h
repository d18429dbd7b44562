// SpiNorFlash: a 16 MiB SPI NOR flash part (Micron N25Q128A) as a loosely-timed TLM-2.0 target.
//
// One SPI transaction (chip select low .. high) is one b_transport call; spi_frame.h defines the
// mapping. The part behaves as real NOR does: erase sets bytes to 0xFF, program only clears bits
// (new = old AND data) and wraps within its 256-byte page, program and erase need the write enable
// latch (WEL, set by WREN, cleared when the operation completes), and while an operation runs
// (WIP = 1) every command but RDSR is ignored. Unknown opcodes are ignored and logged.
//
// Time: an access happens at sc_time_stamp() + delay. Operations are self-timed from time stamps:
// an operation started by a frame ending at t runs until t + its data-sheet time, and WIP reads 1
// until then. Nothing in the part waits or polls; there is no process.
//
// Contents change when an operation starts (the part's internal state the firmware cannot observe
// while WIP = 1), so a process that exits mid-operation leaves the completed result. A power cut
// before the operation's end replaces it by a torn result (torn_operation.h).
//
// Power: power_off()/power_on(); while unpowered every frame completes with
// TLM_GENERIC_ERROR_RESPONSE. Fault injection: program/erase operations are numbered from 0
// (op_count()); arm_cut() makes the part lose power at operation k, before it, after it or in the
// middle of it, and tells an observer.
//
// DMI: read-only access to the array, refused while unpowered or while an operation runs, and
// invalidated when an operation starts or power goes. Its read latency is the time of one byte on
// the wire. Debug transport reads and writes the array directly (raw bytes, no NOR rules, no time).
#pragma once

#include <tlm_utils/simple_target_socket.h>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <systemc>
#include <tlm>
#include <vector>

#include "model/flash/flash_backing_store.h"
#include "model/flash/spi_frame.h"
#include "model/flash/spi_nor_flash_config.h"
#include "model/flash/spi_nor_part.h"

namespace secnic::model {

enum class FlashOperationKind { kPageProgram, kSubsectorErase, kSectorErase, kBulkErase };
const char* to_string(FlashOperationKind kind);

// Where an armed power cut lands relative to its operation.
enum class CutMode {
  kBeforeOp,  // the operation is not applied at all
  kAfterOp,   // the operation is applied completely
  kTornOp,    // the operation is torn at a seed-chosen progress
};
const char* to_string(CutMode mode);

// An operation about to start (what an operation observer sees).
struct FlashOperationStart {
  uint64_t op_index;
  FlashOperationKind kind;
  uint32_t address;           // first byte the operation touches (page or erase block)
  uint32_t length;            // bytes it touches
  sc_core::sc_time start;     // simulated time the operation starts
  sc_core::sc_time duration;  // its data-sheet time
};

// What an observer learns when an armed cut fires.
struct PowerCut {
  uint64_t op_index;
  CutMode mode;
  uint64_t seed;
  FlashOperationKind kind;
  uint32_t address;     // first byte the operation touches (page or erase block)
  uint32_t length;      // bytes it touches
  uint32_t progress;    // 0..torn::kProgressComplete (65536)
  sc_core::sc_time at;  // simulated time the power went away
};

class SpiNorFlash : public sc_core::sc_module {
 public:
  using PowerCutObserver = std::function<void(const PowerCut&)>;
  using OperationObserver = std::function<void(const FlashOperationStart&)>;

  tlm_utils::simple_target_socket<SpiNorFlash> socket;

  // A part whose array lives in memory, erased.
  explicit SpiNorFlash(const sc_core::sc_module_name& name, const SpiNorFlashConfig& config = {});
  // A part whose array lives in `backing_path` (kSharedFile creates it erased when absent).
  // Throws FlashBackingError when the file cannot be used, FlashConfigError on a bad config.
  SpiNorFlash(const sc_core::sc_module_name& name, const std::string& backing_path,
              FlashBacking backing = FlashBacking::kSharedFile,
              const SpiNorFlashConfig& config = {});
  ~SpiNorFlash() override;
  SpiNorFlash(const SpiNorFlash&) = delete;
  SpiNorFlash& operator=(const SpiNorFlash&) = delete;

  const SpiNorPart& part() const { return m_part; }
  const SpiNorFlashConfig& config() const { return m_config; }
  uint32_t size() const { return m_part.size; }
  // The array as it is now (an operation in progress shows its result).
  const uint8_t* contents() const { return m_store.data(); }

  // Volatile state to its power-on values: WEL clear, no operation in progress (one in progress is
  // left completed). Power, contents, op_count() and an armed cut are unchanged.
  void reset();

  // Power goes away at `at` (default: sc_time_stamp()). An operation still running at that time
  // is torn with progress elapsed/duration, keyed by its index and config().torn_seed.
  void power_off();
  void power_off(const sc_core::sc_time& at);
  void power_on();
  bool powered() const { return m_powered; }

  // The status register as RDSR would read it at `t` (no side effects).
  uint8_t status_at(const sc_core::sc_time& t) const;
  bool busy_at(const sc_core::sc_time& t) const;
  // End of the operation in progress, if any.
  std::optional<sc_core::sc_time> operation_end() const;

  // Wire time of one byte, and of a whole frame with `data_bytes` bytes of data phase.
  sc_core::sc_time byte_time() const { return m_byte_time; }
  sc_core::sc_time frame_time(uint8_t opcode, uint64_t data_bytes) const;
  // Duration of a page program latching `bytes` bytes (1..page size).
  sc_core::sc_time page_program_time(uint32_t bytes) const;

  // Program/erase operations started so far; the next one has this index.
  uint64_t op_count() const { return m_op_count; }
  // Arms a one-shot power cut at operation `op_index` (>= op_count(), else std::invalid_argument).
  // When operation k starts, the part applies it as `mode` says, loses power, the frame that
  // started it completes with TLM_GENERIC_ERROR_RESPONSE, and the observer is called (from inside
  // b_transport: it must not wait()). A torn cut is reproducible bit for bit from (k, seed).
  void arm_cut(uint64_t op_index, CutMode mode, uint64_t seed);
  void disarm_cut() { m_cut.reset(); }
  bool cut_armed() const { return m_cut.has_value(); }
  void on_power_cut(PowerCutObserver observer) { m_observer = std::move(observer); }
  // Called when program/erase operation k is about to start, before anything is applied: the
  // observer may arm_cut(k, ...) or power_off() (then the operation is not applied and its frame
  // fails). A power-fail campaign branches the card here.
  void on_operation_start(OperationObserver observer) {
    m_operation_observer = std::move(observer);
  }

  // Write generations, per 64 KiB sector: every operation that changes a sector (program, erase,
  // a torn operation) gives it a new value from a counter. Two moments with equal generations over
  // a range hold equal bytes there, so work that only depends on those bytes can be reused (a
  // power-fail campaign's boot cache). A forked branch moves the counter to a base of its own so
  // its generations never collide with the parent's or another branch's.
  static constexpr uint32_t kGenerationGranule = 0x10000;
  const std::vector<uint64_t>& sector_generations() const { return m_generations; }
  void set_generation_base(uint64_t base) { m_generation_counter = base; }

  // In a forked child of a process that owns a kSharedFile part: keep working on a private copy.
  void make_private();
  FlashBacking backing() const { return m_store.mode(); }

 private:
  enum class DataPhase { kNone, kFromPart, kToPart };
  struct Access {
    tlm::tlm_generic_payload& payload;
    uint32_t address;
    sc_core::sc_time start;  // chip select low
    sc_core::sc_time end;    // chip select high
  };
  struct Command {
    uint8_t opcode;
    const char* name;
    unsigned address_bytes;
    unsigned dummy_bytes;
    DataPhase data;
    bool allowed_while_busy;
    tlm::tlm_response_status (SpiNorFlash::*execute)(const Access&);
  };
  struct Operation {
    FlashOperationKind kind;
    uint64_t index;
    uint32_t address;
    uint32_t length;
    sc_core::sc_time start;
    sc_core::sc_time end;
    std::vector<uint8_t> before;  // contents before the operation, for tearing
  };
  struct ArmedCut {
    uint64_t op_index;
    CutMode mode;
    uint64_t seed;
  };

  static const std::vector<Command>& commands();
  void build_decoder();
  void bind_socket();

  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  tlm::tlm_response_status transfer(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned int transport_dbg(tlm::tlm_generic_payload& payload);

  tlm::tlm_response_status read_id(const Access& access);
  tlm::tlm_response_status read_array(const Access& access);
  tlm::tlm_response_status read_status(const Access& access);
  tlm::tlm_response_status write_enable(const Access& access);
  tlm::tlm_response_status write_disable(const Access& access);
  tlm::tlm_response_status page_program(const Access& access);
  tlm::tlm_response_status subsector_erase(const Access& access);
  tlm::tlm_response_status sector_erase(const Access& access);
  tlm::tlm_response_status bulk_erase(const Access& access);

  bool write_enabled(const Command& command);
  tlm::tlm_response_status erase(FlashOperationKind kind, uint32_t block_size,
                                 const sc_core::sc_time& duration, const Access& access);
  // Starts an operation on [address, address+length); `apply` writes its complete result.
  tlm::tlm_response_status start_operation(FlashOperationKind kind, uint32_t address,
                                           uint32_t length, const sc_core::sc_time& start,
                                           const sc_core::sc_time& duration,
                                           const std::function<void(uint8_t*)>& apply);
  void settle(const sc_core::sc_time& now);
  void tear_operation(uint32_t progress, uint64_t seed);
  void lose_power();
  void invalidate_dmi();
  sc_core::sc_time bytes_time(uint64_t bytes) const;

  const SpiNorPart& m_part;
  const SpiNorFlashConfig m_config;
  FlashBackingStore m_store;
  const sc_core::sc_time m_byte_time;
  std::array<const Command*, 256> m_decoder{};

  bool m_powered = true;
  bool m_write_enable_latch = false;
  bool m_operation_active = false;
  Operation m_operation{};
  uint64_t m_op_count = 0;
  std::vector<uint64_t> m_generations;  // per kGenerationGranule
  uint64_t m_generation_counter = 0;
  void touch_generations(uint32_t address, uint32_t length);
  std::optional<ArmedCut> m_cut;
  PowerCutObserver m_observer;
  OperationObserver m_operation_observer;
  bool m_dmi_granted = false;
  bool m_warned_read_clock = false;
  std::vector<uint8_t> m_page_latch;  // page buffer of the program in decode
};

}  // namespace secnic::model
