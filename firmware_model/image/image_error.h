// Why an FS3 image (or an MCC component, or the input to building one) was refused. Every refusal
// is a value with a precise message; nothing in this library asserts or throws on image content.
#pragma once

#include <cstdint>
#include <string>

#include "firmware_model/crypto/expected.h"

namespace secnic::image {

enum class ImageErrc {
  kTruncated,              // the buffer ends inside a structure the format requires there
  kNotDwordAligned,        // image length is not a multiple of 4
  kNoMagic,                // no FS3 magic pattern at offset 0 (component: neither magic nor 0xFF)
  kBadFormatVersion,       // format dword at 0x24 does not say FS3 (3)
  kUnsupportedBinVersion,  // binary version other than 0.0 or 1.x (x >= 1)
  kBoot2BadSize,           // BOOT2 size outside 4..0x100000 dwords
  kBoot2BadCrc,            // BOOT2 CRC16 mismatch
  kNoItoc,                 // no ITOC header signature at any 4 KiB boundary after BOOT2
  kBadItocHeaderCrc,       // ITOC header CRC16 mismatch
  kBadItocEntryCrc,        // an ITOC entry's own CRC16 mismatch
  kTooManyItocEntries,     // more than 63 entries before END
  kSectionOutOfBounds,     // a section (or the ITOC) lies outside the buffer
  kBadSectionCrc,          // a section's CRC16 differs from its ITOC entry
  kBadSectionSize,         // a section has the wrong size for its type
  kDuplicateSection,       // two sections of a type that must be unique
  kBadSectionAttributes,   // ITOC flags contradict the section (firmware flagged device data,
                           // device data at a relative address)
  kMissingImageInfo,       // no IMAGE_INFO section
  kMissingMfgInfo,         // no MFG_INFO section (complete images only)
  kMissingSection,         // an operation needs a section the image does not have
  kUnknownImageInfoVersion,
  kUnknownMfgInfoVersion,
  kUnknownDevInfoVersion,
  kUnknownHwId,           // IMAGE_INFO supported_hw_id[0] is not the ConnectX-4 Lx (0x20b)
  kBadForbiddenVersions,  // FORBIDDEN_VERSIONS section does not follow its layout
  kBadPublicKey,          // a PUBLIC_KEYS entry does not hold a usable RSA key
  kFieldTooLong,          // (building) a string does not fit its field
  kBadArgument,           // (building/signing) an input value is invalid
  kImageTooLarge,         // (building) the image does not fit a flash slot
  kCryptoFailure,         // (signing) the crypto backend failed
};

const char* to_string(ImageErrc code);  // a stable short name, e.g. "bad-section-crc"

struct ImageError {
  ImageErrc code;
  std::string message;  // human readable, names offsets and values
  uint32_t offset = 0;  // byte offset in the image where the problem was found (0 if none)
};

template <class T>
using ImageResult = Expected<T, ImageError>;

}  // namespace secnic::image
