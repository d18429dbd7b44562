// Named properties of one SpiNorFlash instance. Defaults are the part's typical data-sheet values;
// a card or scenario file may override them by name (from_json), and an unknown key is an error.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>

#include "model/flash/spi_nor_part.h"

namespace secnic::model {

class FlashConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SpiNorFlashConfig {
  SpiNorTiming timing = n25q128a().typical;
  // SCK the board's SPI controller runs the part at; sets every frame's time on the wire.
  uint64_t sck_hz = 50'000'000;
  // Seeds torn results of power_off() during an operation (arm_cut carries its own seed).
  uint64_t torn_seed = 1;

  // Throws FlashConfigError naming the property when a value is out of range for the part.
  void validate(const SpiNorPart& part) const;
};

// Keys: page_program_us, subsector_erase_ms, sector_erase_ms, bulk_erase_ms (numbers > 0), sck_hz,
// torn_seed (unsigned integers). Missing keys keep their defaults; anything else throws
// FlashConfigError.
SpiNorFlashConfig flash_config_from_json(const nlohmann::json& object);

}  // namespace secnic::model
