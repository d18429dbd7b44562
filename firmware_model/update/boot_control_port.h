// What the update FSM needs of the boot-control journal (firmware_model/boot): which slot the
// BootRom will try first at the next power-up, and appending a record that names a newly activated
// slot. JournalBootControl implements it over the journal reader/writer; tests may use a double.
#pragma once

#include <cstdint>

#include "firmware_model/flashdrv/flash_port.h"
#include "firmware_model/update/update_fsm_state.h"

namespace secnic::fw {

class BootControlPort {
 public:
  virtual ~BootControlPort() = default;
  // Sets `slot` to the slot the BootRom tries first (slot A when the journal holds no valid
  // record).
  virtual FlashResult read_preferred_slot(uint8_t& slot) = 0;
  // Appends a record naming `image.slot` (with image.size and image.sha256). Returns kOk only once
  // the record is complete on flash; a record torn by a power cut must read as absent.
  virtual FlashResult record_active_slot(const ComponentInfo& image) = 0;
};

}  // namespace secnic::fw
