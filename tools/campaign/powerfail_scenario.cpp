#include "tools/campaign/powerfail_scenario.h"

#include <cmath>
#include <cstdlib>

#include "model/power/cut_point.h"
#include "tools/campaign/process_runner.h"

namespace secnic::campaign {
namespace {

std::vector<model::CutMode> parse_modes(const YAML::Node& node, const YamlReader& r,
                                        const std::string& what) {
  std::vector<model::CutMode> modes;
  for (const auto& m : r.string_list(node, "modes")) {
    if (m == "before") {
      modes.push_back(model::CutMode::kBeforeOp);
    } else if (m == "after") {
      modes.push_back(model::CutMode::kAfterOp);
    } else if (m == "torn") {
      modes.push_back(model::CutMode::kTornOp);
    } else {
      r.fail(node["modes"], what + ".modes: '" + m + "' is not before, after or torn");
    }
  }
  return modes;
}

Sweep parse_sweep(const YAML::Node& item, const YamlReader& r) {
  std::string name;
  YAML::Node body(YAML::NodeType::Undefined);
  if (item.IsScalar()) {
    name = item.Scalar();
  } else if (item.IsMap() && item.size() == 1) {
    name = item.begin()->first.Scalar();
    if (!item.begin()->second.IsNull()) body = item.begin()->second;
  } else {
    r.fail(item, "sweep: each entry is a sweep name or {name: {options}}");
  }
  const std::string what = "sweep " + name;
  Sweep s;
  auto options = [&](const std::set<std::string>& known) {
    if (body && body.IsMap()) {
      r.expect_keys(body, what, known);
    } else if (body) {
      r.fail(body, what + ": options are a mapping");
    }
  };
  auto seed = [&] {
    if (body && body.IsMap()) s.seed = r.optional_size(body, "seed").value_or(1);
  };
  if (name == "every-op") {
    options({"modes", "seed"});
    seed();
    if (body && body["modes"]) s.modes = parse_modes(body, r, what);
    if (s.modes.empty()) r.fail(item, what + ": modes is empty");
  } else if (name == "every-op-torn") {
    options({"seed"});
    seed();
    s.modes = {model::CutMode::kTornOp};
  } else if (name == "states") {
    s.kind = SweepKind::kStates;
    options({"only"});
    if (body && body.IsMap()) {
      for (const auto& n : r.string_list(body, "only")) {
        auto state = power::parse_fsm_state_name(n);
        if (!state) r.fail(body["only"], what + ".only: '" + n + "' is not an FSM state name");
        s.only_states.push_back(*state);
      }
    }
  } else if (name == "times") {
    s.kind = SweepKind::kTimes;
    options({"every", "at"});
    if (!body) r.fail(item, what + ": give {every: 250ms} or {at: [1s, ...]}");
    if (auto every = r.optional_string(body, "every")) {
      auto us = parse_duration_us(*every);
      if (!us || *us == 0)
        r.fail(body["every"], what + ".every: '" + *every + "' is not a duration");
      s.every_us = *us;
    }
    for (const auto& t : r.string_list(body, "at")) {
      auto us = parse_duration_us(t);
      if (!us) r.fail(body["at"], what + ".at: '" + t + "' is not a duration");
      s.at_us.push_back(*us);
    }
    if (s.every_us == 0 && s.at_us.empty()) r.fail(body, what + ": give every or at");
  } else if (name == "random") {
    s.kind = SweepKind::kRandom;
    options({"count", "seed", "modes"});
    if (!body) r.fail(item, what + ": give {count: N, seed: S}");
    seed();
    s.count = r.optional_size(body, "count").value_or(0);
    if (s.count == 0 || s.count > 10'000'000) r.fail(body, what + ".count: 1..10000000");
    s.modes = {model::CutMode::kBeforeOp, model::CutMode::kAfterOp, model::CutMode::kTornOp};
    if (body["modes"]) s.modes = parse_modes(body, r, what);
    if (s.modes.empty()) r.fail(item, what + ": modes is empty");
  } else {
    r.fail(item,
           "sweep: unknown sweep '" + name + "' (every-op, every-op-torn, states, times, random)");
  }
  return s;
}

std::vector<Sweep> parse_sweeps(const YAML::Node& node, const YamlReader& r) {
  std::vector<Sweep> sweeps;
  if (!node) return sweeps;
  if (node.IsScalar() || node.IsMap()) {
    sweeps.push_back(parse_sweep(node, r));
    return sweeps;
  }
  if (!node.IsSequence()) r.fail(node, "sweep: expected a list of sweeps");
  for (const auto& item : node) sweeps.push_back(parse_sweep(item, r));
  return sweeps;
}

PowerfailScenario::Sample parse_sample(const YAML::Node& node, const YamlReader& r,
                                       const std::string& what, const std::set<std::string>& keys,
                                       PowerfailScenario::Sample sample) {
  if (!node) return sample;
  r.expect_keys(node, what, keys);
  sample.count = r.optional_size(node, "sample").value_or(sample.count);
  sample.seed = r.optional_size(node, "seed").value_or(sample.seed);
  if (sample.count > 100000) r.fail(node, what + ".sample: at most 100000");
  return sample;
}

}  // namespace

std::optional<uint64_t> parse_duration_us(const std::string& text) {
  size_t unit = text.find_first_not_of("0123456789.");
  if (unit == 0 || unit == std::string::npos) return std::nullopt;
  const std::string number = text.substr(0, unit);
  const std::string suffix = text.substr(unit);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  double scale;
  if (suffix == "s") {
    scale = 1e6;
  } else if (suffix == "ms") {
    scale = 1e3;
  } else if (suffix == "us") {
    scale = 1;
  } else {
    return std::nullopt;
  }
  const double us = value * scale;
  if (us > 1e15) return std::nullopt;
  return static_cast<uint64_t>(std::llround(us));
}

PowerfailScenario parse_powerfail_scenario(const YAML::Node& doc, const YamlReader& r) {
  r.expect_keys(doc, "scenario",
                {"kind", "name", "description", "keys", "images", "card", "files", "host", "expect",
                 "sweep", "invariants", "retry", "nested", "host_check"});
  PowerfailScenario s;
  s.name = r.string(doc, "name");
  // The name names the work directory and the report's test suite: a plain identifier.
  if (s.name.empty() || s.name.size() > 100 || s.name[0] == '.' ||
      s.name.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
          std::string::npos) {
    r.fail(doc["name"], "name: '" + s.name +
                            "' is not a scenario name (letters, digits, _ . -; at most 100; not "
                            "starting with '.')");
  }
  s.description = r.optional_string(doc, "description").value_or("");
  s.host = r.string(doc, "host");
  try {
    if (split_command_line(s.host).empty()) r.fail(doc["host"], "host: an empty command line");
  } catch (const std::invalid_argument& e) {
    r.fail(doc["host"], std::string("host: ") + e.what());
  }
  if (const YAML::Node expect = doc["expect"]) {
    r.expect_keys(expect, "expect", {"host_exit", "installs", "from"});
    if (auto exit = r.optional_string(expect, "host_exit")) {
      if (*exit == "nonzero") {
        s.host_exit.reset();
      } else {
        auto code = parse_size(*exit);
        if (!code || *code > 255)
          r.fail(expect["host_exit"], "expect.host_exit: 0..255 or nonzero");
        s.host_exit = static_cast<int>(*code);
      }
    }
    s.installs = r.optional_string(expect, "installs").value_or("");
    if (s.installs == "none") s.installs.clear();
    s.from = r.optional_string(expect, "from").value_or("");
  }
  s.sweeps = parse_sweeps(r.child(doc, "sweep", true), r);
  if (s.sweeps.empty()) r.fail(doc, "sweep: at least one sweep");
  if (const YAML::Node inv = doc["invariants"]) {
    s.invariants = Invariants{false, false, false, false, false};
    for (const auto& name : r.string_list(doc, "invariants")) {
      if (name == "boots-old-or-new") {
        s.invariants.boots_old_or_new = true;
      } else if (name == "new-only-if-verified") {
        s.invariants.new_only_if_verified = true;
      } else if (name == "fsm-idle-after-boot") {
        s.invariants.fsm_idle_after_boot = true;
      } else if (name == "config-intact") {
        s.invariants.config_intact = true;
      } else if (name == "retry-succeeds") {
        s.invariants.retry_succeeds = true;
      } else {
        r.fail(inv, "invariants: unknown invariant '" + name +
                        "' (boots-old-or-new, new-only-if-verified, fsm-idle-after-boot, "
                        "config-intact, retry-succeeds)");
      }
    }
  }
  const YAML::Node retry = doc["retry"];
  s.retry = parse_sample(retry, r, "retry", {"sample", "seed", "host"}, s.retry);
  if (retry) s.retry_host = r.optional_string(retry, "host").value_or("");
  const YAML::Node nested = doc["nested"];
  s.nested = parse_sample(nested, r, "nested", {"sample", "seed", "sweep"}, s.nested);
  if (nested) s.nested_sweeps = parse_sweeps(r.child(nested, "sweep", true), r);
  const YAML::Node check = doc["host_check"];
  s.host_check = parse_sample(check, r, "host_check", {"sample", "seed", "timeout"}, s.host_check);
  if (check) {
    if (auto t = r.optional_string(check, "timeout")) {
      auto us = parse_duration_us(*t);
      if (!us || *us < 1'000'000) r.fail(check["timeout"], "host_check.timeout: at least 1s");
      s.host_timeout_s = *us / 1'000'000;
    }
  }
  return s;
}

}  // namespace secnic::campaign
