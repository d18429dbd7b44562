#include "testbench/update/fsm_bench.h"

#include <algorithm>
#include <cstring>

#include "firmware_model/image/image_layouts.h"

namespace secnic::fw::test {

namespace {

constexpr uint32_t kJournalMagic = 0x424A524E;  // "BJRN"

uint32_t load32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}
void store32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}
uint32_t checksum(const uint8_t* p) {
  return load32(p) ^ load32(p + 4) ^ load32(p + 8) ^ load32(p + 12) ^ 0x5A5A5A5A;
}

struct Record {
  uint32_t sequence;
  uint8_t slot;
};

std::optional<Record> parse_record(const uint8_t* p) {
  if (load32(p) != kJournalMagic || load32(p + 16) != checksum(p)) return std::nullopt;
  return Record{load32(p + 4), static_cast<uint8_t>(load32(p + 8))};
}

}  // namespace

void ScriptedVerifier::reset() {
  verdict = ComponentVerdict{};
  verdict.info.version = (14u << 24) | (23u << 16) | 1020u;
  verdict.info.release_year = 0x2025;
  verdict.info.release_month = 0x11;
  verdict.info.release_day = 0x30;
  std::strcpy(verdict.info.product_version, "14.23.1020");
  verdict.info.product_version_length = 10;
  std::strcpy(verdict.info.psid, "MT_2420110034");
  seen.clear();
  calls = 0;
}

FlashResult FlashJournalDouble::read_preferred_slot(uint8_t& slot) {
  std::vector<uint8_t> sector(MemoryFlash::kSector);
  const FlashResult r = m_flash.read(kBase, sector.data(), sector.size());
  if (r != FlashResult::kOk) return r;
  std::optional<Record> newest;
  for (uint32_t off = 0; off < sector.size(); off += kRecordSize) {
    auto rec = parse_record(sector.data() + off);
    if (rec && (!newest || rec->sequence > newest->sequence)) newest = rec;
  }
  slot = newest ? newest->slot : 0;
  return FlashResult::kOk;
}

FlashResult FlashJournalDouble::record_active_slot(const ComponentInfo& image) {
  std::vector<uint8_t> sector(MemoryFlash::kSector);
  FlashResult r = m_flash.read(kBase, sector.data(), sector.size());
  if (r != FlashResult::kOk) return r;
  uint32_t next_sequence = 1;
  uint32_t free_offset = UINT32_MAX;
  for (uint32_t off = 0; off < sector.size(); off += kRecordSize) {
    if (auto rec = parse_record(sector.data() + off)) {
      next_sequence = std::max(next_sequence, rec->sequence + 1);
    } else if (free_offset == UINT32_MAX &&
               std::all_of(sector.begin() + off, sector.begin() + off + kRecordSize,
                           [](uint8_t b) { return b == 0xFF; })) {
      free_offset = off;
    }
  }
  if (free_offset == UINT32_MAX) return FlashResult::kDeviceError;  // the double never wraps
  uint8_t record[kRecordSize];
  std::memset(record, 0xFF, sizeof(record));
  store32(record, kJournalMagic);
  store32(record + 4, next_sequence);
  store32(record + 8, image.slot);
  store32(record + 12, image.size);
  store32(record + 16, checksum(record));
  return m_flash.program(kBase + free_offset, record, sizeof(record));
}

int FlashJournalDouble::record_count() const {
  int n = 0;
  for (uint32_t off = 0; off < MemoryFlash::kSector; off += kRecordSize) {
    if (parse_record(m_flash.slice(kBase + off, kRecordSize).data())) ++n;
  }
  return n;
}

std::optional<uint8_t> FlashJournalDouble::recorded_slot() const {
  std::optional<Record> newest;
  for (uint32_t off = 0; off < MemoryFlash::kSector; off += kRecordSize) {
    auto bytes = m_flash.slice(kBase + off, kRecordSize);
    auto rec = parse_record(bytes.data());
    if (rec && (!newest || rec->sequence > newest->sequence)) newest = rec;
  }
  if (!newest) return std::nullopt;
  return newest->slot;
}

FsmBench& FsmBench::get() {
  static FsmBench* bench = new FsmBench();  // lives for the process, like the elaborated design
  return *bench;
}

FsmBench::FsmBench()
    : fsm("fsm", state,
          UpdateFsmPorts{&flash,
                         &verifier,
                         &journal,
                         [this] { return flash.take_elapsed(); },
                         {},
                         [this] { ++power_lost_calls; },
                         {}}),
      fsm2("fsm2", state2,
           UpdateFsmPorts{&flash,
                          &verifier,
                          &journal,
                          [this] { return flash.take_elapsed(); },
                          {},
                          [this] { ++power_lost_calls; },
                          {}}) {
  // SystemC warnings and errors fail the test.
  sc_core::sc_report_handler::set_actions(sc_core::SC_WARNING, sc_core::SC_THROW);
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
}

