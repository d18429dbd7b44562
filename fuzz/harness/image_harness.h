// Harness 1: the FS3 image library on hostile bytes (parse_image in every form, parse_component,
// make_component and back, signed ranges, verify_signature with fixed trusted keys,
// check_applicability, check_version_allowed, decode_forbidden_versions, image_extent, the image
// descriptions) and the card's component check built on it (firmware_model/update
// Fs3ComponentVerifier).
//
// Input: one control byte, then the payload.
//   bit 0  repair the payload's CRCs before parsing (image_crc_repair.h)
//   bit 1  the payload is a FORBIDDEN_VERSIONS section, not an image
//
// Invariants (each violation throws InvariantViolation naming it):
//  - nothing throws; every refusal is an ImageError with a message and an offset inside the input;
//  - a parsed image stays inside its buffer (entries, ranges, ITOC, data size) and keeps its bytes;
//  - the forms agree: a file that parses is a flash slot that parses; a flash slot whose ITOC puts
//    device data last is a component that parses, with the same code sections;
//  - a parsed image re-serialises: its MCC component parses as a component and as a flash slot
//    (magic restored) with the same sections, IMAGE_INFO, FORBIDDEN_VERSIONS, signed bytes and
//    verification outcome, and make_component of that component is the component again;
//  - the card boots what it accepts: the card's verifier (Fs3ComponentVerifier, trusting the
//    fuzzing keys) refuses a component whose flash-slot form does not parse, and an accepted one
//    boots as a flash slot with the same code sections, signed bytes and a valid signature;
//  - verification accepts only genuine content: an outcome kOk means the signed digest is one the
//    fuzzing keys signed (a seed's), with that seed's IMAGE_INFO and code sections; no key, no kOk;
//  - image_extent never cuts off an image the BootRom could boot;
//  - applicability and the version policy answer consistently; descriptions are valid text/JSON;
//  - FORBIDDEN_VERSIONS decodes within its bounds and re-encodes to the same list.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::fuzz {

namespace image_input {
inline constexpr uint8_t kRepairCrcs = 0x01;
inline constexpr uint8_t kForbiddenVersionsSection = 0x02;
}  // namespace image_input

// Runs one input. Throws InvariantViolation on a finding.
void run_image_input(const uint8_t* data, size_t size);

}  // namespace secnic::fuzz
