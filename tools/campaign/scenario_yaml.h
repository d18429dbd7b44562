// Reading scenario files: typed access to YAML keys whose errors name the file, the key and the
// line, and a strict check that a mapping holds only known keys (a typo is an error, not a silently
// ignored setting).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : m_file(std::move(file)) {}
  const std::string& file() const { return m_file; }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& what) const;
  // `node` must be a mapping whose keys are all in `known`.
  void expect_keys(const YAML::Node& node, const std::string& what,
                   const std::set<std::string>& known) const;
  const YAML::Node child(const YAML::Node& map, const std::string& key, bool required) const;

  std::string string(const YAML::Node& map, const std::string& key) const;
  std::optional<std::string> optional_string(const YAML::Node& map, const std::string& key) const;
  // Decimal, 0x hex, or with a K/M suffix (KiB/MiB).
  std::optional<uint64_t> optional_size(const YAML::Node& map, const std::string& key) const;
  std::optional<bool> optional_bool(const YAML::Node& map, const std::string& key) const;
  std::vector<std::string> string_list(const YAML::Node& map, const std::string& key) const;

 private:
  std::string m_file;
};

// Scenario files nest collections (block or flow) at most this deep. Deeper text is refused before
// yaml-cpp sees it: its parser recurses once per level, and its own guard (about 500 levels in
// 0.7) reports only "bad file" at the document's first line. The depth is measured from the text:
// every block level (indentation, and each `- ` or `? ` entry opened on a line) and every open
// `[` or `{` outside quotes, comments and block scalars counts, so it errs on the high side; real
// scenarios nest less than 10 levels.
inline constexpr size_t kMaxScenarioNesting = 64;

// Loads a scenario file (YAML or JSON); throws ScenarioError naming the file and line.
YAML::Node load_scenario_file(const std::string& path);

// Parses the text of a scenario file named `name` (in messages) exactly as load_scenario_file
// does: the document must be a mapping, nested at most kMaxScenarioNesting levels; a refusal is a
// ScenarioError starting with "<name>:<line>: ".
YAML::Node parse_scenario_text(const std::string& text, const std::string& name);

// Parses "12", "0x40000", "256K", "1M", "1MiB"; nullopt when it is none of these.
std::optional<uint64_t> parse_size(const std::string& text);

}  // namespace secnic::campaign
