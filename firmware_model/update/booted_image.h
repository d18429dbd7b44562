// What the update FSM needs to know at power-up about the image the BootRom booted.
#pragma once

#include "firmware_model/boot/boot_rom.h"
#include "firmware_model/flashdrv/flash_port.h"
#include "firmware_model/update/update_fsm_state.h"

namespace secnic::fw {

// Fills `out` (version, release date, product version, PSID, slot, size, SHA-256 of the slot bytes
// [0, size)) for the image `report` says booted; the SHA-256 is read through `flash`. A report of a
// bricked card gives an empty ComponentInfo (size 0: READ_COMPONENT is then refused).
FlashResult booted_component_info(const BootReport& report, FlashPort& flash, ComponentInfo& out);

}  // namespace secnic::fw
