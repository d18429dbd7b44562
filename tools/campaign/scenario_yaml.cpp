#include "tools/campaign/scenario_yaml.h"

#include <cctype>

namespace secnic::campaign {

void YamlReader::fail(const YAML::Node& node, const std::string& what) const {
  std::string where = m_file;
  const YAML::Mark mark = node.Mark();
  if (mark.line >= 0) where += ":" + std::to_string(mark.line + 1);
  throw ScenarioError(where + ": " + what);
}

void YamlReader::expect_keys(const YAML::Node& node, const std::string& what,
                             const std::set<std::string>& known) const {
  if (!node.IsMap()) fail(node, what + ": expected a mapping");
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    if (!known.count(key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      fail(entry.first, what + ": unknown key '" + key + "' (known: " + list + ")");
    }
  }
}

const YAML::Node YamlReader::child(const YAML::Node& map, const std::string& key,
                                   bool required) const {
  const YAML::Node node = map[key];
  if (!node && required) fail(map, "missing key '" + key + "'");
  return node;
}

std::string YamlReader::string(const YAML::Node& map, const std::string& key) const {
  auto value = optional_string(map, key);
  if (!value) fail(map, "missing key '" + key + "'");
  return *value;
}

std::optional<std::string> YamlReader::optional_string(const YAML::Node& map,
                                                       const std::string& key) const {
  const YAML::Node node = map[key];
  if (!node) return std::nullopt;
  if (!node.IsScalar()) fail(node, key + ": expected a string");
  return node.Scalar();
}

std::optional<uint64_t> YamlReader::optional_size(const YAML::Node& map,
                                                  const std::string& key) const {
  const YAML::Node node = map[key];
  if (!node) return std::nullopt;
  if (!node.IsScalar()) fail(node, key + ": expected a number");
  auto value = parse_size(node.Scalar());
  if (!value) fail(node, key + ": '" + node.Scalar() + "' is not a number (12, 0x40000, 256K, 1M)");
  return value;
}

std::optional<bool> YamlReader::optional_bool(const YAML::Node& map, const std::string& key) const {
  const YAML::Node node = map[key];
  if (!node) return std::nullopt;
  const std::string s = node.IsScalar() ? node.Scalar() : "";
  if (s == "true" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "no" || s == "off") return false;
  fail(node, key + ": expected true or false");
}

std::vector<std::string> YamlReader::string_list(const YAML::Node& map,
                                                 const std::string& key) const {
  std::vector<std::string> out;
  const YAML::Node node = map[key];
  if (!node) return out;
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) fail(node, key + ": expected a list");
  for (const auto& item : node) {
    if (!item.IsScalar()) fail(item, key + ": expected a list of strings");
    out.push_back(item.Scalar());
  }
  return out;
}

YAML::Node load_scenario_file(const std::string& path) {
  try {
    YAML::Node doc = YAML::LoadFile(path);
    if (!doc.IsMap()) throw ScenarioError(path + ": a scenario is a mapping of keys");
    return doc;
  } catch (const YAML::BadFile&) {
    throw ScenarioError(path + ": cannot read the scenario file");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(path + ":" + std::to_string(e.mark.line + 1) +
                        ": not valid YAML: " + e.msg);
  }
}

std::optional<uint64_t> parse_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::string digits = text;
  uint64_t scale = 1;
  auto strip = [&](const std::string& suffix, uint64_t factor) {
    if (digits.size() > suffix.size() &&
        digits.compare(digits.size() - suffix.size(), suffix.size(), suffix) == 0) {
      digits.resize(digits.size() - suffix.size());
      scale = factor;
      return true;
    }
    return false;
  };
  const bool is_hex =
      digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
  if (!is_hex) {
    strip("KiB", 1024) || strip("MiB", 1024 * 1024) || strip("K", 1024) ||
        strip("M", 1024 * 1024) || strip("k", 1024);
  }
  uint64_t value = 0;
  const size_t start = is_hex ? 2 : 0;
  if (digits.size() == start) return std::nullopt;
  for (size_t i = start; i < digits.size(); ++i) {
    const char c = digits[i];
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (is_hex && std::isxdigit(static_cast<unsigned char>(c))) {
      d = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    } else {
      return std::nullopt;
    }
    const uint64_t base = is_hex ? 16 : 10;
    if (value > (UINT64_MAX - static_cast<uint64_t>(d)) / base) return std::nullopt;
    value = value * base + static_cast<uint64_t>(d);
  }
  if (value > UINT64_MAX / scale) return std::nullopt;
  return value * scale;
}

}  // namespace secnic::campaign
