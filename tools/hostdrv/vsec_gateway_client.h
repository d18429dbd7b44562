// The host side of the Mellanox VSEC gateway (device_contract.md §2.2-§2.3): finds the capability,
// takes and releases its semaphore with a ticket from COUNTER, selects an address space and moves
// one dword through ADDRESS/FLAG/DATA, polling FLAG as the tool does. Every device answer (space
// unsupported, syndrome set, FLAG never flipping, semaphore busy) is returned as a result.
#pragma once

#include <cstdint>

#include "tools/hostdrv/config_space_file.h"

namespace secnic::hostdrv {

struct GatewayResult {
  uint32_t data = 0;       // the dword read (reads), or what was written (writes)
  bool completed = false;  // FLAG flipped within the tool's poll budget
  bool syndrome = false;   // ADDRESS[30] after completion: the device reported a failed access
};

class VsecGatewayClient {
 public:
  // Walks the capability list from 0x34. Throws HostDriverError when there is no capability 9.
  explicit VsecGatewayClient(ConfigSpaceFile& config);

  uint32_t base() const { return m_base; }

  // A register of the capability (offset from its base), as a raw 4-byte config access.
  uint32_t read_register(uint32_t offset);
  void write_register(uint32_t offset, uint32_t value);

  // Takes the gateway semaphore: read it (0 = free), take a ticket from COUNTER, write it, read it
  // back. Retries up to `max_tries` times; false when it stayed busy. The ticket is kept for
  // release.
  bool take_semaphore(unsigned max_tries);
  void release_semaphore();
  uint32_t last_ticket() const { return m_ticket; }

  // Writes CTRL[15:0] = space (read-modify-write, as the tool does); true when the device reports
  // the space supported (CTRL[31:29] nonzero).
  bool select_space(uint16_t space);

  // One dword in the selected space (no semaphore handling): `address` must fit 30 bits.
  GatewayResult read(uint32_t address);
  GatewayResult write(uint32_t address, uint32_t data);

 private:
  GatewayResult wait_for_flag(bool flag_when_done, uint32_t data_on_success);

  ConfigSpaceFile& m_config;
  uint32_t m_base = 0;
  uint32_t m_ticket = 0;
};

}  // namespace secnic::hostdrv
