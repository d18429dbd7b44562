// A secnic-hostdrv script: the steps one host performs on a card, each with the result the script
// expects. YAML (JSON is YAML too):
//
//   device: 03:00.0              # optional; --device on the command line wins
//   stop_on_unexpected: false    # optional; by default every step runs (cleanup steps included)
//   steps:
//     - mcc: {instruction: LOCK_UPDATE_HANDLE, handle: 0xb2b2b2}
//       expect: {status: BAD_PARAM, error_code: ERROR}
//     - register: {name: MCC, method: get}
//       save: {h: update_handle}  # later steps may write $h for a number
//
// The step kinds, their arguments and what they observe are declared in host_script.cpp
// (kStepSpecs) and documented in docs/security_reviewer_guide.md. The whole script is parsed and
// checked before the first step runs: an unknown kind or key, a malformed number, an unknown
// symbolic name or an undefined $variable is a ScriptError naming the origin, line and step.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tools/hostdrv/protocol_names.h"

namespace secnic::hostdrv {

class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ArgType {
  kNumber,    // integer (decimal or 0x hex), a symbolic name of the arg's table, or $variable
  kBool,      // true / false
  kText,      // a string (file path, method name, hex bytes)
  kFieldMap,  // register field name -> number
  kTlv,       // {type: N, len: N}
};

struct ScriptStep {
  size_t number = 0;  // 1-based position
  int line = 0;       // 1-based line in the script
  std::string kind;   // "mcc", "register", ...
  std::string label;  // `name:` of the step, if any
  YAML::Node args;    // the kind's argument map (a scalar for `semaphore`)
  std::vector<std::pair<std::string, YAML::Node>> expect;  // observation -> expected value
  std::vector<std::pair<std::string, std::string>> save;   // variable -> observation

  // "step 3 (mcc, line 12)" for messages.
  std::string where() const;
};

struct HostScript {
  std::string origin;  // file name, for messages
  std::string device;
  bool stop_on_unexpected = false;
  std::vector<ScriptStep> steps;
};

// Parses and checks a whole script. Throws ScriptError.
HostScript parse_host_script(const std::string& text, const std::string& origin);

// What a step kind observes, and how the values are named: the keys an `expect:` or `save:` may
// use. For `register`, the register's own fields are observed too.
struct ObservationSpec {
  const char* key;
  std::optional<NameTable> names;
  bool boolean;
};
const std::vector<ObservationSpec>& observations_of(const std::string& kind);

// A number argument or expectation: literal, symbolic name of `names`, or $variable (looked up in
// `variables`). Throws ScriptError (naming `step`) when it cannot be resolved.
uint64_t resolve_number(const YAML::Node& node, std::optional<NameTable> names,
                        const std::vector<std::pair<std::string, uint64_t>>& variables,
                        const ScriptStep& step, const std::string& key);

}  // namespace secnic::hostdrv
