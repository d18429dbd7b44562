// The elaborated top of the update FSM unit tests (SystemC elaborates once per process, so it is
// built once and reset before every test): an in-memory flash, a scripted verifier, a boot-control
// journal double on that flash, and two UpdateFsm instances — `fsm` (the current host-tool process)
// and `fsm2` (a later process mapping the same shared state, used by the resume tests).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <systemc>
#include <vector>

#include "firmware_model/update/boot_control_port.h"
#include "firmware_model/update/component_verifier.h"
#include "firmware_model/update/update_fsm.h"
#include "testbench/update/memory_flash.h"

namespace secnic::fw::test {

// Accepts or rejects as told, and keeps what it was asked to verify.
class ScriptedVerifier : public ComponentVerifier {
 public:
  ComponentVerdict verify(const uint8_t* component, size_t size) override {
    ++calls;
    seen.assign(component, component + size);
    return verdict;
  }
  void reset();

  ComponentVerdict verdict;
  std::vector<uint8_t> seen;
  int calls = 0;
};

// A minimal boot-control journal on the flash's last sector: one 256-byte page per record
// {magic, sequence, slot, size, checksum}; the newest intact record wins, slot A when there is
// none. Each append is one flash program, so power cuts apply to it.
class FlashJournalDouble : public BootControlPort {
 public:
  static constexpr uint32_t kBase = 0xFF0000;
  static constexpr uint32_t kRecordSize = 256;

  explicit FlashJournalDouble(MemoryFlash& flash) : m_flash(flash) {}
  FlashResult read_preferred_slot(uint8_t& slot) override;
  FlashResult record_active_slot(const ComponentInfo& image) override;
  // Number of intact records (test observation, no flash time).
  int record_count() const;
  std::optional<uint8_t> recorded_slot() const;

 private:
  MemoryFlash& m_flash;
};

struct FsmBench {
  static FsmBench& get();
  // Before each test: power on, fresh flash with a running image in slot A, state power-on, doubles
  // reset.
  void reset();

  MemoryFlash flash;
  ScriptedVerifier verifier;
  FlashJournalDouble journal{flash};
  UpdateFsmState state{};
  UpdateFsmState state2{};
  int power_lost_calls = 0;
  UpdateFsm fsm;
  UpdateFsm fsm2;

  std::vector<uint8_t> running_bytes;  // slot A contents installed by reset()
  ComponentInfo running_info;

 private:
  FsmBench();
};

// FS3-looking test bytes: `size` bytes of a deterministic pattern seeded by `seed`, the first 16
// bytes 0xFF (as mstflint sends a component) or the FS3 magic (as stored in a slot).
std::vector<uint8_t> make_component(uint32_t size, uint32_t seed);
std::vector<uint8_t> with_magic(std::vector<uint8_t> component);

// Drives an UpdateFsm as mstflint 4.21 does: the handle read once from QUERY, a failed MCC access
// sent a second time (registers <= 44 bytes), 128-byte MCDA chunks, the destructor's CANCEL +
// RELEASE when the last state seen was not IDLE. Flash time of each access is synced into the
// kernel (LT), and in deterministic mode the kernel runs to idle after every access.
class ToolDriver {
 public:
  // `take_host_time` hands out the flash time an access left behind (the flash driver's
  // take_elapsed()).
  ToolDriver(UpdateFsm& fsm, std::function<sc_core::sc_time()> take_host_time,
             bool deterministic = true)
      : m_fsm(fsm), m_take_host_time(std::move(take_host_time)), m_deterministic(deterministic) {}
  ToolDriver(UpdateFsm& fsm, MemoryFlash& flash, bool deterministic = true)
      : ToolDriver(
            fsm, [&flash] { return flash.take_elapsed(); }, deterministic) {}

  // FwCompsMgr constructor: QUERY (GET), adopt the handle.
  MccReply open();
  MccReply mcc(MccInstruction instruction, uint32_t component_size = 0);
  MccReply query();
  // Both replies of the last MCC access (the second only when the first failed).
  const std::vector<MccReply>& last_sends() const { return m_sends; }
  RegStatus write_component(const std::vector<uint8_t>& component);
  RegStatus read_component(uint32_t size, std::vector<uint8_t>& out);
  // INITIALIZE polling as controlFsm does (240 ms apart, at most max_polls).
  MccReply poll_while_initialize(int max_polls = 3000);
  // Destructor: CANCEL + RELEASE when the last state seen was not IDLE.
  void close();

  uint32_t handle() const { return m_handle; }
  void set_handle(uint32_t handle) { m_handle = handle; }
  MccReply last() const { return m_last; }

 private:
  void after_access();

  UpdateFsm& m_fsm;
  std::function<sc_core::sc_time()> m_take_host_time;
  bool m_deterministic;
  uint32_t m_handle = 0;
  MccReply m_last;
  std::vector<MccReply> m_sends;
};

// Runs the kernel until nothing is scheduled (deterministic mode between host accesses).
void run_to_idle();
// Lets `t` of simulated time pass.
void advance(const sc_core::sc_time& t);

bool operator==(const MccReply& a, const MccReply& b);

}  // namespace secnic::fw::test
