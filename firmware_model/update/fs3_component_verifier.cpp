#include "firmware_model/update/fs3_component_verifier.h"

#include <algorithm>
#include <cstring>

#include "firmware_model/image/applicability.h"
#include "firmware_model/image/mcc_component.h"

namespace secnic::fw {

namespace {

ComponentVerdict reject(MccError error, std::string reason) {
  ComponentVerdict v;
  v.error = error;
  v.reason = std::move(reason);
  return v;
}

// kDigestMismatch: a signature under a trusted UUID that decodes but carries another digest means
// the image was modified after signing; one that does not decode (another key, corrupted signature,
// a key of the wrong size) fails authentication.
MccError classify_mismatch(const image::Verification& verification) {
  return verification.mismatch == image::SignatureMismatch::kDigestDiffers
             ? MccError::kRejectedDigestErr
             : MccError::kRejectedAuthFailed;
}

}  // namespace

ComponentInfo component_info_of(const image::Fs3Image& image) {
  const image::ImageInfo& info = image.image_info();
  ComponentInfo out;
  out.version = info.fw_version.packed();
  out.release_year = info.release_date.year_bcd();
  out.release_month = info.release_date.month_bcd();
  out.release_day = info.release_date.day_bcd();
  const size_t pv = std::min(info.product_version.size(), ComponentInfo::kProductVersionCapacity);
  std::memcpy(out.product_version, info.product_version.data(), pv);
  out.product_version_length = static_cast<uint8_t>(pv);
  const size_t psid = std::min(info.psid.size(), ComponentInfo::kPsidCapacity);
  std::memcpy(out.psid, info.psid.data(), psid);
  return out;
}

ComponentVerdict Fs3ComponentVerifier::verify(const uint8_t* component, size_t size) {
  // 1. Structure.
  auto parsed = image::parse_component(std::vector<uint8_t>(component, component + size));
  if (!parsed) {
    const image::ImageError& e = parsed.error();
    return reject(e.code == image::ImageErrc::kUnknownHwId ? MccError::kRejectedNotApplicable
                                                           : MccError::kRejectedBadFormat,
                  std::string("component: ") + image::to_string(e.code) + ": " + e.message);
  }
  const image::Fs3Image& img = *parsed;
  if (img.data_size() != size) {
    return reject(MccError::kRejectedBadFormat, "component is " + std::to_string(size) +
                                                    " bytes but the image ends at " +
                                                    std::to_string(img.data_size()));
  }
  // The BootRom will read the stored slot (magic restored) as a flash slot, every ITOC entry up to
  // END, while parse_component() stops at the first device-data entry: accept only what the BootRom
  // boots.
  auto slot = image::component_to_flash_image(std::vector<uint8_t>(component, component + size));
  if (!slot) {
    return reject(MccError::kRejectedBadFormat,
                  std::string("no flash image from it: ") + slot.error().message);
  }
  auto bootable = image::parse_image(std::move(*slot), {image::ImageForm::kFlashSlot});
  if (!bootable) {
    return reject(MccError::kRejectedBadFormat,
                  std::string("the BootRom could not boot it: ") + bootable.error().message);
  }
  // A device-data entry that was not masked ends the component's ITOC for parse_component(), but
  // the BootRom reads on past it to END: the sections it would boot are not the ones verified
  // (FZ-8).
  if (bootable->entries() != img.entries()) {
    return reject(MccError::kRejectedBadFormat,
                  "the BootRom would read " + std::to_string(bootable->entries().size()) +
                      " ITOC entries where the component has " +
                      std::to_string(img.entries().size()) +
                      " (a device-data entry left unmasked ends the component's ITOC)");
  }
  if (!img.image_info().fw_version.fits_packed()) {
    return reject(MccError::kRejectedBadFormat,
                  "FW version " + img.image_info().fw_version.to_string() +
                      " does not fit the 8-bit major/minor fields the card reports");
  }

  // 2. Signature by a trusted key.
  const image::Verification verification = image::verify_signature(img, m_trust.trusted_keys);
  switch (verification.outcome) {
    case image::VerifyOutcome::kOk:
      break;
    case image::VerifyOutcome::kUnsigned:
      return reject(MccError::kRejectedUnsigned, verification.message);
    case image::VerifyOutcome::kUnknownKey:
      return reject(MccError::kRejectedUnknownKey, verification.message);
    case image::VerifyOutcome::kDigestMismatch:
      return reject(classify_mismatch(verification), verification.message);
    case image::VerifyOutcome::kBadFormat:
      return reject(MccError::kRejectedBadFormat, verification.message);
  }

  // 3. Applicability.
  const image::ApplicabilityCheck applicable =
      image::check_applicability(img, m_trust.psid, m_trust.hw_id);
  if (applicable.result != image::Applicability::kApplicable) {
    return reject(MccError::kRejectedNotApplicable, applicable.message);
  }

  // 4. Forbidden versions.
  const image::VersionCheck allowed = image::check_version_allowed(img, m_trust.forbidden_versions);
  if (!allowed.allowed) return reject(MccError::kRejectedForbiddenVersion, allowed.message);

  ComponentVerdict ok;
  ok.info = component_info_of(img);
  ok.reason = "signed by " + verification.key_uuid.to_string() + ", " + allowed.message;
  return ok;
}

}  // namespace secnic::fw
