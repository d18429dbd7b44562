// The host side of a simulated PCI function: what the host shim forwards config-space pread/pwrite
// to. Implemented by a simulated card (in the tool's process) and by the null responder used as the
// benchmark floor.
#pragma once

#include <cstdint>

namespace secnic::hostlink {

class PciConfigPort {
 public:
  virtual ~PciConfigPort() = default;

  // One config access of 1, 2 or 4 bytes at `offset` (0..0xfff), value little-endian as on the bus.
  // Returns false when the function does not answer (powered off, surprise-removed): the host then
  // sees an I/O error, as with a card that vanished.
  virtual bool config_read(uint32_t offset, unsigned size, uint32_t& value) = 0;
  virtual bool config_write(uint32_t offset, unsigned size, uint32_t value) = 0;
};

}  // namespace secnic::hostlink
