#include "model/flash/spi_nor_flash.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "model/flash/flash_log.h"
#include "model/flash/torn_operation.h"

namespace secnic::model {

using sc_core::sc_time;
using tlm::tlm_response_status;

const char* to_string(FlashOperationKind kind) {
  switch (kind) {
    case FlashOperationKind::kPageProgram:
      return "page program";
    case FlashOperationKind::kSubsectorErase:
      return "subsector erase";
    case FlashOperationKind::kSectorErase:
      return "sector erase";
    case FlashOperationKind::kBulkErase:
      return "bulk erase";
  }
  return "?";
}

const char* to_string(CutMode mode) {
  switch (mode) {
    case CutMode::kBeforeOp:
      return "before";
    case CutMode::kAfterOp:
      return "after";
    case CutMode::kTornOp:
      return "torn";
  }
  return "?";
}

namespace {

sc_time wire_byte_time(uint64_t sck_hz) {
  return sc_time(8.0 / static_cast<double>(sck_hz), sc_core::SC_SEC);
}

}  // namespace

// The part's command set, declared once: wire format (address and dummy bytes, data direction),
// whether it is accepted while an operation runs, and what it does.
const std::vector<SpiNorFlash::Command>& SpiNorFlash::commands() {
  namespace op = spi_opcode;
  static const std::vector<Command> table{
      {op::kReadId, "RDID", 0, 0, DataPhase::kFromPart, false, &SpiNorFlash::read_id},
      {op::kRead, "READ", 3, 0, DataPhase::kFromPart, false, &SpiNorFlash::read_array},
      {op::kFastRead, "FAST_READ", 3, 1, DataPhase::kFromPart, false, &SpiNorFlash::read_array},
      {op::kReadStatus, "RDSR", 0, 0, DataPhase::kFromPart, true, &SpiNorFlash::read_status},
      {op::kWriteEnable, "WREN", 0, 0, DataPhase::kNone, false, &SpiNorFlash::write_enable},
      {op::kWriteDisable, "WRDI", 0, 0, DataPhase::kNone, false, &SpiNorFlash::write_disable},
      {op::kPageProgram, "PP", 3, 0, DataPhase::kToPart, false, &SpiNorFlash::page_program},
      {op::kSubsectorErase, "SSE", 3, 0, DataPhase::kNone, false, &SpiNorFlash::subsector_erase},
      {op::kSectorErase, "SE", 3, 0, DataPhase::kNone, false, &SpiNorFlash::sector_erase},
      {op::kBulkErase, "BE", 0, 0, DataPhase::kNone, false, &SpiNorFlash::bulk_erase},
      {op::kBulkEraseAlt, "BE", 0, 0, DataPhase::kNone, false, &SpiNorFlash::bulk_erase},
  };
  return table;
}

SpiNorFlash::SpiNorFlash(const sc_core::sc_module_name& name, const SpiNorFlashConfig& config)
    : sc_module(name),
      socket("socket"),
      m_part(n25q128a()),
      m_config((config.validate(n25q128a()), config)),
      m_store(m_part.size),
      m_byte_time(wire_byte_time(m_config.sck_hz)) {
  build_decoder();
  bind_socket();
  m_generations.assign(m_part.size / kGenerationGranule, 0);
}

SpiNorFlash::SpiNorFlash(const sc_core::sc_module_name& name, const std::string& backing_path,
                         FlashBacking backing, const SpiNorFlashConfig& config)
    : sc_module(name),
      socket("socket"),
      m_part(n25q128a()),
      m_config((config.validate(n25q128a()), config)),
      m_store(backing_path, m_part.size, backing),
      m_byte_time(wire_byte_time(m_config.sck_hz)) {
  build_decoder();
  bind_socket();
  m_generations.assign(m_part.size / kGenerationGranule, 0);
}

SpiNorFlash::~SpiNorFlash() = default;

void SpiNorFlash::build_decoder() {
  for (const Command& command : commands()) m_decoder[command.opcode] = &command;
  m_page_latch.resize(m_part.page_size);
}

void SpiNorFlash::bind_socket() {
  socket.register_b_transport(this, &SpiNorFlash::b_transport);
  socket.register_get_direct_mem_ptr(this, &SpiNorFlash::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &SpiNorFlash::transport_dbg);
}

// ---- time ----------------------------------------------------------------------------------

sc_time SpiNorFlash::bytes_time(uint64_t bytes) const {
  return sc_time::from_value(m_byte_time.value() * bytes);
}

sc_time SpiNorFlash::frame_time(uint8_t opcode, uint64_t data_bytes) const {
  const Command* command = m_decoder[opcode];
  const uint64_t header = 1 + (command ? command->address_bytes + command->dummy_bytes : 0);
  return bytes_time(header + data_bytes);
}

sc_time SpiNorFlash::page_program_time(uint32_t bytes) const {
  const uint64_t chunks = (std::clamp<uint32_t>(bytes, 1, m_part.page_size) + 7) / 8;
  const uint64_t page_chunks = m_part.page_size / 8;
  return sc_time::from_value(m_config.timing.page_program.value() * chunks / page_chunks);
}

void SpiNorFlash::settle(const sc_time& now) {
  if (m_operation_active && now >= m_operation.end) {
    m_operation_active = false;
    m_write_enable_latch = false;
  }
}

bool SpiNorFlash::busy_at(const sc_time& t) const {
  return m_powered && m_operation_active && t < m_operation.end;
}

uint8_t SpiNorFlash::status_at(const sc_time& t) const {
  if (!m_powered) return 0;
  if (busy_at(t)) return spi_status::kWriteInProgress | spi_status::kWriteEnableLatch;
  const bool latch = m_write_enable_latch && !m_operation_active;
  return latch ? spi_status::kWriteEnableLatch : 0;
}

std::optional<sc_time> SpiNorFlash::operation_end() const {
  if (!m_operation_active) return std::nullopt;
  return m_operation.end;
}

// ---- state ---------------------------------------------------------------------------------

void SpiNorFlash::reset() {
  m_write_enable_latch = false;
  m_operation_active = false;
}

void SpiNorFlash::power_off() { power_off(sc_core::sc_time_stamp()); }

void SpiNorFlash::power_off(const sc_time& at) {
  if (!m_powered) return;
  if (m_operation_active && at < m_operation.end) {
    const sc_time elapsed = at > m_operation.start ? at - m_operation.start : sc_core::SC_ZERO_TIME;
    const sc_time duration = m_operation.end - m_operation.start;
    const auto progress = static_cast<uint32_t>(static_cast<unsigned __int128>(elapsed.value()) *
                                                torn::kProgressComplete / duration.value());
    tear_operation(progress, m_config.torn_seed);
    flash_log()->info("{}: power lost during {} #{} at {:.1f}% (torn)", name(),
                      to_string(m_operation.kind), m_operation.index,
                      100.0 * progress / torn::kProgressComplete);
  }
  lose_power();
}

void SpiNorFlash::power_on() {
  m_powered = true;
  m_write_enable_latch = false;
  m_operation_active = false;
}

void SpiNorFlash::lose_power() {
  m_powered = false;
  m_write_enable_latch = false;
  m_operation_active = false;
  invalidate_dmi();
}

void SpiNorFlash::touch_generations(uint32_t address, uint32_t length) {
  const uint64_t generation = ++m_generation_counter;
  for (uint32_t s = address / kGenerationGranule;
       s < m_generations.size() && s * uint64_t{kGenerationGranule} < uint64_t{address} + length;
       ++s) {
    m_generations[s] = generation;
  }
}

void SpiNorFlash::tear_operation(uint32_t progress, uint64_t seed) {
  touch_generations(m_operation.address, m_operation.length);
  uint8_t* region = m_store.data() + m_operation.address;
  torn::tear(m_operation.before.data(), region, region, m_operation.length, progress,
             torn::operation_key(m_operation.index, seed));
}

void SpiNorFlash::invalidate_dmi() {
  if (!m_dmi_granted) return;
  m_dmi_granted = false;
  socket->invalidate_direct_mem_ptr(0, m_part.size - 1);
}

void SpiNorFlash::arm_cut(uint64_t op_index, CutMode mode, uint64_t seed) {
  if (op_index < m_op_count) {
    throw std::invalid_argument(std::string(name()) + ": cannot arm a cut at operation " +
                                std::to_string(op_index) + ", " + std::to_string(m_op_count) +
                                " already started");
  }
  m_cut = ArmedCut{op_index, mode, seed};
}

void SpiNorFlash::make_private() { m_store.make_private(); }

// ---- transport -----------------------------------------------------------------------------

void SpiNorFlash::b_transport(tlm::tlm_generic_payload& payload, sc_time& delay) {
  payload.set_response_status(transfer(payload, delay));
}

tlm_response_status SpiNorFlash::transfer(tlm::tlm_generic_payload& payload, sc_time& delay) {
  const auto log = [this](const char* what, const auto&... args) {
    flash_log()->warn(fmt::runtime(std::string("{}: ") + what), name(), args...);
  };
  const uint64_t length = payload.get_data_length();
  if (payload.get_byte_enable_ptr() != nullptr) {
    log("frame with byte enables rejected");
    return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  }
  if (payload.get_streaming_width() < length) {
    log("frame with streaming width {} < length {} rejected", payload.get_streaming_width(),
        length);
    return tlm::TLM_BURST_ERROR_RESPONSE;
  }
  if (length > 0 && payload.get_data_ptr() == nullptr) {
    log("frame with {} data bytes and no data buffer rejected", length);
    return tlm::TLM_COMMAND_ERROR_RESPONSE;
  }
  const auto* frame = payload.get_extension<SpiFrame>();
  if (frame == nullptr) {
    log("transaction without SpiFrame rejected");
    return tlm::TLM_COMMAND_ERROR_RESPONSE;
  }
  const Command* command = m_decoder[frame->opcode];
  const bool has_data = length > 0;
  if (has_data && payload.is_read() == false && payload.is_write() == false) {
    log("opcode 0x{:02x}: TLM_IGNORE_COMMAND with {} data bytes rejected", frame->opcode, length);
    return tlm::TLM_COMMAND_ERROR_RESPONSE;
  }
  if (command != nullptr && has_data &&
      ((command->data == DataPhase::kFromPart && !payload.is_read()) ||
       (command->data == DataPhase::kToPart && !payload.is_write()))) {
    log("{}: data phase in the wrong direction rejected", command->name);
    return tlm::TLM_COMMAND_ERROR_RESPONSE;
  }
  if (command != nullptr && command->address_bytes < 4 &&
      (frame->address >> (8 * command->address_bytes)) != 0) {
    log("{}: address 0x{:x} does not fit in {} address bytes", command->name, frame->address,
        command->address_bytes);
    return tlm::TLM_ADDRESS_ERROR_RESPONSE;
  }

  const sc_time start = sc_core::sc_time_stamp() + delay;
  const sc_time end = start + frame_time(frame->opcode, length);
  delay += end - start;
  if (!m_powered) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  settle(start);

  const auto float_data = [&payload, length] {
    if (payload.is_read()) std::memset(payload.get_data_ptr(), 0xFF, length);
  };
  if (command == nullptr) {
    log("opcode 0x{:02x} not supported, ignored", frame->opcode);
    float_data();
    return tlm::TLM_OK_RESPONSE;
  }
  if (command->data == DataPhase::kNone && has_data) {
    log("{}: chip select held for {} extra bytes, not executed", command->name, length);
    float_data();
    return tlm::TLM_OK_RESPONSE;
  }
  if (busy_at(start) && !command->allowed_while_busy) {
    log("{}: ignored, {} #{} in progress", command->name, to_string(m_operation.kind),
        m_operation.index);
    float_data();
    return tlm::TLM_OK_RESPONSE;
  }
  if (frame->opcode == spi_opcode::kRead && m_config.sck_hz > m_part.max_read_sck_hz &&
      !m_warned_read_clock) {
    m_warned_read_clock = true;
    log("READ at {} Hz exceeds the part's {} Hz", m_config.sck_hz, m_part.max_read_sck_hz);
  }
  return (this->*command->execute)(Access{payload, frame->address, start, end});
}

bool SpiNorFlash::get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi) {
  (void)payload;
  dmi.set_start_address(0);
  dmi.set_end_address(m_part.size - 1);
  settle(sc_core::sc_time_stamp());
  if (!m_powered || m_operation_active) {
    dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_NONE);
    return false;
  }
  dmi.set_dmi_ptr(m_store.data());
  dmi.set_granted_access(tlm::tlm_dmi::DMI_ACCESS_READ);
  dmi.set_read_latency(m_byte_time);
  dmi.set_write_latency(sc_core::SC_ZERO_TIME);
  m_dmi_granted = true;
  return true;
}

