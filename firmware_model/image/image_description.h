// Human- and machine-readable descriptions of a parsed image (`secnic image info`, card tools).
#pragma once

#include <string>

#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_signing.h"

namespace secnic::image {

// Aligned "Key: value" lines, then the section table.
std::string describe_text(const Fs3Image& image);
// One JSON object (pretty-printed with `indent` spaces; -1 for one line).
std::string describe_json(const Fs3Image& image, int indent = 2);

// The signature state in one line: "RSA-2048/SHA-256, key <uuid>", "SHA-256 digest only", "none".
std::string describe_signature(const Fs3Image& image);

}  // namespace secnic::image
