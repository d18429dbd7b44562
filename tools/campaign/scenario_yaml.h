// Reading scenario files: typed access to YAML keys whose errors name the file, the key and the
// line, and a strict check that a mapping holds only known keys (a typo is an error, not a silently
// ignored setting).
#pragma once

#include <yaml-cpp/yaml.h>

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

// Loads a scenario file (YAML or JSON); throws ScenarioError naming the file and line.
YAML::Node load_scenario_file(const std::string& path);

// Parses "12", "0x40000", "256K", "1M", "1MiB"; nullopt when it is none of these.
std::optional<uint64_t> parse_size(const std::string& text);

}  // namespace secnic::campaign