unsigned int SpiNorFlash::transport_dbg(tlm::tlm_generic_payload& payload) {
  const uint64_t address = payload.get_address();
  if (address >= m_part.size) return 0;
  const auto n =
      static_cast<unsigned>(std::min<uint64_t>(payload.get_data_length(), m_part.size - address));
  if (payload.is_read()) {
    std::memcpy(payload.get_data_ptr(), m_store.data() + address, n);
  } else if (payload.is_write()) {
    touch_generations(static_cast<uint32_t>(address), n);
    std::memcpy(m_store.data() + address, payload.get_data_ptr(), n);
  } else {
    return 0;
  }
  return n;
}

// ---- commands ------------------------------------------------------------------------------

tlm_response_status SpiNorFlash::read_id(const Access& access) {
  uint8_t* out = access.payload.get_data_ptr();
  const unsigned length = access.payload.get_data_length();
  for (unsigned i = 0; i < length; ++i) out[i] = i < m_part.id.size() ? m_part.id[i] : 0x00;
  return tlm::TLM_OK_RESPONSE;
}

tlm_response_status SpiNorFlash::read_array(const Access& access) {
  // Continuous read: the address counter wraps from the last byte to 0.
  uint8_t* out = access.payload.get_data_ptr();
  uint64_t remaining = access.payload.get_data_length();
  uint32_t address = access.address % m_part.size;
  while (remaining > 0) {
    const uint64_t n = std::min<uint64_t>(remaining, m_part.size - address);
    std::memcpy(out, m_store.data() + address, n);
    out += n;
    remaining -= n;
    address = 0;
  }
  access.payload.set_dmi_allowed(!m_operation_active);
  return tlm::TLM_OK_RESPONSE;
}

