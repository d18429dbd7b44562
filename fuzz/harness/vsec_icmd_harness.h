// Harness 3: the host's only door into the card — PCI config space — driven by a decoded program of
// config reads and writes at arbitrary offsets, sizes and values (config_program.h), into a
// PcieFunction whose VSEC gateway is bound to CR space, the ICMD controller (with the real
// AccessRegisterDispatch behind it, checked by CheckedFirmware) and the semaphore space.
//
// Input: a flags byte (bit 0: CR space in non-secure mode instead of secure), two bytes of
// FirmwareScript, then the program. Each input starts from a power-cycled card.
//
// Invariants, checked after every single config access:
//  - nothing throws and SystemC reports no warning or error;
//  - an access is answered exactly when it is 1, 2 or 4 bytes inside the 4 KiB config space;
//  - everything outside the VSEC capability reads as it did at power-on (the header, the
//    capability chain), and a write there changes no device state at all;
//  - the VSEC CTRL status always tells whether the selected space is supported and its reserved
//    bits stay 0; COUNTER never hands out ticket 0;
//  - a taken semaphore (VSEC or semaphore space) only ever changes by being released;
//  - ICMD commands complete synchronously (BUSY never reads back 1), and every command the
//    firmware runs passes the access-register checks;
//  - in secure mode no access ever reaches the restricted CR-space socket; in non-secure mode only
//    accesses inside the restricted ranges do;
//  - the card's hardware id stays 0x20b and simulated time never runs backwards.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::fuzz {

namespace vsec_icmd_input {
inline constexpr uint8_t kNonSecureCrSpace = 0x01;
}  // namespace vsec_icmd_input

void run_vsec_icmd_input(const uint8_t* data, size_t size);

}  // namespace secnic::fuzz
