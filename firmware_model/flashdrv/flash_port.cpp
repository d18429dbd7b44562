#include "firmware_model/flashdrv/flash_port.h"

namespace secnic::fw {

const char* to_string(FlashResult r) {
  switch (r) {
    case FlashResult::kOk:
      return "ok";
    case FlashResult::kOutOfRange:
      return "out of range";
    case FlashResult::kMisaligned:
      return "misaligned";
    case FlashResult::kDeviceError:
      return "device error";
    case FlashResult::kPowerLost:
      return "power lost";
  }
  return "unknown flash result";
}

}  // namespace secnic::fw
