#include "model/card/card_config.h"

#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace secnic::card {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& origin, const std::string& what) {
  throw CardConfigError(origin + ": " + what);
}

std::string hex48(uint64_t v, int digits) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%0*" PRIx64, digits, v);
  return buf;
}

uint64_t parse_hex(const std::string& origin, const std::string& key, const std::string& text,
                   int max_digits) {
  std::string digits;
  for (char c : text) {
    if (c == ':' || c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      fail(origin, key + ": not hexadecimal: " + text);
    digits.push_back(c);
  }
  if (digits.empty() || static_cast<int>(digits.size()) > max_digits) {
    fail(origin, key + ": expected up to " + std::to_string(max_digits) + " hex digits: " + text);
  }
  return std::stoull(digits, nullptr, 16);
}

std::string normalize_uuid(const std::string& origin, const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '-' || c == ':' || c == ' ') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      fail(origin, "trusted_keys.uuid: not hex: " + text);
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (out.size() != 32) fail(origin, "trusted_keys.uuid: expected 32 hex digits: " + text);
  return out;
}

template <class T>
T get_as(const json& j, const std::string& origin, const std::string& key) {
  try {
    return j.get<T>();
  } catch (const json::exception&) {
    fail(origin, key + ": wrong type");
  }
}

}  // namespace

std::string canonical_bdf(const std::string& text) {
  const CardConfigError bad("bad PCI address '" + text + "' (expected BB:DD.F or DDDD:BB:DD.F)");
  // Hex fields separated by ':' then '.'; at most 4/2/2 digits, function 0..7.
  std::vector<std::string> fields(1);
  for (char c : text) {
    if (c == ':' || c == '.') {
      fields.emplace_back(1, c);
      fields.emplace_back();
    } else if (std::isxdigit(static_cast<unsigned char>(c))) {
      fields.back().push_back(c);
    } else {
      throw bad;
    }
  }
  // BB : DD . F  or  DDDD : BB : DD . F
  const bool with_domain = fields.size() == 7;
  if (fields.size() != 5 && !with_domain) throw bad;
  const size_t first = with_domain ? 2 : 0;
  if ((with_domain && fields[1] != ":") || fields[first + 1] != ":" || fields[first + 3] != ".") {
    throw bad;
  }
  auto hex = [&](const std::string& f, size_t max_digits) {
    if (f.empty() || f.size() > max_digits) throw bad;
    return static_cast<unsigned>(std::stoul(f, nullptr, 16));
  };
  const unsigned domain = with_domain ? hex(fields[0], 4) : 0;
  const unsigned bus = hex(fields[first], 2);
  const unsigned dev = hex(fields[first + 2], 2);
  const unsigned fn = hex(fields[first + 4], 1);
  if (dev > 0x1f) throw CardConfigError("PCI device number above 0x1f in '" + text + "'");
  if (fn > 7) throw bad;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04x:%02x:%02x.%x", domain, bus, dev, fn);
  return buf;
}

uint32_t parse_fw_version(const std::string& text) {
  unsigned major = 0, minor = 0, sub = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%u.%u.%u%c", &major, &minor, &sub, &tail) != 3 || major > 0xff ||
      minor > 0xff || sub > 0xffff) {
    throw CardConfigError("bad firmware version '" + text + "' (expected MAJOR.MINOR.SUBMINOR)");
  }
  return (major << 24) | (minor << 16) | sub;
}

std::string format_fw_version(uint32_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%04u", v >> 24, (v >> 16) & 0xff, v & 0xffff);
  return buf;
}

std::string to_json(const CardConfig& c) {
  json keys = json::array();
  for (const auto& k : c.trusted_keys)
    keys.push_back({{"uuid", k.uuid}, {"public_pem", k.public_pem}});
  json forbidden = json::array();
  for (uint32_t v : c.forbidden_versions) forbidden.push_back(format_fw_version(v));
  json j = {
      {"format", CardConfig::kFormat},
      {"bdf", c.bdf},
      {"psid", c.psid},
      {"secure", c.secure},
      {"base_mac", hex48(c.base_mac, 12)},
      {"base_guid", hex48(c.base_guid, 16)},
      {"num_macs", c.num_macs},
      {"num_guids", c.num_guids},
      {"part_number", c.part_number},
      {"description", c.description},
      {"trusted_keys", keys},
      {"forbidden_versions", forbidden},
      {"time_mode", c.time_mode == TimeMode::kReal ? "real" : "deterministic"},
      {"power_loss_seed", c.power_loss_seed},
  };
  if (c.test_only_unsafe_in_place_update) j["test_only_unsafe_in_place_update"] = true;
  return j.dump(2) + "\n";
}

