#include "firmware_model/update/booted_image.h"

#include <algorithm>
#include <array>

#include "firmware_model/boot/boot_control_journal.h"
#include "firmware_model/update/fs3_component_verifier.h"

namespace secnic::fw {

FlashResult booted_component_info(const BootReport& report, FlashPort& flash, ComponentInfo& out) {
  out = ComponentInfo{};
  if (!report.booted || !report.image) return FlashResult::kOk;
  ComponentInfo info = component_info_of(*report.image);
  info.slot = static_cast<uint8_t>(report.slot);
  info.size = report.image_size;
  std::array<uint8_t, 32> sha256{};
  const FlashResult r = slot_sha256(flash, report.slot, report.image_size, sha256);
  if (r != FlashResult::kOk) return r;
  std::copy(sha256.begin(), sha256.end(), info.sha256);
  out = info;
  return FlashResult::kOk;
}

}  // namespace secnic::fw
