// Re-computes the integrity CRCs of a mutated FS3 image (BOOT2, the ITOC header, every ITOC entry
// and the section each one names) so that a mutation is judged by the checks behind the CRCs: an
// attacker fixes CRCs as easily as this, and without it nearly every mutation stops at the first
// CRC check. Positions are found the way the parser finds them (firmware_model/image layouts); a
// structure that cannot be located or lies outside the buffer is left alone.
#pragma once

#include <cstdint>
#include <vector>

namespace secnic::fuzz {

void repair_image_crcs(std::vector<uint8_t>& image);

}  // namespace secnic::fuzz
