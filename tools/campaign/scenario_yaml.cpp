#include "tools/campaign/scenario_yaml.h"

#include <yaml-cpp/depthguard.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

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

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// `rest` starts with `|` or `>`: is it a block scalar header (indicators, then at most a comment)?
bool block_scalar_header(std::string_view rest) {
  size_t i = 1;
  while (i < rest.size() &&
         (rest[i] == '+' || rest[i] == '-' || std::isdigit(static_cast<unsigned char>(rest[i])))) {
    ++i;
  }
  while (i < rest.size() && is_blank(rest[i])) ++i;
  return i == rest.size() || rest[i] == '#';
}

// Measures the nesting of scenario text line by line, without yaml-cpp (see kMaxScenarioNesting),
// and refuses it at the first line where it gets deeper than the limit.
class NestingScan {
 public:
  explicit NestingScan(const std::string& name) : m_name(name) {}

  void scan_line(std::string_view line, size_t number) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t first = line.find_first_not_of(" \t");
    if (m_block_scalar_indent) {
      if (first == std::string_view::npos || first > *m_block_scalar_indent) return;  // its text
      m_block_scalar_indent.reset();
    }
    if (first == std::string_view::npos) return;
    size_t i = first;
    if (m_quote == 0 && m_flow == 0) {
      if (line[first] == '#') return;
      // Indentation opens and closes block levels; `- ` and `? ` entries open one more each.
      while (!m_block.empty() && m_block.back() > first) m_block.pop_back();
      if (m_block.empty() || m_block.back() < first) m_block.push_back(first);
      check(number);
      while ((line[i] == '-' || line[i] == '?') && i + 1 < line.size() && is_blank(line[i + 1])) {
        const size_t next = line.find_first_not_of(" \t", i + 1);
        if (next == std::string_view::npos) break;  // the entry's content is on the next lines
        m_block.push_back(next);
        check(number);
        i = next;
      }
    }
    for (; i < line.size(); ++i) {
      const char c = line[i];
      if (m_quote == '\'') {
        if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;  // '' is a quote inside
        } else if (c == '\'') {
          m_quote = 0;
        }
        continue;
      }
      if (m_quote == '"') {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          m_quote = 0;
        }
        continue;
      }
      // Where a token may start: quotes, brackets and block scalar indicators only open there
      // (inside a block plain scalar they are text; in flow context every bracket counts).
      const char before = i == 0 ? ' ' : line[i - 1];
      const bool token_start =
          is_blank(before) || i == first ||
          (m_flow > 0 && (before == '[' || before == '{' || before == ',' || before == ':'));
      if (c == '#' && is_blank(before)) return;  // a comment
      if ((c == '\'' || c == '"') && token_start) {
        m_quote = c;
      } else if ((c == '[' || c == '{') && (m_flow > 0 || token_start)) {
        ++m_flow;
        check(number);
      } else if ((c == ']' || c == '}') && m_flow > 0) {
        --m_flow;
      } else if ((c == '|' || c == '>') && m_flow == 0 && token_start &&
                 block_scalar_header(line.substr(i))) {
        m_block_scalar_indent = first;
        return;
      }
    }
  }

 private:
  void check(size_t number) const {
    if (m_block.size() + m_flow > kMaxScenarioNesting) {
      throw ScenarioError(m_name + ":" + std::to_string(number) + ": nested deeper than " +
                          std::to_string(kMaxScenarioNesting) +
                          " levels of lists and mappings (a scenario needs a handful)");
    }
  }

  const std::string& m_name;
  std::vector<size_t> m_block;  // content columns of the open block levels
  size_t m_flow = 0;            // open flow collections ([ and {)
  char m_quote = 0;             // inside a '...' or "..." scalar (they may span lines)
  std::optional<size_t> m_block_scalar_indent;  // inside a | or > scalar opened at this indent
};

void refuse_deep_nesting(const std::string& text, const std::string& name) {
  NestingScan scan(name);
  size_t number = 1;
  for (size_t start = 0; start <= text.size(); ++number) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    scan.scan_line(std::string_view(text).substr(start, end - start), number);
    start = end + 1;
  }
}

std::string at_mark(const std::string& name, const YAML::Mark& mark) {
  return mark.line >= 0 ? name + ":" + std::to_string(mark.line + 1) : name;
}

}  // namespace

YAML::Node parse_scenario_text(const std::string& text, const std::string& name) {
  refuse_deep_nesting(text, name);
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw ScenarioError(at_mark(name, e.mark) + ": nested deeper than the YAML parser allows (" +
                        std::to_string(e.depth()) + " levels)");
  } catch (const YAML::Exception& e) {
    throw ScenarioError(at_mark(name, e.mark) + ": not valid YAML: " + e.msg);
  }
  if (!doc.IsMap()) throw ScenarioError(name + ": a scenario is a mapping of keys");
  return doc;
}

YAML::Node load_scenario_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw ScenarioError(path + ": is a directory, not a scenario file");
  }
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) throw ScenarioError(path + ": cannot read the scenario file");
  return parse_scenario_text(text, path);
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
