#include "model/power/power_plan.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace secnic::power {
namespace {

using nlohmann::json;

const char* mode_name(PlanMode mode) {
  switch (mode) {
    case PlanMode::kRecord:
      return "record";
    case PlanMode::kBranch:
      return "branch";
    case PlanMode::kInline:
      return "inline";
  }
  return "record";
}

}  // namespace

std::string to_json(const PowerPlan& plan) {
  json points = json::array();
  json dumps = json::array();
  for (const CutPoint& p : plan.points) {
    points.push_back(p.id());
    if (p.dump_card) dumps.push_back(p.id());
  }
  if (plan.dump_end) dumps.push_back("end");
  json j = {{"mode", mode_name(plan.mode)},
            {"card", plan.card_dir},
            {"jobs", plan.jobs},
            {"results", plan.results},
            {"timeline", plan.timeline},
            {"dump_dir", plan.dump_dir},
            {"points", points},
            {"dump", dumps},
            {"end", plan.include_end},
            {"memo", plan.memo}};
  return j.dump();
}

PowerPlan power_plan_from_json(const std::string& text, const std::string& origin) {
  auto fail = [&](const std::string& what) -> PowerPlanError {
    return PowerPlanError(origin + ": " + what);
  };
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw fail("not a JSON object");
  auto string_of = [&](const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string())
      throw fail(std::string("\"") + key + "\": expected a string");
    return it->get<std::string>();
  };
  PowerPlan plan;
  const std::string mode = string_of("mode");
  if (mode == "record") {
    plan.mode = PlanMode::kRecord;
  } else if (mode == "branch") {
    plan.mode = PlanMode::kBranch;
  } else if (mode == "inline") {
    plan.mode = PlanMode::kInline;
  } else {
    throw fail("\"mode\": expected record, branch or inline, not '" + mode + "'");
  }
  plan.card_dir = string_of("card");
  plan.results = string_of("results");
  plan.timeline = string_of("timeline");
  plan.dump_dir = string_of("dump_dir");
  auto jobs = j.find("jobs");
  if (jobs == j.end() || !jobs->is_number_unsigned() || jobs->get<uint64_t>() == 0 ||
      jobs->get<uint64_t>() > 1024) {
    throw fail("\"jobs\": expected 1..1024");
  }
  plan.jobs = jobs->get<unsigned>();
  auto end = j.find("end");
  plan.include_end = end != j.end() && end->is_boolean() && end->get<bool>();
  auto memo = j.find("memo");
  plan.memo = memo != j.end() && memo->is_boolean() && memo->get<bool>();
  std::vector<std::string> dumps;
  if (auto d = j.find("dump"); d != j.end()) {
    if (!d->is_array()) throw fail("\"dump\": expected an array of point ids");
    for (const auto& id : *d) {
      if (!id.is_string()) throw fail("\"dump\": expected point ids");
      dumps.push_back(id.get<std::string>());
      plan.dump_end |= id.get<std::string>() == "end";
    }
  }
  auto points = j.find("points");
  if (points == j.end() || !points->is_array()) throw fail("\"points\": expected an array");
  for (const auto& id : *points) {
    if (!id.is_string()) throw fail("\"points\": expected point ids");
    auto point = parse_cut_point_id(id.get<std::string>());
    if (!point || point->trigger == CutTrigger::kEnd) {
      throw fail("\"points\": '" + id.get<std::string>() + "' is not a cut point id");
    }
    for (const auto& d : dumps) point->dump_card |= d == id.get<std::string>();
    plan.points.push_back(*point);
  }
  if (plan.mode == PlanMode::kInline && plan.points.size() + (plan.include_end ? 1 : 0) != 1) {
    throw fail("an inline plan cuts exactly once");
  }
  return plan;
}

PowerPlan load_power_plan(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw PowerPlanError(path + ": cannot read the power plan");
  std::stringstream text;
  text << in.rdbuf();
  return power_plan_from_json(text.str(), path);
}

}  // namespace secnic::power
