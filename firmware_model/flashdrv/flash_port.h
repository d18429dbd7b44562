// What the card firmware (boot ROM, update FSM) sees of its SPI NOR flash: byte-addressed read, program
// and erase. FlashDriver implements it over the SPI/TLM model with real timing; tests may implement it
// over a plain buffer.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::fw {

enum class FlashResult {
  kOk,
  kOutOfRange,   // address range outside the part
  kMisaligned,   // erase range not aligned to the erase granule
  kDeviceError,  // the part did not accept or complete the command (WEL not set, still busy, ...)
  kPowerLost,    // power went away during the operation; the operation may be torn
};

const char* to_string(FlashResult r);

class FlashPort {
 public:
  virtual ~FlashPort() = default;

  virtual uint32_t size() const = 0;
  virtual uint32_t subsector_size() const = 0;  // smallest erase granule (4 KiB)
  virtual uint32_t sector_size() const = 0;     // large erase granule (64 KiB)

  virtual FlashResult read(uint32_t addr, uint8_t* dst, size_t len) = 0;
  // Programs `len` bytes (NOR semantics: bits can only be cleared), split into page programs.
  virtual FlashResult program(uint32_t addr, const uint8_t* src, size_t len) = 0;
  // Erases [addr, addr+len) to 0xFF; both must be multiples of subsector_size(). Uses sector erases
  // where a whole aligned sector is covered.
  virtual FlashResult erase(uint32_t addr, size_t len) = 0;
};

}  // namespace secnic::fw
