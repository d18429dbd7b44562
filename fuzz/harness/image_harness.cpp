#include "fuzz/harness/image_harness.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/image/applicability.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_builder.h"
#include "firmware_model/image/image_description.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "firmware_model/image/section_editor.h"
#include "firmware_model/image/signed_range.h"
#include "firmware_model/update/fs3_component_verifier.h"
#include "fuzz/harness/image_crc_repair.h"
#include "fuzz/harness/image_seeds.h"
#include "fuzz/harness/invariant.h"
#include "fuzz/harness/quiet_logs.h"

namespace secnic::fuzz {

namespace {

using image::Fs3Image;
using image::ImageForm;
using image::ItocEntry;
namespace lo = image::layout;
using DigestKind = crypto::DigestKind;

constexpr DigestKind kDigestKinds[] = {DigestKind::kSha256, DigestKind::kSha512};

// Calls `f`; an exception other than a finding is itself a finding.
template <class F>
auto no_throw(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const InvariantViolation&) {
    throw;
  } catch (const std::exception& e) {
    violation(std::string(what) + " threw: " + e.what());
  } catch (...) {
    violation(std::string(what) + " threw a non-std exception");
  }
}

std::vector<ItocEntry> code_entries(const Fs3Image& img) {
  std::vector<ItocEntry> out;
  for (const ItocEntry& e : img.entries()) {
    if (!e.device_data) out.push_back(e);
  }
  return out;
}

// The code sections a signature of `kind` vouches for: the signed range masks the signature
// sections (and their ITOC entries) it must not cover, IMAGE_SIGNATURE_256 for SHA-256 and both
// for SHA-512.
std::vector<ItocEntry> signed_entries(const Fs3Image& img, DigestKind kind) {
  std::vector<ItocEntry> out;
  for (const ItocEntry& e : code_entries(img)) {
    const bool masked =
        e.type == image::SectionType::kImageSignature256 ||
        (kind == DigestKind::kSha512 && e.type == image::SectionType::kImageSignature512);
    if (!masked) out.push_back(e);
  }
  return out;
}

bool same_image_info(const image::ImageInfo& a, const image::ImageInfo& b) {
  return a.format_major == b.format_major && a.format_minor == b.format_minor &&
         a.fw_version == b.fw_version && a.release_date == b.release_date &&
         a.release_hour == b.release_hour && a.release_minute == b.release_minute &&
         a.release_second == b.release_second && a.psid == b.psid &&
         a.product_version == b.product_version && a.description == b.description &&
         a.name == b.name && a.prs_name == b.prs_name && a.vsd == b.vsd &&
         a.pci_vendor_id == b.pci_vendor_id && a.pci_device_id == b.pci_device_id &&
         a.supported_hw_ids == b.supported_hw_ids && a.mcc_en == b.mcc_en &&
         a.signed_fw == b.signed_fw && a.secure_fw == b.secure_fw && a.debug_fw == b.debug_fw &&
         a.burn_image_size == b.burn_image_size;
}

bool same_signature(const std::optional<image::ImageSignature>& a,
                    const std::optional<image::ImageSignature>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->kind == b->kind && a->signature_uuid == b->signature_uuid &&
         a->keypair_uuid == b->keypair_uuid && a->signature == b->signature;
}

// What a seed signed by a fuzzing key looks like to the verifier: the digest its signature covers
// and the content that digest vouches for.
struct GenuineContent {
  DigestKind kind;
  std::vector<uint8_t> digest;
  image::ImageInfo image_info;
  std::vector<ItocEntry> signed_sections;
  std::vector<image::FwVersion> forbidden_versions;
};

// The card's VERIFY_COMPONENT check, trusting the fuzzing keys, on a card with the seeds' PSID.
fw::CardTrust card_trust(const std::vector<image::TrustedKey>& trusted) {
  fw::CardTrust trust;
  trust.psid = image::ImageSpec{}.psid;
  trust.trusted_keys = trusted;
  return trust;
}

struct ImageHarness {
  FuzzKeys keys;
  std::vector<image::TrustedKey> trusted;
  std::vector<GenuineContent> genuine;
  fw::Fs3ComponentVerifier verifier;

