#include "firmware_model/image/applicability.h"

#include <algorithm>
#include <cstdio>

namespace secnic::image {

namespace {
// PSIDs compare as the tool compares them: the first 16 bytes, up to a NUL.
std::string psid_key(std::string_view s) {
  std::string out(s.substr(0, 16));
  const auto nul = out.find('\0');
  if (nul != std::string::npos) out.resize(nul);
  return out;
}
}  // namespace

ApplicabilityCheck check_applicability(const Fs3Image& image, std::string_view card_psid,
                                       uint32_t card_hw_id) {
  const ImageInfo& info = image.image_info();
  if (psid_key(info.psid) != psid_key(card_psid)) {
    return {Applicability::kPsidMismatch, "image PSID " + psid_key(info.psid) +
                                              " differs from the card's PSID " +
                                              psid_key(card_psid)};
  }
  const auto& ids = info.supported_hw_ids;
  if (std::find(ids.begin(), ids.end(), card_hw_id) == ids.end()) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "image does not list hardware id 0x%x (supported_hw_id[0] 0x%x)",
                  card_hw_id, ids[0]);
    return {Applicability::kHwIdMismatch, buf};
  }
  return {Applicability::kApplicable, "applicable"};
}

VersionCheck check_version_allowed(const Fs3Image& candidate,
                                   const std::vector<FwVersion>& card_forbidden) {
  const FwVersion v = candidate.image_info().fw_version;
  if (std::find(card_forbidden.begin(), card_forbidden.end(), v) != card_forbidden.end()) {
    return {false, "FW version " + v.to_string() + " is forbidden on this card"};
  }
  const auto& own = candidate.forbidden_versions();
  if (std::find(own.begin(), own.end(), v) != own.end()) {
    return {false,
            "FW version " + v.to_string() + " is listed in the image's own FORBIDDEN_VERSIONS"};
  }
  return {true, "FW version " + v.to_string() + " is not forbidden"};
}

}  // namespace secnic::image
