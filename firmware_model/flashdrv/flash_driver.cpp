#include "firmware_model/flashdrv/flash_driver.h"

#include <algorithm>
#include <cstring>

#include "model/flash/flash_log.h"

namespace secnic::fw {

using model::SpiTransfer;
using sc_core::sc_time;
namespace opcode = model::spi_opcode;
namespace status_bit = model::spi_status;

FlashDriver::FlashDriver(const sc_core::sc_module_name& name, const FlashDriverConfig& config,
                         const model::SpiNorPart& part)
    : sc_module(name), socket("socket"), m_part(part), m_config(config) {
  socket.register_invalidate_direct_mem_ptr(this, &FlashDriver::invalidate_direct_mem_ptr);
}

sc_time FlashDriver::take_elapsed() {
  const sc_time t = m_local;
  m_local = sc_core::SC_ZERO_TIME;
  return t;
}

FlashResult FlashDriver::issue(SpiTransfer& transfer) {
  sc_time delay = m_local;
  socket->b_transport(transfer.payload(), delay);
  m_local = delay + m_config.chip_select_high;
  ++m_stats.frames;
  const tlm::tlm_response_status status = transfer.status();
  if (status == tlm::TLM_OK_RESPONSE) return FlashResult::kOk;
  if (model::is_power_loss(status)) return FlashResult::kPowerLost;
  model::flash_log()->error("{}: flash frame failed: {}", name(),
                            transfer.payload().get_response_string());
  return FlashResult::kDeviceError;
}

FlashResult FlashDriver::read_status(uint8_t& status) {
  SpiTransfer rdsr(opcode::kReadStatus);
  rdsr.receive(&status, 1);
  return issue(rdsr);
}

FlashResult FlashDriver::write_enable() {
  SpiTransfer wren(opcode::kWriteEnable);
  FlashResult r = issue(wren);
  if (r != FlashResult::kOk) return r;
  uint8_t status = 0;
  r = read_status(status);
  if (r != FlashResult::kOk) return r;
  if ((status & status_bit::kWriteInProgress) != 0 ||
      (status & status_bit::kWriteEnableLatch) == 0) {
    model::flash_log()->warn("{}: write enable not latched (status 0x{:02x})", name(), status);
    return FlashResult::kDeviceError;
  }
  return FlashResult::kOk;
}

FlashResult FlashDriver::run_operation(SpiTransfer& transfer, const sc_time& poll_interval,
                                       const sc_time& timeout) {
  FlashResult r = write_enable();
  if (r != FlashResult::kOk) return r;
  r = issue(transfer);
  if (r != FlashResult::kOk) return r;
  const sc_time started = m_local;
  uint8_t status = 0;
  r = read_status(status);
  if (r != FlashResult::kOk) return r;
  if ((status & (status_bit::kWriteInProgress | status_bit::kWriteEnableLatch)) ==
      status_bit::kWriteEnableLatch) {
    // Not busy and the latch still set: the part did not start the operation.
    model::flash_log()->warn("{}: operation not started (status 0x{:02x})", name(), status);
    return FlashResult::kDeviceError;
  }
  while ((status & status_bit::kWriteInProgress) != 0) {
    if (m_local - started > timeout) {
      model::flash_log()->warn("{}: operation still busy after {}", name(), timeout.to_string());
      return FlashResult::kDeviceError;
    }
    m_local += poll_interval;
    ++m_stats.status_polls;
    r = read_status(status);
    if (r != FlashResult::kOk) return r;
  }
  return FlashResult::kOk;
}

FlashResult FlashDriver::program(uint32_t addr, const uint8_t* src, size_t len) {
  if (addr > m_part.size || len > m_part.size - addr) return FlashResult::kOutOfRange;
  const uint32_t page = m_part.page_size;
  while (len > 0) {
    const auto chunk = static_cast<uint32_t>(std::min<size_t>(len, page - (addr % page)));
    SpiTransfer pp(opcode::kPageProgram, addr);
    pp.send(src, chunk);
    const FlashResult r =
        run_operation(pp, m_config.program_poll_interval, m_config.program_timeout);
    if (r != FlashResult::kOk) return r;
    ++m_stats.page_programs;
    addr += chunk;
    src += chunk;
    len -= chunk;
  }
  return FlashResult::kOk;
}

FlashResult FlashDriver::erase(uint32_t addr, size_t len) {
  if (addr > m_part.size || len > m_part.size - addr) return FlashResult::kOutOfRange;
  const uint32_t subsector = m_part.subsector_size;
  const uint32_t sector = m_part.sector_size;
  if (addr % subsector != 0 || len % subsector != 0) return FlashResult::kMisaligned;
  while (len > 0) {
    const bool whole_sector = addr % sector == 0 && len >= sector;
    SpiTransfer command(whole_sector ? opcode::kSectorErase : opcode::kSubsectorErase, addr);
    const FlashResult r = run_operation(
        command, m_config.erase_poll_interval,
        whole_sector ? m_config.sector_erase_timeout : m_config.subsector_erase_timeout);
    if (r != FlashResult::kOk) return r;
    ++(whole_sector ? m_stats.sector_erases : m_stats.subsector_erases);
    const uint32_t step = whole_sector ? sector : subsector;
    addr += step;
    len -= step;
  }
  return FlashResult::kOk;
}

FlashResult FlashDriver::read(uint32_t addr, uint8_t* dst, size_t len) {
  if (addr > m_part.size || len > m_part.size - addr) return FlashResult::kOutOfRange;
  if (len == 0) return FlashResult::kOk;
  if (m_config.use_dmi && dmi_read(addr, dst, len)) return FlashResult::kOk;
  SpiTransfer fast_read(opcode::kFastRead, addr);
  fast_read.receive(dst, static_cast<unsigned>(len));
  ++m_stats.frame_reads;
  return issue(fast_read);
}

bool FlashDriver::dmi_read(uint32_t addr, uint8_t* dst, size_t len) {
  if (!m_dmi_valid) {
    tlm::tlm_generic_payload request;
    request.set_command(tlm::TLM_READ_COMMAND);
    request.set_address(addr);
    request.set_data_length(static_cast<unsigned>(len));
    m_dmi.init();
    m_dmi_valid = socket->get_direct_mem_ptr(request, m_dmi) && m_dmi.is_read_allowed();
    if (!m_dmi_valid) return false;
  }
  if (addr < m_dmi.get_start_address() || addr + len - 1 > m_dmi.get_end_address()) return false;
  std::memcpy(dst, m_dmi.get_dmi_ptr() + (addr - m_dmi.get_start_address()), len);
  // The same wire time as the FAST_READ frame it replaces: opcode, address, dummy, data.
  const uint64_t bytes = 1 + m_part.address_bytes + m_part.fast_read_dummy_bytes + len;
  m_local +=
      sc_time::from_value(m_dmi.get_read_latency().value() * bytes) + m_config.chip_select_high;
  ++m_stats.dmi_reads;
  return true;
}

void FlashDriver::invalidate_direct_mem_ptr(sc_dt::uint64, sc_dt::uint64) { m_dmi_valid = false; }

FlashResult FlashDriver::read_id(std::array<uint8_t, 3>& id) {
  SpiTransfer rdid(opcode::kReadId);
  rdid.receive(id.data(), static_cast<unsigned>(id.size()));
  const FlashResult r = issue(rdid);
  if (r != FlashResult::kOk) return r;
  if (!std::equal(id.begin(), id.end(), m_part.id.begin())) {
    model::flash_log()->warn("{}: unexpected JEDEC id {:02x} {:02x} {:02x}", name(), id[0], id[1],
                             id[2]);
    return FlashResult::kDeviceError;
  }
  return FlashResult::kOk;
}

}  // namespace secnic::fw
