#include "firmware_model/image/image_description.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace secnic::image {

namespace {

std::string hex(uint64_t v, int width = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", width, static_cast<unsigned long long>(v));
  return buf;
}

bool all_zero(const std::vector<uint8_t>& v) {
  for (uint8_t b : v) {
    if (b != 0) return false;
  }
  return true;
}

std::string flags(const ImageInfo& info) {
  std::string s;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ' ';
    s += name;
  };
  add(info.mcc_en, "mcc_en");
  add(info.signed_fw, "signed_fw");
  add(info.secure_fw, "secure_fw");
  add(info.debug_fw, "debug_fw");
  return s.empty() ? "none" : s;
}

std::string versions(const std::vector<FwVersion>& list) {
  if (list.empty()) return "none";
  std::string s;
  for (const auto& v : list) s += (s.empty() ? "" : ", ") + v.to_string();
  return s;
}

}  // namespace

std::string describe_signature(const Fs3Image& image) {
  std::string out;
  for (auto kind : {crypto::DigestKind::kSha512, crypto::DigestKind::kSha256}) {
    const auto& sig = image.signature(kind);
    if (!sig || !sig->rsa_signed()) continue;
    if (!out.empty()) out += "; ";
    out += kind == crypto::DigestKind::kSha256 ? "RSA-2048/SHA-256" : "RSA-4096/SHA-512";
    out += ", key " + sig->keypair_uuid.to_string();
  }
  if (!out.empty()) return out;
  const auto& s256 = image.signature(crypto::DigestKind::kSha256);
  if (s256 && !all_zero(s256->signature)) return "SHA-256 digest only (not RSA-signed)";
  return "none";
}

std::string describe_text(const Fs3Image& image) {
  const ImageInfo& info = image.image_info();
  std::ostringstream os;
  auto line = [&](const char* key, const std::string& value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%-20s", (std::string(key) + ":").c_str());
    os << buf << value << "\n";
  };
  line("Image form", to_string(image.form()));
  line("FW Version", info.fw_version.to_string());
  line("Release Date", info.release_date.to_string());
  line("PSID", info.psid);
  line("Product Version", info.product_version);
  if (!info.description.empty()) line("Description", info.description);
  if (!info.name.empty()) line("Name", info.name);
  if (!info.prs_name.empty()) line("PRS Name", info.prs_name);
  line("Supported HW ID", hex(info.supported_hw_ids[0]));
  line("Flags", flags(info));
  line("Burnable Size", hex(image.data_size()) + " (" + std::to_string(image.data_size()) +
                            " bytes, the MCC component)");
  line("Signature", describe_signature(image));
  std::string keys;
  for (const auto& k : image.public_keys()) {
    keys += (keys.empty() ? "" : ", ") + std::string("RSA-") +
            std::to_string(static_cast<int>(k.size)) + " " + k.uuid.to_string();
  }
  line("Public Keys", keys.empty() ? "none" : keys);
  line("Forbidden Versions", image.has_forbidden_versions_section()
                                 ? versions(image.forbidden_versions())
                                 : "no FORBIDDEN_VERSIONS section");
  if (image.mfg_info()) {
    line("Base GUID", hex(image.mfg_info()->uids.base_guid, 16) + " (" +
                          std::to_string(image.mfg_info()->uids.num_guids) + ")");
    line("Base MAC", hex(image.mfg_info()->uids.base_mac, 12) + " (" +
                         std::to_string(image.mfg_info()->uids.num_macs) + ")");
  }
  os << "Sections:\n";
  for (const auto& e : image.entries()) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "  0x%08x-0x%08x (0x%06x) %-20s %s%s crc 0x%04x\n", e.offset,
                  e.size ? e.end() - 1 : e.offset, e.size, section_name(e.type),
                  e.relative ? "relative" : "absolute", e.device_data ? " device-data" : "",
                  e.section_crc);
    os << buf;
  }
  return os.str();
}

std::string describe_json(const Fs3Image& image, int indent) {
  const ImageInfo& info = image.image_info();
  nlohmann::json j;
  j["form"] = to_string(image.form());
  j["fw_version"] = info.fw_version.to_string();
  j["release_date"] = info.release_date.to_string();
  j["psid"] = info.psid;
  j["product_version"] = info.product_version;
  j["description"] = info.description;
  j["name"] = info.name;
  j["prs_name"] = info.prs_name;
  j["supported_hw_id"] = info.supported_hw_ids[0];
  j["flags"] = {{"mcc_en", info.mcc_en},
                {"signed_fw", info.signed_fw},
                {"secure_fw", info.secure_fw},
                {"debug_fw", info.debug_fw}};
  j["burnable_size"] = image.data_size();
  j["image_length"] = image.bytes().size();
  nlohmann::json sigs = nlohmann::json::array();
  for (auto kind : {crypto::DigestKind::kSha256, crypto::DigestKind::kSha512}) {
    const auto& sig = image.signature(kind);
    if (!sig) continue;
    sigs.push_back({{"digest", crypto::to_string(kind)},
                    {"rsa_signed", sig->rsa_signed()},
                    {"keypair_uuid", sig->keypair_uuid.to_string()},
                    {"empty", all_zero(sig->signature)}});
  }
  j["signatures"] = sigs;
  j["signature"] = describe_signature(image);
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& k : image.public_keys()) {
    keys.push_back({{"bits", static_cast<int>(k.size)},
                    {"uuid", k.uuid.to_string()},
                    {"exponent", k.exponent},
                    {"fw_en", k.fw_en}});
  }
  j["public_keys"] = keys;
  nlohmann::json forbidden = nlohmann::json::array();
  for (const auto& v : image.forbidden_versions()) forbidden.push_back(v.to_string());
  j["forbidden_versions"] = forbidden;
  if (image.mfg_info()) {
    j["mfg_info"] = {{"psid", image.mfg_info()->psid},
                     {"base_guid", hex(image.mfg_info()->uids.base_guid, 16)},
                     {"base_mac", hex(image.mfg_info()->uids.base_mac, 12)}};
  }
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& e : image.entries()) {
    sections.push_back({{"type", section_name(e.type)},
                        {"type_id", static_cast<int>(e.type)},
                        {"offset", e.offset},
                        {"size", e.size},
                        {"relative", e.relative},
                        {"device_data", e.device_data},
                        {"crc", e.section_crc}});
  }
  j["sections"] = sections;
  // Image strings are raw bytes: anything that is not UTF-8 is shown as U+FFFD, never an exception.
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace secnic::image
