// ComponentVerifier over the FS3 image library: what the card checks at VERIFY_COMPONENT, in order,
// with the MCC error_code each failure gets:
//
//   1. structure: the bytes parse as an MCC component (magic masked, device data stripped) and the
//      component is exactly the image (length = end of the last relative section)
//        -> REJECTED_BAD_FORMAT (0x8); an IMAGE_INFO hw id that is not this chip ->
//        REJECTED_NOT_APPLICABLE
//   2. signature by a key the card trusts, found by the keypair UUID the signature names
//      (RSA-2048 PKCS#1 v1.5 / SHA-256 in IMAGE_SIGNATURE_256, RSA-4096 / SHA-512 in _512):
//        no RSA signature (none, uuid 0, bare digest)          -> REJECTED_UNSIGNED (0x6)
//        signed by a UUID the card does not trust              -> REJECTED_UNKNOWN_KEY (0x4)
//        decodes under the trusted key but carries another digest (image modified after signing)
//                                                              -> REJECTED_DIGEST_ERR (0x2)
//        does not decode under the trusted key (another key, corrupted signature)
//                                                              -> REJECTED_AUTH_FAILED (0x5)
//        unusable signature layout                             -> REJECTED_BAD_FORMAT (0x8)
//   3. applicability: IMAGE_INFO PSID equals the card's, supported_hw_id lists the card's hw id
//        -> REJECTED_NOT_APPLICABLE (0x3)
//   4. FORBIDDEN_VERSIONS: the image's FW version is not in the card's list (provisioned list plus
//   the
//      running image's FORBIDDEN_VERSIONS) nor in the image's own list ->
//      REJECTED_FORBIDDEN_VERSION (0xF)
//
// Authenticity comes before the policy checks so that no decision rests on unauthenticated fields
// (beyond the structure needed to find the signature). Nothing here throws on image content.
#pragma once

#include <string>
#include <vector>

#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/fw_version.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/update/component_verifier.h"

namespace secnic::fw {

// What the card was provisioned with (and learnt from the image it booted).
struct CardTrust {
  std::string psid;
  uint32_t hw_id = image::kConnectX4LxHwId;
  std::vector<image::TrustedKey> trusted_keys;
  // The card's list plus the running image's FORBIDDEN_VERSIONS.
  std::vector<image::FwVersion> forbidden_versions;
};

class Fs3ComponentVerifier : public ComponentVerifier {
 public:
  explicit Fs3ComponentVerifier(CardTrust trust) : m_trust(std::move(trust)) {}

  ComponentVerdict verify(const uint8_t* component, size_t size) override;
  const CardTrust& trust() const { return m_trust; }

 private:
  CardTrust m_trust;
};

// MCQI/journal facts of a parsed image (version, release date, product version, PSID); size, slot
// and sha256 are left for the caller.
ComponentInfo component_info_of(const image::Fs3Image& image);

}  // namespace secnic::fw
