// The `attack` scenario kind: runs one case of the attack catalogue (attack_case.h) and says
// whether the card refused it as expected and kept everything that matters unchanged.
//
// A case runs in its own work directory (CampaignOptions::work_dir/<name>, or a fresh temporary
// one): ScenarioFixture builds the keys, images and card; the forged images are derived; the setup
// actions run; the card is snapshotted; the attack steps run, each checked against its `expect:`;
// the card is snapshotted again and checked (attack_card_snapshot.h); it is power-cycled and
// checked once more. The case passes only when every step got what it expected AND every
// invariant held; otherwise the result lists each difference. A file holds one case, whose id is
// its name; with --shard I/N a case runs in the shard a stable hash of its id picks.
#pragma once

#include <yaml-cpp/yaml.h>

#include <iosfwd>
#include <string>

#include "tools/campaign/campaign_result.h"
#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {

// A ScenarioRunner. Throws ScenarioError when the file is unusable (bad key, missing image, a
// fixture step that failed); everything the card does is reported in the CaseResult.
ScenarioResult run_attack_scenario(const YAML::Node& document, const std::string& file,
                                   const CampaignOptions& options, std::ostream& progress);

// Where secnic-hostdrv lives: next to the secnic binary.
std::string host_driver_path(const std::string& secnic_binary);

}  // namespace secnic::campaign