tlm_response_status SpiNorFlash::read_status(const Access& access) {
  // The part repeats the status register for as long as chip select stays low; each byte shows
  // the status when that byte starts on the wire.
  uint8_t* out = access.payload.get_data_ptr();
  const unsigned length = access.payload.get_data_length();
  for (unsigned i = 0; i < length; ++i) out[i] = status_at(access.start + bytes_time(1 + i));
  return tlm::TLM_OK_RESPONSE;
}

tlm_response_status SpiNorFlash::write_enable(const Access&) {
  m_write_enable_latch = true;
  return tlm::TLM_OK_RESPONSE;
}

tlm_response_status SpiNorFlash::write_disable(const Access&) {
  m_write_enable_latch = false;
  return tlm::TLM_OK_RESPONSE;
}

bool SpiNorFlash::write_enabled(const Command& command) {
  if (m_write_enable_latch) return true;
  flash_log()->warn("{}: {} ignored, write enable latch not set", name(), command.name);
  return false;
}

tlm_response_status SpiNorFlash::page_program(const Access& access) {
  if (!write_enabled(*m_decoder[spi_opcode::kPageProgram])) return tlm::TLM_OK_RESPONSE;
  const uint32_t page = m_part.page_size;
  const uint64_t length = access.payload.get_data_length();
  if (length == 0) {
    flash_log()->warn("{}: PP without data, not executed", name());
    return tlm::TLM_OK_RESPONSE;
  }
  // The page buffer: bytes past the end of the page wrap to its start, and when more than a page
  // is sent the last bytes win.
  const uint32_t page_base = access.address & ~(page - 1);
  const uint32_t column = access.address & (page - 1);
  const uint8_t* data = access.payload.get_data_ptr();
  std::fill(m_page_latch.begin(), m_page_latch.end(), 0xFF);
  const uint64_t first = length > page ? length - page : 0;
  for (uint64_t i = first; i < length; ++i) m_page_latch[(column + i) % page] = data[i];
  const auto latched = static_cast<uint32_t>(length - first);
  return start_operation(FlashOperationKind::kPageProgram, page_base, page, access.end,
                         page_program_time(latched), [this](uint8_t* region) {
                           for (size_t i = 0; i < m_page_latch.size(); ++i) {
                             region[i] &= m_page_latch[i];
                           }
                         });
}

