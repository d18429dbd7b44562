// Registers the `powerfail` scenario kind with `secnic campaign`.
#include <filesystem>
#include <ostream>

#include "tools/campaign/powerfail_engine.h"
#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {
namespace {

ScenarioResult run_powerfail(const YAML::Node& document, const std::string& file,
                             const CampaignOptions& options, std::ostream& progress) {
  const YamlReader reader(file);
  const PowerfailScenario scenario = parse_powerfail_scenario(document, reader);
  const std::string work = options.work_dir + "/" + scenario.name;
  const ScenarioFixture fixture(document, file, work, options.secnic_binary);
  PowerfailEngine engine(fixture, scenario, options, progress);
  ScenarioResult result = options.replay_id ? engine.replay(*options.replay_id) : engine.run();
  result.file = file;
  return result;
}

const ScenarioKindRegistration kPowerfail("powerfail", run_powerfail);

}  // namespace

// Referenced by the command so that static linking keeps this file.
void link_powerfail_kind() {}

}  // namespace secnic::campaign