  ImageHarness()
      : keys(load_fuzz_keys(fuzz_data_dir())),
        trusted(keys.trusted()),
        verifier(card_trust(trusted)) {
    for (const ImageSeed& seed : build_image_seeds(keys)) {
      for (ImageForm form : {ImageForm::kFile, ImageForm::kComponent, ImageForm::kFlashSlot}) {
        auto img = image::parse_image(seed.image, {form});
        if (!img) continue;
        const auto v = image::verify_signature(*img, trusted);
        if (v.outcome != image::VerifyOutcome::kOk) continue;
        for (DigestKind kind : kDigestKinds) {
          genuine.push_back({kind, image::signed_digest(*img, kind), img->image_info(),
                             signed_entries(*img, kind), img->forbidden_versions()});
        }
      }
    }
    if (genuine.empty()) throw std::runtime_error("image harness: no seed verifies");
  }
};

ImageHarness& harness() {
  static ImageHarness h;
  return h;
}

// Device data after every code section: the ITOC order the builder writes and mstflint expects
// (a component ends at the first device-data entry).
bool device_data_last(const Fs3Image& img) {
  bool seen_device_data = false;
  for (const ItocEntry& e : img.entries()) {
    if (e.device_data) seen_device_data = true;
    if (!e.device_data && seen_device_data) return false;
  }
  return true;
}

// The image's component holds everything a component parser needs: header, BOOT2, the ITOC and
// every code section lie inside [0, data_size).
bool component_is_complete(const Fs3Image& img) {
  if (!device_data_last(img)) return false;
  const uint64_t n = img.data_size();
  if (img.itoc_end() > n) return false;
  for (const ItocEntry& e : img.entries()) {
    if (!e.device_data && e.end() > n) return false;
  }
  return true;
}

void check_structure(const Fs3Image& img, ImageForm form, const std::vector<uint8_t>& bytes) {
  const size_t size = bytes.size();
  require(img.form() == form, "parsed image reports another form");
  require(img.bytes() == bytes, "parsed image does not keep the input bytes");
  require(img.data_size() <= size, "data_size lies past the end of the image");
  require(img.itoc_offset() % lo::kItocAlignment == 0, "ITOC is not 4 KiB aligned");
  require(uint64_t{img.itoc_offset()} + lo::itoc_header::kSize <= img.itoc_end() &&
              img.itoc_end() <= size,
          "ITOC lies outside the image");
  require(img.boot2_offset() + uint64_t{img.boot2_size()} <= img.itoc_offset(),
          "BOOT2 overlaps the ITOC");
  for (const ItocEntry& e : img.entries()) {
    require(uint64_t{e.offset} + e.size <= size, "a section lies outside the image");
    require(e.entry_offset + uint64_t{lo::itoc_entry::kSize} <= img.itoc_end(),
            "an ITOC entry lies outside the parsed ITOC");
    require(form != ImageForm::kComponent || !e.device_data,
            "a component reports a device-data section");
    require(e.type != image::SectionType::kEnd, "an END entry is listed as a section");
  }
  for (const image::ByteRange& r : img.read_ranges()) {
    require(r.begin <= r.end && r.end <= size, "a read range lies outside the image");
  }
  const ItocEntry* info = img.find(image::SectionType::kImageInfo);
  require(info != nullptr, "parsed image has no IMAGE_INFO");
  require(img.image_info().supported_hw_ids[0] == image::kConnectX4LxHwId,
          "parsed image is not for the ConnectX-4 Lx");
  require(form != ImageForm::kFile || img.mfg_info().has_value(), "parsed file has no MFG_INFO");

  const ItocEntry* fv = img.find(image::SectionType::kForbiddenVersions);
  require((fv != nullptr) == img.has_forbidden_versions_section(),
          "FORBIDDEN_VERSIONS presence disagrees with the ITOC");
  if (fv != nullptr) {
    auto decoded = no_throw("decode_forbidden_versions", [&] {
      return image::decode_forbidden_versions(img.section_bytes(*fv));
    });
    require(decoded && *decoded == img.forbidden_versions(),
            "FORBIDDEN_VERSIONS decodes differently from the parsed list");
  } else {
    require(img.forbidden_versions().empty(), "forbidden versions without a section");
  }
}

void check_verification(const Fs3Image& img, const image::Verification& v) {
  const auto& trusted = harness().trusted;
  if (v.bare_digest_matches.has_value()) {
    require(v.outcome == image::VerifyOutcome::kUnsigned,
            "a bare digest is reported for an RSA-signed image");
  }
  if (v.outcome != image::VerifyOutcome::kOk) return;
  require(v.digest_kind.has_value(), "kOk without the digest that decided it");
  require(std::any_of(trusted.begin(), trusted.end(),
                      [&](const image::TrustedKey& t) { return t.uuid == v.key_uuid; }),
          "kOk names a key that is not trusted");
  const std::vector<uint8_t> digest = image::signed_digest(img, *v.digest_kind);
  const auto& genuine = harness().genuine;
  const auto match = std::find_if(genuine.begin(), genuine.end(), [&](const GenuineContent& g) {
    return g.kind == *v.digest_kind && g.digest == digest;
  });
  require(match != genuine.end(),
          "verify_signature accepted content no fuzzing key signed (signature forged?)");
  require(same_image_info(img.image_info(), match->image_info),
          "a genuine signature vouches for an image whose IMAGE_INFO was changed");
  require(signed_entries(img, *v.digest_kind) == match->signed_sections,
          "a genuine signature vouches for an image whose code sections were changed");
  require(img.forbidden_versions() == match->forbidden_versions,
          "a genuine signature vouches for changed FORBIDDEN_VERSIONS");
}

void check_policy(const Fs3Image& img) {
  const image::ImageInfo& info = img.image_info();
  auto own =
      no_throw("check_applicability", [&] { return image::check_applicability(img, info.psid); });
  require(own.result == image::Applicability::kApplicable && !own.message.empty(),
          "an image is not applicable to a card with its own PSID and hardware id");
  auto other_hw = no_throw("check_applicability",
                           [&] { return image::check_applicability(img, info.psid, 0xFFFFFFFFu); });
  const auto& ids = info.supported_hw_ids;
  require((other_hw.result == image::Applicability::kHwIdMismatch) ==
              (std::find(ids.begin(), ids.end(), 0xFFFFFFFFu) == ids.end()),
          "hardware id applicability disagrees with supported_hw_ids");
  const auto& forbidden = img.forbidden_versions();
  const bool self_forbidden =
      std::find(forbidden.begin(), forbidden.end(), info.fw_version) != forbidden.end();
  auto free_card =
      no_throw("check_version_allowed", [&] { return image::check_version_allowed(img, {}); });
  require(free_card.allowed == !self_forbidden,
          "version policy disagrees with the image's own FORBIDDEN_VERSIONS");
  auto forbidding_card = no_throw("check_version_allowed", [&] {
    return image::check_version_allowed(img, {info.fw_version});
  });
  require(!forbidding_card.allowed, "a version the card forbids is allowed");
}

void check_descriptions(const Fs3Image& img) {
  no_throw("describe_text", [&] { return image::describe_text(img); });
  no_throw("describe_signature", [&] { return image::describe_signature(img); });
  const std::string json = no_throw("describe_json", [&] { return image::describe_json(img, -1); });
  require(nlohmann::json::accept(json), "describe_json produced invalid JSON");
}

// FZ-3 (open, firmware_model/image): a device-data section with relative_addr=1 counts in the
// image's data_size (as in mstflint's sizeOfImgData), but the component masks its ITOC entry, so
// the component parses with a shorter data_size and signed range than the image it was made from.
bool has_relative_device_data(const Fs3Image& img) {
  return std::any_of(img.entries().begin(), img.entries().end(),
                     [](const ItocEntry& e) { return e.device_data && e.relative; });
}

// FZ-4 (open, firmware_model/image): the flash-slot and file parsers take IMAGE_INFO from an ITOC
// entry flagged device data; the component masks that entry, so it has no IMAGE_INFO and does not
// parse.
bool image_info_is_device_data(const Fs3Image& img) {
  const ItocEntry* info = img.find(image::SectionType::kImageInfo);
  return info != nullptr && info->device_data;
}

// A parsed image re-serialises as the MCC component the tool would send, which the card parses
// back to the same image.
void check_component_round_trip(const Fs3Image& img, const image::Verification& verdict) {
  const std::vector<uint8_t> component =
      no_throw("make_component", [&] { return image::make_component(img); });
  require(component.size() == img.data_size(), "the component is not data_size bytes long");
  for (size_t i = 0; i < std::min<size_t>(component.size(), lo::header::kMagic.size()); ++i) {
    require(component[i] == 0xFF, "the component does not mask the magic");
  }
  if (!component_is_complete(img)) return;
  if (known_finding("FZ-4") && image_info_is_device_data(img)) return;
  auto parsed = no_throw("parse_component", [&] { return image::parse_component(component); });
  require(parsed.has_value(), [&] {
    return "the component of a parsed image does not parse: " + parsed.error().message;
  });
  require(parsed->entries() == code_entries(img),
          "the component's sections differ from the image's code sections");
  if (known_finding("FZ-3") && has_relative_device_data(img)) return;
  require(parsed->data_size() == img.data_size(), "the component's data_size differs");
  require(same_image_info(parsed->image_info(), img.image_info()),
          "the component's IMAGE_INFO differs");
  require(parsed->forbidden_versions() == img.forbidden_versions(),
          "the component's FORBIDDEN_VERSIONS differ");
  for (DigestKind kind : kDigestKinds) {
    require(same_signature(parsed->signature(kind), img.signature(kind)),
            "the component's signature section differs");
    require(image::signed_bytes(*parsed, kind) == image::signed_bytes(img, kind),
            "the component's signed bytes differ from the image's (host and card disagree)");
  }
  const auto card_verdict = image::verify_signature(*parsed, harness().trusted);
  require(card_verdict.outcome == verdict.outcome,
          "the card's verdict on the component differs from the verdict on the image");
  require(image::make_component(*parsed) == component, "make_component is not idempotent");

  auto flash = no_throw("component_to_flash_image",
                        [&] { return image::component_to_flash_image(component); });
  require(flash.has_value(), "a parsed component cannot be turned into a flash image");
  require(std::equal(lo::header::kMagic.begin(), lo::header::kMagic.end(), flash->begin()),
          "the flash image has no magic");
  auto slot = no_throw("parse_image(flash slot)",
                       [&] { return image::parse_image(*flash, {ImageForm::kFlashSlot}); });
  if (img.form() == ImageForm::kComponent && (!slot || slot->entries() != parsed->entries())) {
    // A component may carry ITOC entries past its first device-data entry that the component
    // parser never reads: the restored slot does not parse (FZ-2) or has more sections (FZ-8).
    // The card must refuse such a component (check_card_boots_component).
    return;
  }
  require(slot.has_value(), [&] {
    return "a restored component does not parse as a flash slot: " + slot.error().message;
  });
  require(slot->entries() == parsed->entries(), "the restored flash image's sections differ");
  for (DigestKind kind : kDigestKinds) {
    require(image::signed_bytes(*slot, kind) == image::signed_bytes(*parsed, kind),
            "the restored flash image's signed bytes differ");
  }
}

// The BootRom reads a slot's image_extent() bytes (or the whole slot when there is none); the
// image it reads must be the image the slot holds.
void check_extent(const std::vector<uint8_t>& bytes, const Fs3Image& slot) {
  const auto extent =
      no_throw("image_extent", [&] { return image::image_extent(bytes.data(), bytes.size()); });
  if (!extent || *extent >= bytes.size()) return;
  require(*extent >= slot.data_size(), "image_extent ends before the image's data");
  const std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + *extent);
  auto cut = image::parse_image(prefix, {ImageForm::kFlashSlot});
  require(cut.has_value(), [&] {
    return "the image_extent prefix of a bootable slot does not parse: " + cut.error().message;
  });
  require(cut->entries() == slot.entries() && cut->data_size() == slot.data_size(),
          "the image_extent prefix parses to another image");
}

