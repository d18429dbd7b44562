// `secnic campaign` runs scenario files of several kinds; each kind registers a runner here through
// a static ScenarioKindRegistration (like the CLI's CommandArea), so the kinds stay independent.
//
// A scenario file is YAML (JSON is accepted too); its top-level `kind:` key names the kind
// ("powerfail" when absent). The runner gets the parsed document and returns a ScenarioResult; it
// reports problems with the file itself by throwing ScenarioError (which names the key and line).
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "tools/campaign/campaign_result.h"

namespace secnic::campaign {

// A scenario file that cannot be used: names the file, the key and (when known) the line.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CampaignOptions {
  unsigned jobs = 1;         // parallel evaluations
  unsigned shard_index = 0;  // run only the cases whose ordinal % shard_count == shard_index
  unsigned shard_count = 1;
  std::string report_dir;                // where JUnit XML / HTML / artefacts go; empty: no report
  std::string work_dir;                  // scratch space for cards and images (created, kept)
  std::optional<std::string> replay_id;  // run only this case, as exactly as it ran before
  std::string vcd_path;                  // with replay_id: write a VCD trace here (power-fail kind)
  std::string secnic_binary;  // this program (to run `secnic card ...`, `secnic run ...`)
  bool verbose = false;
  // Power-fail sweeps: skip the fork for points whose power-up would read exactly the bytes an
  // earlier branch's did (their outcome is that branch's; see model/card/outcome_memo.h).
  bool memo = false;
};

// Runs one scenario. `progress` gets one line per case as it finishes (or a progress line).
using ScenarioRunner =
    std::function<ScenarioResult(const YAML::Node& document, const std::string& file,
                                 const CampaignOptions& options, std::ostream& progress)>;

struct ScenarioKindRegistration {
  ScenarioKindRegistration(std::string kind, ScenarioRunner runner);
};

// All registered kinds by name.
const std::map<std::string, ScenarioRunner>& scenario_kinds();

}  // namespace secnic::campaign
