// The bytes an FS3 signature covers (B.6.5 / B.7): image[0, data_size) with the magic, every
// device-data ITOC entry and the signature entries and sections set to 0xFF -- IMAGE_SIGNATURE_256
// for SHA-256, both IMAGE_SIGNATURE_256 and _512 for SHA-512.
//
// For a file (ImageForm::kFile) bytes no parser reads (gaps between structures) also count as 0xFF,
// as in mstflint's image cache. A component or a flash slot is hashed as stored: every byte the
// card keeps is covered. The two agree for every component mstflint sends.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_model/crypto/digest.h"
#include "firmware_model/image/fs3_image.h"

namespace secnic::image {

std::vector<uint8_t> signed_bytes(const Fs3Image& image, crypto::DigestKind kind);

// The image's bytes [0, data_size()) as the tool sees them: for a file, bytes no parser reads are
// 0xFF (mstflint's read cache); a component or slot image as stored. The base of the signed range
// and of the MCC component.
std::vector<uint8_t> image_data_bytes(const Fs3Image& image);
std::vector<uint8_t> signed_digest(const Fs3Image& image, crypto::DigestKind kind);

}  // namespace secnic::image
