#include "tools/secnic/command_registry.h"

#include <algorithm>

namespace secnic::cli {
namespace {
std::vector<std::pair<std::string, AddCommands>>& registry() {
  static std::vector<std::pair<std::string, AddCommands>> areas;
  return areas;
}
}  // namespace

CommandArea::CommandArea(std::string name, AddCommands add) {
  auto& areas = registry();
  areas.emplace_back(std::move(name), std::move(add));
  std::sort(areas.begin(), areas.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

const std::vector<std::pair<std::string, AddCommands>>& command_areas() { return registry(); }

}  // namespace secnic::cli
