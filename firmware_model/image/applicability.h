// Whether an image may be installed on a given card: PSID and hardware id, and FORBIDDEN_VERSIONS.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_model/image/fs3_image.h"

namespace secnic::image {

enum class Applicability { kApplicable, kPsidMismatch, kHwIdMismatch };

struct ApplicabilityCheck {
  Applicability result = Applicability::kApplicable;
  std::string message;
};

// The image is applicable when its IMAGE_INFO PSID equals the card's (16-byte compare, as the tool
// does) and one of its supported_hw_id entries is the card's hardware id.
ApplicabilityCheck check_applicability(const Fs3Image& image, std::string_view card_psid,
                                       uint32_t card_hw_id = kConnectX4LxHwId);

struct VersionCheck {
  bool allowed = true;
  std::string message;
};

// FORBIDDEN_VERSIONS policy: a candidate image is refused when its FW version appears in the card's
// list (what the card was provisioned with plus the running image's FORBIDDEN_VERSIONS) or in the
// candidate's own list (an image never allows itself).
VersionCheck check_version_allowed(const Fs3Image& candidate,
                                   const std::vector<FwVersion>& card_forbidden);

}  // namespace secnic::image