std::optional<Fs3Image> parse_checked(const std::vector<uint8_t>& bytes, ImageForm form) {
  auto img = no_throw("parse_image", [&] { return image::parse_image(bytes, {form}); });
  if (!img) {
    const image::ImageError& e = img.error();
    require(!e.message.empty(), "a refusal without a message");
    require(e.offset <= bytes.size() || e.offset == 0,
            [&] { return "a refusal points past the end of the input: " + e.message; });
    return std::nullopt;
  }
  check_structure(*img, form, bytes);
  return std::move(*img);
}

void consume(const Fs3Image& img) {
  for (DigestKind kind : kDigestKinds) {
    const auto signed_range =
        no_throw("signed_bytes", [&] { return image::signed_bytes(img, kind); });
    require(signed_range.size() == img.data_size(), "the signed range is not data_size bytes");
  }
  const auto verdict =
      no_throw("verify_signature", [&] { return image::verify_signature(img, harness().trusted); });
  require(!verdict.message.empty() || verdict.outcome == image::VerifyOutcome::kOk,
          "a verification refusal without a message");
  check_verification(img, verdict);
  const auto untrusting =
      no_throw("verify_signature", [&] { return image::verify_signature(img, {}); });
  require(untrusting.outcome != image::VerifyOutcome::kOk, "verified without any trusted key");
  no_throw("embedded_keys", [&] { return image::embedded_keys(img); });
  check_policy(img);
  check_descriptions(img);
  check_component_round_trip(img, verdict);
}