tlm_response_status SpiNorFlash::erase(FlashOperationKind kind, uint32_t block_size,
                                       const sc_time& duration, const Access& access) {
  const Command* command =
      m_decoder[kind == FlashOperationKind::kSubsectorErase ? spi_opcode::kSubsectorErase
                : kind == FlashOperationKind::kSectorErase  ? spi_opcode::kSectorErase
                                                            : spi_opcode::kBulkErase];
  if (!write_enabled(*command)) return tlm::TLM_OK_RESPONSE;
  const uint32_t base = access.address & ~(block_size - 1);
  return start_operation(kind, base, block_size, access.end, duration,
                         [block_size](uint8_t* region) { std::memset(region, 0xFF, block_size); });
}

tlm_response_status SpiNorFlash::subsector_erase(const Access& access) {
  return erase(FlashOperationKind::kSubsectorErase, m_part.subsector_size,
               m_config.timing.subsector_erase, access);
}

tlm_response_status SpiNorFlash::sector_erase(const Access& access) {
  return erase(FlashOperationKind::kSectorErase, m_part.sector_size, m_config.timing.sector_erase,
               access);
}

tlm_response_status SpiNorFlash::bulk_erase(const Access& access) {
  return erase(FlashOperationKind::kBulkErase, m_part.size, m_config.timing.bulk_erase, access);
}

