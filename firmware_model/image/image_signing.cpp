#include "firmware_model/image/image_signing.h"

#include <algorithm>

#include "firmware_model/crypto/rsa_signature.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/section_editor.h"
#include "firmware_model/image/signed_range.h"

namespace secnic::image {

namespace lo = layout;

namespace {

SectionType signature_section(crypto::DigestKind kind) {
  return kind == crypto::DigestKind::kSha256 ? SectionType::kImageSignature256
                                             : SectionType::kImageSignature512;
}

uint32_t signature_section_size(crypto::DigestKind kind) {
  return kind == crypto::DigestKind::kSha256 ? lo::image_signature::kSize256
                                             : lo::image_signature::kSize512;
}

ImageError missing(SectionType type) {
  return ImageError{ImageErrc::kMissingSection,
                    std::string("ITOC entry type: ") + section_name(type) + " (" +
                        std::to_string(static_cast<int>(type)) + ") not found"};
}

std::vector<uint8_t> signature_content(crypto::DigestKind kind, const crypto::KeyUuid& uuid,
                                       const std::vector<uint8_t>& value) {
  std::vector<uint8_t> s(signature_section_size(kind), 0);
  secnic::layout::set(s, lo::image_signature::keypair_uuid, uuid.bytes().data(),
                      uuid.bytes().size());
  std::copy(value.begin(), value.end(), s.begin() + lo::image_signature::kSignatureOffset);
  return s;
}

}  // namespace

const char* to_string(VerifyOutcome outcome) {
  switch (outcome) {
    case VerifyOutcome::kOk:
      return "ok";
    case VerifyOutcome::kUnsigned:
      return "unsigned";
    case VerifyOutcome::kUnknownKey:
      return "unknown-key";
    case VerifyOutcome::kDigestMismatch:
      return "digest-mismatch";
    case VerifyOutcome::kBadFormat:
      return "bad-format";
  }
  return "unknown";
}

ImageResult<void> sign_image(std::vector<uint8_t>& bytes, const crypto::RsaPrivateKey& key,
                             const crypto::KeyUuid& keypair_uuid) {
  if (keypair_uuid.is_zero()) {
    return ImageError{ImageErrc::kBadArgument,
                      "key UUID 0 means 'not signed'; use a non-zero UUID"};
  }
  const crypto::DigestKind kind = crypto::digest_for(key.size());
  const crypto::DigestKind other = kind == crypto::DigestKind::kSha256
                                       ? crypto::DigestKind::kSha512
                                       : crypto::DigestKind::kSha256;
  auto parsed = parse_image(bytes);
  if (!parsed) return parsed.error();
  if (parsed->find(signature_section(kind)) == nullptr) return missing(signature_section(kind));
  // Only one key size signs: clear the other signature section first (it is inside the SHA-256
  // range, so it must be final before hashing).
  if (parsed->find(signature_section(other)) != nullptr) {
    if (auto r = replace_section(bytes, *parsed, signature_section(other),
                                 std::vector<uint8_t>(signature_section_size(other), 0));
        !r) {
      return r.error();
    }
    parsed = parse_image(bytes);
    if (!parsed) return parsed.error();
  }
  auto sig = crypto::rsa_sign_digest(key, signed_digest(*parsed, kind));
  if (!sig) return ImageError{ImageErrc::kCryptoFailure, sig.error().message};
  return replace_section(bytes, *parsed, signature_section(kind),
                         signature_content(kind, keypair_uuid, *sig));
}

ImageResult<void> insert_digest(std::vector<uint8_t>& bytes) {
  auto parsed = parse_image(bytes);
  if (!parsed) return parsed.error();
  const crypto::DigestKind kind = crypto::DigestKind::kSha256;
  if (parsed->find(signature_section(kind)) == nullptr) return missing(signature_section(kind));
  return replace_section(bytes, *parsed, signature_section(kind),
                         signature_content(kind, crypto::KeyUuid{}, signed_digest(*parsed, kind)));
}

std::vector<TrustedKey> embedded_keys(const Fs3Image& image) {
  std::vector<TrustedKey> keys;
  for (const auto& entry : image.public_keys()) {
    auto key = entry.to_key();
    if (key && key->size() == entry.size) keys.push_back(TrustedKey{entry.uuid, *key});
  }
  return keys;
}

Verification verify_signature(const Fs3Image& image, const std::vector<TrustedKey>& trusted) {
  Verification v;
  // Everything the firmware runs must be covered: a non-device-data section beyond the end of the
  // signed range would be unsigned code.
  for (const auto& e : image.entries()) {
    if (!e.device_data && e.end() > image.data_size()) {
      v.outcome = VerifyOutcome::kBadFormat;
      v.message = std::string(section_name(e.type)) + " section at offset " +
                  std::to_string(e.offset) + " lies outside the signed range [0, " +
                  std::to_string(image.data_size()) + ")";
      return v;
    }
  }
  std::vector<const ImageSignature*> candidates;
  for (auto kind : {crypto::DigestKind::kSha512, crypto::DigestKind::kSha256}) {
    const auto& sig = image.signature(kind);
    if (sig && sig->rsa_signed()) candidates.push_back(&*sig);
  }
  if (candidates.empty()) {
    v.outcome = VerifyOutcome::kUnsigned;
    const auto& sig256 = image.signature(crypto::DigestKind::kSha256);
    if (!sig256 && !image.signature(crypto::DigestKind::kSha512)) {
      v.message = "the image has no IMAGE_SIGNATURE section";
      return v;
    }
    v.message = "the image carries no RSA signature (keypair UUID 0)";
    if (sig256 && std::any_of(sig256->signature.begin(), sig256->signature.end(),
                              [](uint8_t b) { return b != 0; })) {
      const auto digest = signed_digest(image, crypto::DigestKind::kSha256);
      v.bare_digest_matches = std::equal(digest.begin(), digest.end(), sig256->signature.begin());
      v.message += *v.bare_digest_matches ? "; its bare SHA-256 digest matches the image"
                                          : "; its bare SHA-256 digest does NOT match the image";
    }
    return v;
  }
  bool any_trusted = false;
  for (const ImageSignature* sig : candidates) {
    const crypto::RsaKeySize needed = sig->kind == crypto::DigestKind::kSha256
                                          ? crypto::RsaKeySize::k2048
                                          : crypto::RsaKeySize::k4096;
    const char* section = section_name(signature_section(sig->kind));
    std::string why;
    SignatureMismatch mismatch = SignatureMismatch::kNone;
    bool verified = false;
    bool uuid_trusted = false;
    for (const TrustedKey& t : trusted) {
      if (t.uuid != sig->keypair_uuid) continue;
      uuid_trusted = true;
      if (t.key.size() != needed) {
        why = "trusted key " + t.uuid.to_string() + " is RSA-" +
              std::to_string(static_cast<int>(t.key.size())) + " but " + section + " needs RSA-" +
              std::to_string(static_cast<int>(needed));
        mismatch = SignatureMismatch::kWrongKeySize;
        continue;
      }
      auto check =
          crypto::rsa_verify_digest(t.key, signed_digest(image, sig->kind), sig->signature);
      if (check && *check == crypto::SignatureCheck::kValid) {
        verified = true;
        break;
      }
      if (check && *check == crypto::SignatureCheck::kDigestMismatch) {
        mismatch = SignatureMismatch::kDigestDiffers;
        why = std::string("the Digest in the signature is wrong: ") + section +
              " decodes under key " + t.uuid.to_string() +
              " but carries another digest (the image was modified after signing)";
      } else {
        mismatch = SignatureMismatch::kUndecodable;
        why = std::string(section) + " does not decode under trusted key " + t.uuid.to_string() +
              " (signed by a different key, or the signature is corrupted)";
      }
    }
    if (!uuid_trusted) continue;
    any_trusted = true;
    if (!verified) {
      v.outcome = VerifyOutcome::kDigestMismatch;
      v.mismatch = mismatch;
      v.message = why;
      v.digest_kind = sig->kind;
      v.key_uuid = sig->keypair_uuid;
      return v;
    }
    if (!v.digest_kind) {
      v.digest_kind = sig->kind;
      v.key_uuid = sig->keypair_uuid;
    }
  }
  if (!any_trusted) {
    v.outcome = VerifyOutcome::kUnknownKey;
    v.digest_kind = candidates.front()->kind;
    v.key_uuid = candidates.front()->keypair_uuid;
    v.message = "signed by key " + v.key_uuid.to_string() + ", which is not a trusted key";
    return v;
  }
  v.outcome = VerifyOutcome::kOk;
  v.message = std::string(crypto::to_string(*v.digest_kind)) + " signature by trusted key " +
              v.key_uuid.to_string() + " verifies";
  return v;
}

}  // namespace secnic::image
