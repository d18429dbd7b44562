// Rewrites one section of an image in place the way mstflint's UpdateSection does: new content of
// the same size, new section CRC16, new ITOC entry CRC16. The rest of the image is untouched.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_model/image/fs3_image.h"

namespace secnic::image {

// `bytes` must be the buffer `parsed` was parsed from (same content). Fails with kMissingSection or
// kBadSectionSize.
ImageResult<void> replace_section(std::vector<uint8_t>& bytes, const Fs3Image& parsed,
                                  SectionType type, const std::vector<uint8_t>& content);

// Encodes a FORBIDDEN_VERSIONS section (our layout, image_layouts.h).
ImageResult<std::vector<uint8_t>> encode_forbidden_versions(const std::vector<FwVersion>& versions);
// Decodes one; an all-zero section is an empty list.
ImageResult<std::vector<FwVersion>> decode_forbidden_versions(const std::vector<uint8_t>& section);

}  // namespace secnic::image
