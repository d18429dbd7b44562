#include "firmware_model/image/image_error.h"

namespace secnic::image {

const char* to_string(ImageErrc code) {
  switch (code) {
    case ImageErrc::kTruncated:
      return "truncated";
    case ImageErrc::kNotDwordAligned:
      return "not-dword-aligned";
    case ImageErrc::kNoMagic:
      return "no-magic";
    case ImageErrc::kBadFormatVersion:
      return "bad-format-version";
    case ImageErrc::kUnsupportedBinVersion:
      return "unsupported-bin-version";
    case ImageErrc::kBoot2BadSize:
      return "boot2-bad-size";
    case ImageErrc::kBoot2BadCrc:
      return "boot2-bad-crc";
    case ImageErrc::kNoItoc:
      return "no-itoc";
    case ImageErrc::kBadItocHeaderCrc:
      return "bad-itoc-header-crc";
    case ImageErrc::kBadItocEntryCrc:
      return "bad-itoc-entry-crc";
    case ImageErrc::kTooManyItocEntries:
      return "too-many-itoc-entries";
    case ImageErrc::kSectionOutOfBounds:
      return "section-out-of-bounds";
    case ImageErrc::kBadSectionCrc:
      return "bad-section-crc";
    case ImageErrc::kBadSectionSize:
      return "bad-section-size";
    case ImageErrc::kDuplicateSection:
      return "duplicate-section";
    case ImageErrc::kBadSectionAttributes:
      return "bad-section-attributes";
    case ImageErrc::kMissingImageInfo:
      return "missing-image-info";
    case ImageErrc::kMissingMfgInfo:
      return "missing-mfg-info";
    case ImageErrc::kMissingSection:
      return "missing-section";
    case ImageErrc::kUnknownImageInfoVersion:
      return "unknown-image-info-version";
    case ImageErrc::kUnknownMfgInfoVersion:
      return "unknown-mfg-info-version";
    case ImageErrc::kUnknownDevInfoVersion:
      return "unknown-dev-info-version";
    case ImageErrc::kUnknownHwId:
      return "unknown-hw-id";
    case ImageErrc::kBadForbiddenVersions:
      return "bad-forbidden-versions";
    case ImageErrc::kBadPublicKey:
      return "bad-public-key";
    case ImageErrc::kFieldTooLong:
      return "field-too-long";
    case ImageErrc::kBadArgument:
      return "bad-argument";
    case ImageErrc::kImageTooLarge:
      return "image-too-large";
    case ImageErrc::kCryptoFailure:
      return "crypto-failure";
  }
  return "unknown";
}

}  // namespace secnic::image
