// FlashDriver: the card firmware's SPI NOR driver, a TLM-2.0 initiator implementing FlashPort.
//
// It issues the frames real firmware issues (spi_frame.h): WREN, a check that WEL latched, then PP
// per page or SE/SSE per erase granule (a 64 KiB sector erase wherever a whole aligned sector is
// covered, 4 KiB subsector erases elsewhere), then RDSR polls at a fixed interval until WIP clears.
// Reads use DMI when the part grants it, FAST_READ frames otherwise.
//
// Callable from any context: it never calls wait(). Every frame is issued at sc_time_stamp() plus
// the driver's local time offset, which each frame, chip-select gap and poll interval advances
// (loosely-timed temporal decoupling). The caller takes the accumulated time with take_elapsed()
// and consumes it (wait() in a thread, sc_start() outside the kernel), or leaves it to accumulate.
// Polling is deterministic: the same calls from the same state take the same simulated time.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <array>
#include <cstdint>
#include <systemc>
#include <tlm>

#include "firmware_model/flashdrv/flash_port.h"
#include "model/flash/spi_frame.h"
#include "model/flash/spi_nor_part.h"

namespace secnic::fw {

struct FlashDriverConfig {
  // Chip select high time between frames (tSHSL; the N25Q128A needs >= 50 ns after a write).
  sc_core::sc_time chip_select_high{50, sc_core::SC_NS};
  // Interval between status polls while an operation runs.
  sc_core::sc_time program_poll_interval{10, sc_core::SC_US};
  sc_core::sc_time erase_poll_interval{1, sc_core::SC_MS};
  // Give up (kDeviceError) when WIP is still set this long after the operation started: the
  // data sheet's maximum tPP, tSSE and tSE.
  sc_core::sc_time program_timeout{5, sc_core::SC_MS};
  sc_core::sc_time subsector_erase_timeout{800, sc_core::SC_MS};
  sc_core::sc_time sector_erase_timeout{3, sc_core::SC_SEC};
  // Read through DMI when the part grants it (false: always FAST_READ frames).
  bool use_dmi = true;
};

class FlashDriver : public sc_core::sc_module, public FlashPort {
 public:
  struct Statistics {
    uint64_t frames = 0;
    uint64_t status_polls = 0;  // RDSR frames issued while waiting for WIP to clear
    uint64_t page_programs = 0;
    uint64_t subsector_erases = 0;
    uint64_t sector_erases = 0;
    uint64_t dmi_reads = 0;
    uint64_t frame_reads = 0;
  };

  tlm_utils::simple_initiator_socket<FlashDriver> socket;

  // `part` gives the geometry the firmware was built for (size, page and erase granules).
  explicit FlashDriver(const sc_core::sc_module_name& name, const FlashDriverConfig& config = {},
                       const model::SpiNorPart& part = model::n25q128a());
  FlashDriver(const FlashDriver&) = delete;
  FlashDriver& operator=(const FlashDriver&) = delete;

  uint32_t size() const override { return m_part.size; }
  uint32_t subsector_size() const override { return m_part.subsector_size; }
  uint32_t sector_size() const override { return m_part.sector_size; }

  FlashResult read(uint32_t addr, uint8_t* dst, size_t len) override;
  FlashResult program(uint32_t addr, const uint8_t* src, size_t len) override;
  FlashResult erase(uint32_t addr, size_t len) override;

  // RDID: the first three bytes (manufacturer, type, capacity). kDeviceError if they are not the
  // part's.
  FlashResult read_id(std::array<uint8_t, 3>& id);

  // Simulated time used since the last take_elapsed(); resets it to zero.
  sc_core::sc_time take_elapsed();
  sc_core::sc_time elapsed() const { return m_local; }

  void configure(const FlashDriverConfig& config) { m_config = config; }
  const FlashDriverConfig& config() const { return m_config; }
  const Statistics& statistics() const { return m_stats; }

 private:
  // Issues one frame at the local time; advances the local time past it and the CS-high gap.
  FlashResult issue(model::SpiTransfer& transfer);
  FlashResult read_status(uint8_t& status);
  FlashResult write_enable();
  // WREN, the operation frame, then polls until WIP clears.
  FlashResult run_operation(model::SpiTransfer& transfer, const sc_core::sc_time& poll_interval,
                            const sc_core::sc_time& timeout);
  bool dmi_read(uint32_t addr, uint8_t* dst, size_t len);
  void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);

  const model::SpiNorPart& m_part;
  FlashDriverConfig m_config;
  sc_core::sc_time m_local;
  tlm::tlm_dmi m_dmi;
  bool m_dmi_valid = false;
  Statistics m_stats;
};

}  // namespace secnic::fw