// The card's update path (FZ-2): VERIFY_COMPONENT (Fs3ComponentVerifier, trusting the fuzzing
// keys) judges the component; an accepted one gets its magic back and is booted by the BootRom,
// which parses it as a flash slot. The card must refuse what its BootRom cannot boot, and what it
// accepts must boot as the image it verified.
void check_card_boots_component(const std::vector<uint8_t>& bytes, const Fs3Image& component) {
  auto flash =
      no_throw("component_to_flash_image", [&] { return image::component_to_flash_image(bytes); });
  std::optional<Fs3Image> slot;
  if (flash) {
    auto parsed = no_throw("parse_image(flash slot)",
                           [&] { return image::parse_image(*flash, {ImageForm::kFlashSlot}); });
    if (parsed) slot = std::move(*parsed);
  }
  const fw::ComponentVerdict verdict = no_throw("Fs3ComponentVerifier::verify", [&] {
    return harness().verifier.verify(bytes.data(), bytes.size());
  });
  if (verdict.error != fw::MccError::kOk) {
    require(!verdict.reason.empty(), "the card refuses a component without a reason");
    return;
  }
  require(slot.has_value(), "the card accepts a component its BootRom cannot boot");
  require(slot->entries() == component.entries(),
          "the card accepts a component whose slot the BootRom reads with other ITOC entries");
  require(component.data_size() == bytes.size(), "the card accepts a component of the wrong size");
  require(code_entries(*slot) == component.entries(),
          "the booted image's code sections differ from the verified component's");
  for (DigestKind kind : kDigestKinds) {
    require(image::signed_bytes(*slot, kind) == image::signed_bytes(component, kind),
            "the booted image's signed bytes differ from the verified component's");
  }
  const auto boot_verdict = image::verify_signature(*slot, harness().trusted);
  require(boot_verdict.outcome == image::VerifyOutcome::kOk,
          "the BootRom's signature check fails on an image the card verified");
}

