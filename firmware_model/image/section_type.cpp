#include "firmware_model/image/section_type.h"

namespace secnic::image {

const char* section_name(SectionType type) {
  switch (type) {
    case SectionType::kBootCode:
      return "BOOT_CODE";
    case SectionType::kPciCode:
      return "PCI_CODE";
    case SectionType::kMainCode:
      return "MAIN_CODE";
    case SectionType::kHwBootCfg:
      return "HW_BOOT_CFG";
    case SectionType::kHwMainCfg:
      return "HW_MAIN_CFG";
    case SectionType::kImageInfo:
      return "IMAGE_INFO";
    case SectionType::kFwBootCfg:
      return "FW_BOOT_CFG";
    case SectionType::kFwMainCfg:
      return "FW_MAIN_CFG";
    case SectionType::kRomCode:
      return "ROM_CODE";
    case SectionType::kDbgFwIni:
      return "DBG_FW_INI";
    case SectionType::kImageSignature256:
      return "IMAGE_SIGNATURE_256";
    case SectionType::kPublicKeys2048:
      return "PUBLIC_KEYS_2048";
    case SectionType::kForbiddenVersions:
      return "FORBIDDEN_VERSIONS";
    case SectionType::kImageSignature512:
      return "IMAGE_SIGNATURE_512";
    case SectionType::kPublicKeys4096:
      return "PUBLIC_KEYS_4096";
    case SectionType::kHmacDigest:
      return "HMAC_DIGEST";
    case SectionType::kMfgInfo:
      return "MFG_INFO";
    case SectionType::kDevInfo:
      return "DEV_INFO";
    case SectionType::kNvData1:
      return "NV_DATA1";
    case SectionType::kVpdR0:
      return "VPD_R0";
    case SectionType::kNvData2:
      return "NV_DATA2";
    case SectionType::kFwNvLog:
      return "FW_NV_LOG";
    case SectionType::kNvData0:
      return "NV_DATA0";
    case SectionType::kItoc:
      return "ITOC";
    case SectionType::kEnd:
      return "END";
  }
  return "UNKNOWN_SECTION";
}

bool is_firmware_section(SectionType type) {
  switch (type) {
    case SectionType::kBootCode:
    case SectionType::kPciCode:
    case SectionType::kMainCode:
    case SectionType::kHwBootCfg:
    case SectionType::kHwMainCfg:
    case SectionType::kImageInfo:
    case SectionType::kFwBootCfg:
    case SectionType::kFwMainCfg:
    case SectionType::kRomCode:
    case SectionType::kDbgFwIni:
    case SectionType::kImageSignature256:
    case SectionType::kPublicKeys2048:
    case SectionType::kForbiddenVersions:
    case SectionType::kImageSignature512:
    case SectionType::kPublicKeys4096:
    case SectionType::kHmacDigest:
      return true;
    case SectionType::kMfgInfo:
    case SectionType::kDevInfo:
    case SectionType::kNvData1:
    case SectionType::kVpdR0:
    case SectionType::kNvData2:
    case SectionType::kFwNvLog:
    case SectionType::kNvData0:
    case SectionType::kItoc:
    case SectionType::kEnd:
      return false;
  }
  return false;
}

}  // namespace secnic::image