CardConfig config_from_json(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(origin, std::string("not valid JSON: ") + e.what());
  }
  if (!j.is_object()) fail(origin, "expected a JSON object");

  static const std::set<std::string> known = {"format",
                                              "bdf",
                                              "psid",
                                              "secure",
                                              "base_mac",
                                              "base_guid",
                                              "num_macs",
                                              "num_guids",
                                              "part_number",
                                              "description",
                                              "trusted_keys",
                                              "forbidden_versions",
                                              "time_mode",
                                              "power_loss_seed",
                                              "test_only_unsafe_in_place_update"};
  for (const auto& [key, value] : j.items()) {
    if (!known.count(key)) fail(origin, "unknown key '" + key + "'");
  }
  if (!j.contains("format") || get_as<int>(j["format"], origin, "format") != CardConfig::kFormat) {
    fail(origin, "format: expected " + std::to_string(CardConfig::kFormat));
  }

  CardConfig c;
  auto str = [&](const char* key) { return get_as<std::string>(j[key], origin, key); };
  if (j.contains("bdf")) {
    try {
      c.bdf = canonical_bdf(str("bdf"));
    } catch (const CardConfigError& e) {
      fail(origin, std::string("bdf: ") + e.what());
    }
  }
  if (j.contains("psid")) {
    c.psid = str("psid");
    if (c.psid.empty() || c.psid.size() > 16) fail(origin, "psid: 1 to 16 characters");
  }
  if (j.contains("secure")) c.secure = get_as<bool>(j["secure"], origin, "secure");
  if (j.contains("base_mac")) c.base_mac = parse_hex(origin, "base_mac", str("base_mac"), 12);
  if (j.contains("base_guid")) c.base_guid = parse_hex(origin, "base_guid", str("base_guid"), 16);
  auto count = [&](const char* key) {
    const int64_t n = get_as<int64_t>(j[key], origin, key);
    if (n < 1 || n > 255) fail(origin, std::string(key) + ": 1 to 255");
    return static_cast<uint8_t>(n);
  };
  if (j.contains("num_macs")) c.num_macs = count("num_macs");
  if (j.contains("num_guids")) c.num_guids = count("num_guids");
  if (j.contains("part_number")) c.part_number = str("part_number");
  if (j.contains("description")) c.description = str("description");
  if (j.contains("trusted_keys")) {
    if (!j["trusted_keys"].is_array()) fail(origin, "trusted_keys: expected an array");
    for (const auto& k : j["trusted_keys"]) {
      if (!k.is_object() || !k.contains("uuid") || !k.contains("public_pem") || k.size() != 2) {
        fail(origin, "trusted_keys: each entry is {\"uuid\": ..., \"public_pem\": ...}");
      }
      c.trusted_keys.push_back(
          {normalize_uuid(origin, get_as<std::string>(k["uuid"], origin, "uuid")),
           get_as<std::string>(k["public_pem"], origin, "public_pem")});
    }
  }
  if (j.contains("forbidden_versions")) {
    if (!j["forbidden_versions"].is_array()) fail(origin, "forbidden_versions: expected an array");
    for (const auto& v : j["forbidden_versions"]) {
      try {
        c.forbidden_versions.push_back(
            parse_fw_version(get_as<std::string>(v, origin, "forbidden_versions")));
      } catch (const CardConfigError& e) {
        fail(origin, std::string("forbidden_versions: ") + e.what());
      }
    }
  }
  if (j.contains("time_mode")) {
    const std::string mode = str("time_mode");
    if (mode == "deterministic") {
      c.time_mode = TimeMode::kDeterministic;
    } else if (mode == "real") {
      c.time_mode = TimeMode::kReal;
    } else {
      fail(origin, "time_mode: 'deterministic' or 'real'");
    }
  }
  if (j.contains("power_loss_seed")) {
    c.power_loss_seed = get_as<uint64_t>(j["power_loss_seed"], origin, "power_loss_seed");
  }
  if (j.contains("test_only_unsafe_in_place_update")) {
    c.test_only_unsafe_in_place_update = get_as<bool>(j["test_only_unsafe_in_place_update"], origin,
                                                      "test_only_unsafe_in_place_update");
  }
  return c;
}

}  // namespace secnic::card