void FsmBench::reset() {
  run_to_idle();  // let a job of the previous test see its end
  flash.power_on();
  flash.reset_contents();
  flash.reset_counters();
  flash.take_elapsed();
  verifier.reset();
  power_lost_calls = 0;

  running_bytes = with_magic(make_component(0x5000, 1));
  std::copy(running_bytes.begin(), running_bytes.end(), flash.bytes().begin());
  running_info = ComponentInfo{};
  running_info.size = static_cast<uint32_t>(running_bytes.size());
  running_info.version = (14u << 24) | (22u << 16) | 4020u;
  running_info.release_year = 0x2025;
  running_info.release_month = 0x11;
  running_info.release_day = 0x24;
  std::strcpy(running_info.product_version, "14.22.4020");
  running_info.product_version_length = 10;
  std::strcpy(running_info.psid, "MT_2420110034");
  running_info.slot = 0;
  power_on_update_fsm_state(state, running_info);
  state2 = UpdateFsmState{};  // no second process yet
  run_to_idle();
}

std::vector<uint8_t> make_component(uint32_t size, uint32_t seed) {
  std::vector<uint8_t> bytes(size);
  uint32_t x = seed * 2654435761u + 12345u;
  for (auto& b : bytes) {
    x = x * 1103515245u + 12345u;
    b = static_cast<uint8_t>(x >> 16);
  }
  std::fill_n(bytes.begin(), std::min<size_t>(16, bytes.size()), uint8_t{0xFF});
  return bytes;
}

std::vector<uint8_t> with_magic(std::vector<uint8_t> component) {
  std::copy(image::layout::header::kMagic.begin(), image::layout::header::kMagic.end(),
            component.begin());
  return component;
}

namespace {
// The first start runs SystemC's initialisation phase (the FSM threads start).
void initialise_kernel() {
  if (sc_core::sc_get_status() == sc_core::SC_ELABORATION) sc_core::sc_start(sc_core::SC_ZERO_TIME);
}
}  // namespace

void run_to_idle() {
  initialise_kernel();
  if (sc_core::sc_pending_activity()) sc_core::sc_start();
}

void advance(const sc_core::sc_time& t) {
  initialise_kernel();
  if (t > sc_core::SC_ZERO_TIME) {
    sc_core::sc_start(t);
  } else if (sc_core::sc_pending_activity_at_current_time()) {
    sc_core::sc_start(sc_core::SC_ZERO_TIME);
  }
}

bool operator==(const MccReply& a, const MccReply& b) {
  return a.status == b.status && a.control_state == b.control_state &&
         a.error_code == b.error_code && a.control_progress == b.control_progress &&
         a.update_handle == b.update_handle &&
         a.time_elapsed_since_last_cmd == b.time_elapsed_since_last_cmd;
}

void ToolDriver::after_access() {
  advance(m_take_host_time());  // LT: the caller syncs the flash time of a synchronous access
  if (m_deterministic) run_to_idle();
}

MccReply ToolDriver::open() {
  MccReply r = query();
  m_handle = r.update_handle & 0xFFFFFF;
  return r;
}

MccReply ToolDriver::mcc(MccInstruction instruction, uint32_t component_size) {
  MccCommand cmd;
  cmd.is_set = instruction != MccInstruction::kQuery;
  cmd.instruction = instruction;
  cmd.update_handle = m_handle;
  cmd.component_size = component_size;
  m_sends.clear();
  m_sends.push_back(m_fsm.mcc(cmd));
  after_access();
  if (m_sends.back().status != RegStatus::kOk) {  // small registers are sent again after a failure
    m_sends.push_back(m_fsm.mcc(cmd));
    after_access();
  }
  m_last = m_sends.back();
  return m_last;
}

MccReply ToolDriver::query() { return mcc(MccInstruction::kQuery); }

RegStatus ToolDriver::write_component(const std::vector<uint8_t>& component) {
  for (size_t offset = 0; offset < component.size(); offset += 128) {
    const size_t size = std::min<size_t>(128, component.size() - offset);
    const RegStatus status =
        m_fsm.mcda_write(m_handle, static_cast<uint32_t>(offset), component.data() + offset, size);
    after_access();
    if (status != RegStatus::kOk) return status;
  }
  return RegStatus::kOk;
}

RegStatus ToolDriver::read_component(uint32_t size, std::vector<uint8_t>& out) {
  out.clear();
  for (uint32_t offset = 0; offset < size; offset += 128) {
    std::vector<uint8_t> chunk;
    const RegStatus status =
        m_fsm.mcda_read(m_handle, offset, std::min<uint32_t>(128, size - offset), chunk);
    after_access();
    if (status != RegStatus::kOk) return status;
    out.insert(out.end(), chunk.begin(), chunk.end());
  }
  return RegStatus::kOk;
}

MccReply ToolDriver::poll_while_initialize(int max_polls) {
  for (int i = 0; i < max_polls && m_last.status == RegStatus::kOk &&
                  m_last.control_state == FsmState::kInitialize;
       ++i) {
    if (!m_deterministic) advance(sc_core::sc_time(240, sc_core::SC_MS));
    query();
  }
  return m_last;
}

void ToolDriver::close() {
  if (m_last.control_state != FsmState::kIdle) {
    mcc(MccInstruction::kCancel);
    mcc(MccInstruction::kReleaseUpdateHandle);
  }
}

}  // namespace secnic::fw::test
