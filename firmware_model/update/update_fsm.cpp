#include "firmware_model/update/update_fsm.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>

#include "firmware_model/crypto/digest.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/log/firmware_log.h"

namespace secnic::fw {

struct UpdateFsm::Outcome {
  RegStatus status = RegStatus::kOk;
  MccError error = MccError::kOk;

  bool ok() const { return status == RegStatus::kOk; }
  static Outcome accepted() { return {}; }
  // A command the firmware refuses (bad state, bad parameter, rejected image): BAD_PARAM + error
  // code.
  static Outcome rejected(MccError error) { return {RegStatus::kBadParam, error}; }
  // The firmware could not do what was asked (flash failure, power loss).
  static Outcome failed(MccError error) { return {RegStatus::kInternalError, error}; }
};

namespace {

constexpr uint32_t kHandleMask = 0xFFFFFF;
constexpr uint16_t kMaxElapsedSeconds = 0xFFF;  // MCC.time_elapsed_since_last_cmd is 12 bits

uint64_t to_ps(const sc_core::sc_time& t) {
  return static_cast<uint64_t>(t / sc_core::sc_time(1, sc_core::SC_PS) + 0.5);
}

void sha256(const uint8_t* data, size_t size, uint8_t (&out)[32]) {
  const std::vector<uint8_t> digest = crypto::sha256(data, size);
  if (digest.size() != sizeof(out)) throw std::logic_error("UpdateFsm: SHA-256 of unexpected size");
  std::copy(digest.begin(), digest.end(), out);
}
}  // namespace

UpdateFsm::UpdateFsm(sc_core::sc_module_name name, UpdateFsmState& state, UpdateFsmPorts ports,
                     UpdateFsmConfig config)
    : sc_core::sc_module(name), m_state(state), m_ports(std::move(ports)), m_config(config) {
  if (m_ports.flash == nullptr || m_ports.verifier == nullptr || m_ports.boot_control == nullptr) {
    throw std::invalid_argument("UpdateFsm: flash, verifier and boot_control ports are required");
  }
  const uint32_t granule = m_ports.flash->subsector_size();
  if (granule == 0 || m_config.slot_size == 0 || m_config.slot_size % granule != 0) {
    throw std::invalid_argument(
        "UpdateFsm: slot_size must be a non-zero multiple of the erase granule");
  }
  for (uint32_t base : m_config.slot_base) {
    if (base % granule != 0 || uint64_t{base} + m_config.slot_size > m_ports.flash->size()) {
      throw std::invalid_argument("UpdateFsm: slot at " + std::to_string(base) +
                                  " is misaligned or does not fit the flash");
    }
  }
  if (m_config.slot_base[0] < m_config.slot_base[1]
          ? m_config.slot_base[0] + m_config.slot_size > m_config.slot_base[1]
          : m_config.slot_base[1] + m_config.slot_size > m_config.slot_base[0]) {
    throw std::invalid_argument("UpdateFsm: slots A and B overlap");
  }
  SC_THREAD(job_thread);
}

// ---------------------------------------------------------------------------------------------------
// Host-facing calls

MccReply UpdateFsm::mcc(const MccCommand& cmd) {
  if (!is_initialised(m_state)) {
    throw std::logic_error("UpdateFsm: state not initialised (call power_on_update_fsm_state)");
  }
  if (m_state.power_lost) return reply(cmd, RegStatus::kInternalError, MccError::kOk);
  recover_interrupted_step();
  expire_idle_session();
  if (m_state.power_lost) return reply(cmd, RegStatus::kInternalError, MccError::kOk);

  const MccInstruction instruction = cmd.is_set ? cmd.instruction : MccInstruction::kQuery;
  const FsmRule* rule = find_fsm_rule(m_state.control_state, instruction);
  if (rule == nullptr) {
    firmware_log()->warn("MCC {} rejected in state {}", to_string(instruction),
                         to_string(m_state.control_state));
    return reply(cmd, RegStatus::kBadParam, MccError::kError);
  }
  const bool from_owner = owns(cmd.update_handle);
  if (rule->handle == HandleRule::kOwnerHandle && !from_owner) {
    firmware_log()->warn("MCC {} rejected: update_handle {:#08x} is not the owner's",
                         to_string(instruction), cmd.update_handle & kHandleMask);
    return reply(cmd, RegStatus::kBadParam, MccError::kError);
  }
  if (rule->action == FsmAction::kReport) {
    // A QUERY is not a command: it reports the time since the owner's last one and does not reset
    // it.
    kick_job();
    if (from_owner && m_state.latched_error != MccError::kOk) {
      return reply(cmd, RegStatus::kInternalError, m_state.latched_error);
    }
    return reply(cmd, RegStatus::kOk, MccError::kOk);
  }

  if (from_owner) {
    touch();
    m_state.latched_error = MccError::kOk;  // the owner's next command clears it
  }
  const FsmState before = m_state.control_state;
  const Outcome outcome = run(rule->action, cmd);
  if (m_state.power_lost) return reply(cmd, RegStatus::kInternalError, MccError::kOk);
  if (!outcome.ok()) {
    firmware_log()->warn("MCC {} in state {} failed: status {:#x}, error {}",
                         to_string(instruction), to_string(before),
                         static_cast<unsigned>(outcome.status), to_string(outcome.error));
    return reply(cmd, outcome.status, outcome.error);
  }
  m_state.control_state = rule->next;
  if (before != rule->next) {
    firmware_log()->info("MCC {}: {} -> {}", to_string(instruction), to_string(before),
                         to_string(rule->next));
  }
  kick_job();
  return reply(cmd, RegStatus::kOk, MccError::kOk);
}

bool UpdateFsm::enter_mcda() {
  if (!is_initialised(m_state)) {
    throw std::logic_error("UpdateFsm: state not initialised (call power_on_update_fsm_state)");
  }
  if (m_state.power_lost) return false;
  recover_interrupted_step();
  expire_idle_session();
  if (m_state.power_lost) return false;
  kick_job();
  return true;
}

RegStatus UpdateFsm::mcda_write(uint32_t update_handle, uint32_t offset, const uint8_t* data,
                                size_t size) {
  if (!enter_mcda()) return RegStatus::kInternalError;

  auto refuse = [&](const char* why) {
    firmware_log()->warn("MCDA write offset {:#x} size {} refused: {}", offset, size, why);
    return RegStatus::kBadParam;
  };
  if (!owns(update_handle)) return refuse("update_handle is not the owner's");
  touch();
  if (m_state.control_state != FsmState::kDownload) return refuse("not in DOWNLOAD state");
  if (size == 0 || size > kMaxChunk) return refuse("size must be 1..128 bytes");
  if (data == nullptr) return refuse("no data");
  const uint32_t total = m_state.component_size;
  if (offset > total || size > total - offset) return refuse("beyond the announced component size");

  const uint32_t base = slot_base(m_state.target_slot);
  // Bytes below kMagicSize are never programmed from host data: the firmware writes the FS3 magic
  // there after verification.
  const uint32_t skip =
      offset < kMagicSize ? static_cast<uint32_t>(std::min(size, kMagicSize - offset)) : 0;

  const bool repeat_of_last = m_state.last_chunk_size != 0 && offset == m_state.last_chunk_offset &&
                              size == m_state.last_chunk_size &&
                              offset + size == m_state.write_pointer;
  if (repeat_of_last) {
    // A retransmission of the chunk just programmed: acknowledged only if identical, never
    // re-programmed.
    std::array<uint8_t, kMaxChunk> stored{};
    if (!flash_ok(m_ports.flash->read(base + offset + skip, stored.data(), size - skip),
                  "MCDA repeat read-back")) {
      return RegStatus::kInternalError;
    }
    if (std::memcmp(stored.data(), data + skip, size - skip) != 0) {
      return refuse("repeats the last chunk's offset with different data");
    }
    return RegStatus::kOk;
  }
  if (offset != m_state.write_pointer) return refuse("chunks must arrive in order without gaps");

  if (size > skip &&
      !flash_ok(m_ports.flash->program(base + offset + skip, data + skip, size - skip),
                "MCDA program")) {
    return RegStatus::kInternalError;  // the write pointer stays: the same chunk may be sent again
  }
  m_state.write_pointer = offset + static_cast<uint32_t>(size);
  m_state.last_chunk_offset = offset;
  m_state.last_chunk_size = static_cast<uint32_t>(size);
  return RegStatus::kOk;
}

RegStatus UpdateFsm::mcda_read(uint32_t update_handle, uint32_t offset, size_t size,
                               std::vector<uint8_t>& out) {
  if (!enter_mcda()) return RegStatus::kInternalError;

  auto refuse = [&](const char* why) {
    firmware_log()->warn("MCDA read offset {:#x} size {} refused: {}", offset, size, why);
    return RegStatus::kBadParam;
  };
  if (!owns(update_handle)) return refuse("update_handle is not the owner's");
  touch();
  if (m_state.control_state != FsmState::kUpload) return refuse("not in UPLOAD state");
  if (size == 0 || size > kMaxChunk) return refuse("size must be 1..128 bytes");
  const uint32_t total = m_state.upload_size;
  if (offset > total || size > total - offset) return refuse("beyond the component");

  std::vector<uint8_t> bytes(size);
  if (!flash_ok(m_ports.flash->read(slot_base(m_state.upload_slot) + offset, bytes.data(), size),
                "MCDA read")) {
    return RegStatus::kInternalError;
  }
  out = std::move(bytes);
  return RegStatus::kOk;
}

void UpdateFsm::power_on(const ComponentInfo& running) {
  power_on_update_fsm_state(m_state, running);
  kick_job();
}

// ---------------------------------------------------------------------------------------------------
// Register-layer queries

const ComponentInfo* UpdateFsm::pending_image() const {
  return m_state.pending ? &m_state.pending_image : nullptr;
}

uint32_t UpdateFsm::component_size(bool pending) const {
  if (pending && m_state.pending) return m_state.pending_image.size;
  return m_state.running.size;
}

uint8_t UpdateFsm::control_progress() const {
  switch (m_state.control_state) {
    case FsmState::kInitialize: {
      const uint64_t span = m_state.erase_end - m_state.erase_start;
      const uint64_t done = m_state.erase_next - m_state.erase_start;
      return span == 0 ? 100 : static_cast<uint8_t>(done * 100 / span);
    }
    case FsmState::kDownload:
      return m_state.component_size == 0 ? 0
                                         : static_cast<uint8_t>(uint64_t{m_state.write_pointer} *
                                                                100 / m_state.component_size);
    default:
      return 0;
  }
}

// ---------------------------------------------------------------------------------------------------
// Actions

UpdateFsm::Outcome UpdateFsm::run(FsmAction action, const MccCommand& cmd) {
  switch (action) {
    case FsmAction::kReport:
    case FsmAction::kNothing:
      return Outcome::accepted();
    case FsmAction::kLock:
      m_state.handle = cmd.update_handle & kHandleMask;
      m_state.handle_owned = 1;
      touch();
      return Outcome::accepted();
    case FsmAction::kRelease:
    case FsmAction::kForceRelease:
      end_session(/*release_handle=*/true);
      return Outcome::accepted();
    case FsmAction::kCancel:
      end_session(/*release_handle=*/false);
      return Outcome::accepted();
    case FsmAction::kStartUpdate:
      return start_update(cmd);
    case FsmAction::kVerify:
      return verify();
    case FsmAction::kActivate:
      return activate();
    case FsmAction::kStartRead:
      return start_read(/*pending=*/false);
    case FsmAction::kStartReadPending:
      return start_read(/*pending=*/true);
  }
  throw std::logic_error("UpdateFsm: action missing from run()");
}

UpdateFsm::Outcome UpdateFsm::start_update(const MccCommand& cmd) {
  if (m_state.pending) {
    firmware_log()->warn("UPDATE_COMPONENT: an activated image awaits reset");
    return Outcome::rejected(MccError::kBlockedPendingReset);
  }
  if (cmd.component_index != m_config.boot_image_component_index) {
    firmware_log()->warn("UPDATE_COMPONENT: component_index {} is not BOOT_IMG ({})",
                         cmd.component_index, m_config.boot_image_component_index);
    return Outcome::rejected(MccError::kOk);  // "Bad parameter"
  }
  if (cmd.component_size < kMagicSize || cmd.component_size > max_component_size()) {
    firmware_log()->warn("UPDATE_COMPONENT: component_size {:#x} outside {:#x}..{:#x}",
                         cmd.component_size, kMagicSize, max_component_size());
    return Outcome::rejected(MccError::kOk);
  }
  // The fail-safe protocol writes the slot that is not running. The test-only unsafe variant writes
  // over the running image (a power cut before activation then leaves nothing bootable) so that
  // power-fail campaigns can show they catch an unsafe protocol.
  const uint8_t target = m_config.unsafe_in_place_update
                             ? m_state.running.slot
                             : static_cast<uint8_t>(m_state.running.slot ^ 1);

  // The journal must not name the slot about to be rewritten (it can, after the BootRom fell back
  // from a bad image there): point it at the running slot first, so no later step can make that
  // slot boot.
  uint8_t preferred = 0;
  if (!flash_ok(m_ports.boot_control->read_preferred_slot(preferred), "journal read")) {
    return Outcome::failed(MccError::kError);
  }
  if (preferred == target && !m_config.unsafe_in_place_update) {
    firmware_log()->info("journal names slot {} which is not running: re-pointing it at slot {}",
                         target, m_state.running.slot);
    if (!flash_ok(m_ports.boot_control->record_active_slot(m_state.running), "journal write")) {
      return Outcome::failed(MccError::kError);
    }
  }

  const uint32_t granule = m_ports.flash->subsector_size();
  const uint32_t base = slot_base(target);
  m_state.component_index = cmd.component_index;
  m_state.component_size = cmd.component_size;
  m_state.target_slot = target;
  m_state.staged_verified = 0;
  m_state.staged = ComponentInfo{};
  m_state.write_pointer = 0;
  m_state.last_chunk_offset = 0;
  m_state.last_chunk_size = 0;
  m_state.erase_start = base;
  m_state.erase_next = base;
  m_state.erase_end = base + (cmd.component_size + granule - 1) / granule * granule;
  firmware_log()->info("UPDATE_COMPONENT: {:#x} bytes into slot {}, erasing [{:#x}, {:#x})",
                       cmd.component_size, target, m_state.erase_start, m_state.erase_end);
  return Outcome::accepted();
}

UpdateFsm::Outcome UpdateFsm::verify() {
  const uint32_t size = m_state.component_size;
  if (m_state.write_pointer != size) {
    firmware_log()->warn("VERIFY_COMPONENT: only {:#x} of {:#x} bytes were downloaded",
                         m_state.write_pointer, size);
    return Outcome::rejected(MccError::kRejectedBadFormat);
  }
  m_state.control_state = FsmState::kVerify;
  const uint32_t base = slot_base(m_state.target_slot);

  // Verify what is on flash, not what was received: read the component back.
  std::vector<uint8_t> image(size);
  if (!flash_ok(m_ports.flash->read(base, image.data(), size), "verify read-back")) {
    m_state.control_state = FsmState::kDownload;
    return Outcome::failed(MccError::kError);
  }
  std::fill_n(image.begin(), kMagicSize, uint8_t{0xFF});
  ComponentVerdict verdict = m_ports.verifier->verify(image.data(), image.size());
  if (verdict.error != MccError::kOk) {
    firmware_log()->warn("VERIFY_COMPONENT rejected ({}): {}", to_string(verdict.error),
                         verdict.reason);
    m_state.control_state = FsmState::kDownload;
    return Outcome::rejected(verdict.error);
  }

  // Accepted: only now does the slot get its FS3 magic (before this a BootRom cannot take it for an
  // image).
  std::copy(image::layout::header::kMagic.begin(), image::layout::header::kMagic.end(),
            image.begin());
  ComponentInfo staged = verdict.info;
  staged.size = size;
  staged.slot = m_state.target_slot;
  sha256(image.data(), image.size(), staged.sha256);
  if (m_ports.on_component_verified) m_ports.on_component_verified(staged);
  if (!flash_ok(m_ports.flash->program(base, image::layout::header::kMagic.data(),
                                       image::layout::header::kMagic.size()),
                "magic program")) {
    m_state.control_state = FsmState::kDownload;
    return Outcome::failed(MccError::kError);
  }
  m_state.staged = staged;
  m_state.staged_verified = 1;
  firmware_log()->info("VERIFY_COMPONENT accepted: version {:#010x} in slot {}", staged.version,
                       staged.slot);
  return Outcome::accepted();
}

UpdateFsm::Outcome UpdateFsm::activate() {
  if (m_state.pending && m_state.staged_verified &&
      m_state.pending_image.slot == m_state.target_slot) {
    return Outcome::accepted();  // already activated in this session
  }
  if (!m_state.staged_verified) {
    firmware_log()->warn("ACTIVATE: no verified component");
    return Outcome::rejected(MccError::kError);
  }
  m_state.control_state = FsmState::kActivate;
  if (!flash_ok(m_ports.boot_control->record_active_slot(m_state.staged), "journal write")) {
    m_state.control_state = FsmState::kLocked;
    return Outcome::failed(MccError::kError);
  }
  m_state.pending = 1;
  m_state.pending_image = m_state.staged;
  firmware_log()->info("ACTIVATE: slot {} boots at the next power-up", m_state.staged.slot);
  return Outcome::accepted();
}

UpdateFsm::Outcome UpdateFsm::start_read(bool pending) {
  const ComponentInfo* image = pending ? pending_image() : &m_state.running;
  if (image == nullptr || image->size == 0) {
    firmware_log()->warn("{}: no such image",
                         pending ? "READ_PENDING_COMPONENT" : "READ_COMPONENT");
    return Outcome::rejected(MccError::kError);
  }
  m_state.upload_slot = image->slot;
  m_state.upload_size = image->size;
  return Outcome::accepted();
}

// ---------------------------------------------------------------------------------------------------
// Session bookkeeping

bool UpdateFsm::owns(uint32_t update_handle) const {
  return m_state.handle_owned && (update_handle & kHandleMask) == m_state.handle;
}

uint64_t UpdateFsm::now_ps() const {
  return to_ps(m_ports.card_time ? m_ports.card_time() : sc_core::sc_time_stamp());
}

void UpdateFsm::touch() { m_state.last_command_ps = now_ps(); }

void UpdateFsm::expire_idle_session() {
  if (!m_state.handle_owned || m_state.control_state == FsmState::kInitialize) return;
  const uint64_t now = now_ps();
  if (now < m_state.last_command_ps) return;  // a clock that went back: never expire on it
  if (now - m_state.last_command_ps <= to_ps(m_config.idle_handle_timeout)) return;
  firmware_log()->warn("update handle {:#08x} idle for longer than {}: released", m_state.handle,
                       m_config.idle_handle_timeout.to_string());
  end_session(/*release_handle=*/true);
}

void UpdateFsm::recover_interrupted_step() {
  switch (m_state.control_state) {
    case FsmState::kVerify:
      // A process died while verifying: the magic may or may not be programmed; it is only ever
      // programmed after a successful verification, so the slot is harmless. Verify again.
      firmware_log()->warn("interrupted VERIFY_COMPONENT: back to DOWNLOAD");
      m_state.staged_verified = 0;
      m_state.control_state = FsmState::kDownload;
      break;
    case FsmState::kActivate: {
      // A process died while appending the journal record: the journal tells whether it got there.
      uint8_t preferred = 0;
      if (!flash_ok(m_ports.boot_control->read_preferred_slot(preferred), "journal read")) return;
      if (preferred == m_state.target_slot) {
        m_state.pending = 1;
        m_state.pending_image = m_state.staged;
      }
      firmware_log()->warn("interrupted ACTIVATE: journal names slot {}, back to LOCKED",
                           preferred);
      m_state.control_state = FsmState::kLocked;
      break;
    }
    case FsmState::kApply:
      m_state.control_state = FsmState::kLocked;
      break;
    default:
      break;
  }
}

void UpdateFsm::end_session(bool release_handle) {
  m_state.component_size = 0;
  m_state.erase_start = m_state.erase_next = m_state.erase_end = 0;
  m_state.write_pointer = 0;
  m_state.last_chunk_offset = m_state.last_chunk_size = 0;
  m_state.upload_slot = 0;
  m_state.upload_size = 0;
  m_state.latched_error = MccError::kOk;
  if (!m_state.pending) {
    m_state.staged_verified = 0;
    m_state.staged = ComponentInfo{};
  }
  if (release_handle) {
    m_state.handle_owned = 0;
    ++m_state.handle_generation;
    m_state.handle = offered_update_handle(m_state.handle_generation);
    m_state.control_state = FsmState::kIdle;
  } else {
    m_state.control_state = FsmState::kLocked;
  }
}

MccReply UpdateFsm::reply(const MccCommand& cmd, RegStatus status, MccError error) const {
  MccReply r;
  r.status = status;
  r.error_code = error;
  r.control_state = m_state.control_state;
  r.control_progress = control_progress();
  if (!m_state.handle_owned) {
    r.update_handle = m_state.handle;  // the handle on offer
  } else if (owns(cmd.update_handle)) {
    r.update_handle = m_state.handle;
  }
  if (m_state.handle_owned) {
    const uint64_t now = now_ps();
    const uint64_t seconds =
        now > m_state.last_command_ps ? (now - m_state.last_command_ps) / 1'000'000'000'000ull : 0;
    r.time_elapsed_since_last_cmd =
        static_cast<uint16_t>(std::min<uint64_t>(seconds, kMaxElapsedSeconds));
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Flash results and power loss

bool UpdateFsm::flash_ok(FlashResult result, const char* what) {
  if (result == FlashResult::kOk) return true;
  if (result == FlashResult::kPowerLost) {
    halt_power_lost(what);
  } else {
    firmware_log()->error("{}: flash reported {}", what, to_string(result));
  }
  return false;
}

void UpdateFsm::halt_power_lost(const char* what) {
  if (m_state.power_lost) return;
  m_state.power_lost = 1;
  firmware_log()->warn("{}: power lost; update FSM stopped until power-on", what);
  if (m_ports.on_power_lost) m_ports.on_power_lost();
}

// ---------------------------------------------------------------------------------------------------
// The INITIALIZE erase job

bool UpdateFsm::job_outstanding() const {
  return is_initialised(m_state) && !m_state.power_lost &&
         m_state.control_state == FsmState::kInitialize;
}

void UpdateFsm::kick_job() {
  if (!job_outstanding()) return;
  const sc_core::sc_status status = sc_core::sc_get_status();
  if (status == sc_core::SC_RUNNING || status == sc_core::SC_PAUSED) {
    m_job_requested.notify(sc_core::SC_ZERO_TIME);
  }
}

void UpdateFsm::job_thread() {
  for (;;) {
    if (!job_outstanding()) {
      wait(m_job_requested);
      continue;
    }
    if (m_state.erase_next >= m_state.erase_end) {
      m_state.control_state = FsmState::kDownload;
      touch();
      firmware_log()->info("INITIALIZE done: [{:#x}, {:#x}) erased, DOWNLOAD", m_state.erase_start,
                           m_state.erase_end);
      continue;
    }
    // One erase per step: a 64 KiB sector where one is wholly inside the range, else a 4 KiB
    // subsector.
    const uint32_t addr = m_state.erase_next;
    const uint32_t sector = m_ports.flash->sector_size();
    const uint32_t length = sector != 0 && addr % sector == 0 && m_state.erase_end - addr >= sector
                                ? sector
                                : m_ports.flash->subsector_size();
    const FlashResult result = m_ports.flash->erase(addr, length);
    const sc_core::sc_time took =
        m_ports.take_flash_time ? m_ports.take_flash_time() : sc_core::SC_ZERO_TIME;
    if (result == FlashResult::kPowerLost) {
      halt_power_lost("INITIALIZE erase");
      continue;
    }
    if (result != FlashResult::kOk) {
      firmware_log()->error("INITIALIZE erase at {:#x} failed: flash reported {}", addr,
                            to_string(result));
      end_session(/*release_handle=*/false);
      m_state.latched_error = MccError::kFlashEraseError;
      continue;
    }
    m_state.erase_next = addr + length;  // progress recorded before the time passes
    wait(took);
  }
}

}  // namespace secnic::fw
