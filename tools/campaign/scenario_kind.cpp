#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {
namespace {

std::map<std::string, ScenarioRunner>& registry() {
  static std::map<std::string, ScenarioRunner> kinds;
  return kinds;
}

}  // namespace

ScenarioKindRegistration::ScenarioKindRegistration(std::string kind, ScenarioRunner runner) {
  registry().emplace(std::move(kind), std::move(runner));
}

const std::map<std::string, ScenarioRunner>& scenario_kinds() { return registry(); }

}  // namespace secnic::campaign
