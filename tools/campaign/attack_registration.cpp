// Registers the `attack` scenario kind with `secnic campaign` (scenario_kind.h).
#include "tools/campaign/attack_runner.h"
#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {
namespace {

const ScenarioKindRegistration kAttack("attack", run_attack_scenario);

}  // namespace
}  // namespace secnic::campaign