void run_image(std::vector<uint8_t> bytes) {
  const auto file = parse_checked(bytes, ImageForm::kFile);
  const auto slot = parse_checked(bytes, ImageForm::kFlashSlot);
  const auto component = parse_checked(bytes, ImageForm::kComponent);
  if (file) {
    require(slot.has_value(), "a file that parses is not a flash slot that parses");
    require(file->entries() == slot->entries() && file->data_size() == slot->data_size(),
            "file and flash-slot parses of the same bytes differ");
    consume(*file);
  }
  if (slot) {
    if (device_data_last(*slot) && !(known_finding("FZ-4") && image_info_is_device_data(*slot))) {
      require(component.has_value(), [&] {
        return std::string("a flash slot that parses is not a component that parses");
      });
      require(component->entries() == code_entries(*slot),
              "component and flash-slot parses of the same bytes differ");
    }
    check_extent(bytes, *slot);
    if (!file) consume(*slot);
  }
  if (component) check_card_boots_component(bytes, *component);
  if (component && !slot) consume(*component);
}

void run_forbidden_versions(const std::vector<uint8_t>& section) {
  namespace fv = lo::forbidden_versions;
  auto decoded = no_throw("decode_forbidden_versions",
                          [&] { return image::decode_forbidden_versions(section); });
  if (!decoded) {
    require(decoded.error().code == image::ImageErrc::kBadForbiddenVersions &&
                !decoded.error().message.empty(),
            "FORBIDDEN_VERSIONS refused without its error code and a message");
    return;
  }
  const bool all_zero =
      std::all_of(section.begin(), section.end(), [](uint8_t b) { return b == 0; });
  require(!all_zero || decoded->empty(), "an all-zero FORBIDDEN_VERSIONS lists versions");
  require(all_zero || decoded->size() <= (section.size() - fv::kEntriesOffset) / 4,
          "FORBIDDEN_VERSIONS lists more versions than its bytes hold");
  if (decoded->size() > fv::kMaxEntries) return;
  auto encoded = no_throw("encode_forbidden_versions",
                          [&] { return image::encode_forbidden_versions(*decoded); });
  require(encoded.has_value(), "a decoded FORBIDDEN_VERSIONS list cannot be encoded");
  auto again = image::decode_forbidden_versions(*encoded);
  require(again && *again == *decoded, "FORBIDDEN_VERSIONS does not survive encode/decode");
}

}  // namespace

void run_image_input(const uint8_t* data, size_t size) {
  static const bool logs_quiet = (quiet_logs(), true);
  (void)logs_quiet;
  if (size == 0) return;
  const uint8_t control = data[0];
  std::vector<uint8_t> payload(data + 1, data + size);
  if (control & image_input::kForbiddenVersionsSection) {
    run_forbidden_versions(payload);
    return;
  }
  if (control & image_input::kRepairCrcs) repair_image_crcs(payload);
  run_image(std::move(payload));
}

}  // namespace secnic::fuzz
