// ITOC section types of the FS3 format (the names mstflint prints in `v`).
#pragma once

#include <cstdint>

namespace secnic::image {

enum class SectionType : uint8_t {
  kBootCode = 0x01,
  kPciCode = 0x02,
  kMainCode = 0x03,
  kHwBootCfg = 0x08,
  kHwMainCfg = 0x09,
  kImageInfo = 0x10,
  kFwBootCfg = 0x11,
  kFwMainCfg = 0x12,
  kRomCode = 0x18,
  kDbgFwIni = 0x30,
  kImageSignature256 = 0xA0,
  kPublicKeys2048 = 0xA1,
  kForbiddenVersions = 0xA2,
  kImageSignature512 = 0xA3,
  kPublicKeys4096 = 0xA4,
  kHmacDigest = 0xA5,
  kMfgInfo = 0xE0,
  kDevInfo = 0xE1,
  kNvData1 = 0xE2,
  kVpdR0 = 0xE3,
  kNvData2 = 0xE4,
  kFwNvLog = 0xE5,
  kNvData0 = 0xE6,
  kItoc = 0xFD,
  kEnd = 0xFF,
};

// "IMAGE_INFO", "MAIN_CODE", ...; "UNKNOWN_SECTION" for types this format does not name.
const char* section_name(SectionType type);

// A section of the firmware itself (code, configuration, IMAGE_INFO, signatures, public keys,
// FORBIDDEN_VERSIONS, HMAC digest): signed and sent in every MCC component. The other named types
// (MFG_INFO, DEV_INFO, NV_DATA*, VPD_R0, FW_NV_LOG) are per-device data that an update never
// carries; for types this format does not name, false.
bool is_firmware_section(SectionType type);

}  // namespace secnic::image