tlm_response_status SpiNorFlash::start_operation(FlashOperationKind kind, uint32_t address,
                                                 uint32_t length, const sc_time& start,
                                                 const sc_time& duration,
                                                 const std::function<void(uint8_t*)>& apply) {
  if (m_operation_observer) {
    m_operation_observer(FlashOperationStart{m_op_count, kind, address, length, start, duration});
    if (!m_powered) {
      ++m_op_count;  // the operation was reached (and numbered) but never ran
      return tlm::TLM_GENERIC_ERROR_RESPONSE;
    }
  }
  invalidate_dmi();
  uint8_t* region = m_store.data() + address;
  m_operation.kind = kind;
  m_operation.index = m_op_count++;
  m_operation.address = address;
  m_operation.length = length;
  m_operation.start = start;
  m_operation.end = start + duration;
  m_operation.before.assign(region, region + length);
  m_operation_active = true;

  const bool cut_here = m_cut && m_cut->op_index == m_operation.index;
  if (!cut_here || m_cut->mode != CutMode::kBeforeOp) {
    touch_generations(address, length);
    apply(region);
  }
  if (!cut_here) return tlm::TLM_OK_RESPONSE;

  const ArmedCut cut = *m_cut;
  m_cut.reset();
  uint32_t progress = cut.mode == CutMode::kBeforeOp ? 0 : torn::kProgressComplete;
  if (cut.mode == CutMode::kTornOp) {
    progress = torn::cut_progress(cut.op_index, cut.seed);
    tear_operation(progress, cut.seed);
  }
  const sc_time at =
      start +
      sc_time::from_value(static_cast<uint64_t>(static_cast<unsigned __int128>(duration.value()) *
                                                progress / torn::kProgressComplete));
  lose_power();
  flash_log()->info("{}: armed power cut {} {} #{} (seed {})", name(), to_string(cut.mode),
                    to_string(kind), cut.op_index, cut.seed);
  if (m_observer) {
    m_observer(PowerCut{cut.op_index, cut.mode, cut.seed, kind, address, length, progress, at});
  }
  return tlm::TLM_GENERIC_ERROR_RESPONSE;
}

}  // namespace secnic::model
