#include "model/power/timeline.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "model/power/cut_point.h"

namespace secnic::power {
namespace {

using nlohmann::json;

const char* kind_name(TimelineEvent::Kind kind) {
  switch (kind) {
    case TimelineEvent::Kind::kStart:
      return "start";
    case TimelineEvent::Kind::kFlashOperation:
      return "op";
    case TimelineEvent::Kind::kFsmState:
      return "state";
    case TimelineEvent::Kind::kVerified:
      return "verified";
    case TimelineEvent::Kind::kEnd:
      return "end";
  }
  return "end";
}

}  // namespace

std::string to_json_line(const TimelineEvent& e) {
  json j = {{"ev", kind_name(e.kind)}, {"t", e.time_ps}};
  switch (e.kind) {
    case TimelineEvent::Kind::kFlashOperation:
      j["i"] = e.op_index;
      j["op"] = model::to_string(e.op_kind);
      j["addr"] = e.address;
      j["len"] = e.length;
      j["dur"] = e.duration_ps;
      j["state"] = fsm_state_name(e.state);
      break;
    case TimelineEvent::Kind::kFsmState:
      j["state"] = fsm_state_name(e.state);
      break;
    case TimelineEvent::Kind::kStart:
    case TimelineEvent::Kind::kVerified:
      break;
    case TimelineEvent::Kind::kEnd:
      j["accesses"] = e.accesses;
      break;
  }
  return j.dump();
}

std::optional<TimelineEvent> timeline_event_from_json(const std::string& line) {
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  try {
    TimelineEvent e;
    const std::string ev = j.at("ev").get<std::string>();
    e.time_ps = j.at("t").get<uint64_t>();
    if (ev == "start") {
      e.kind = TimelineEvent::Kind::kStart;
    } else if (ev == "op") {
      e.kind = TimelineEvent::Kind::kFlashOperation;
      e.op_index = j.at("i").get<uint64_t>();
      const std::string op = j.at("op").get<std::string>();
      bool known = false;
      for (auto k :
           {model::FlashOperationKind::kPageProgram, model::FlashOperationKind::kSubsectorErase,
            model::FlashOperationKind::kSectorErase, model::FlashOperationKind::kBulkErase}) {
        if (op == model::to_string(k)) {
          e.op_kind = k;
          known = true;
        }
      }
      if (!known) return std::nullopt;
      e.address = j.at("addr").get<uint32_t>();
      e.length = j.at("len").get<uint32_t>();
      e.duration_ps = j.at("dur").get<uint64_t>();
      auto state = parse_fsm_state_name(j.at("state").get<std::string>());
      if (!state) return std::nullopt;
      e.state = *state;
    } else if (ev == "state") {
      e.kind = TimelineEvent::Kind::kFsmState;
      auto state = parse_fsm_state_name(j.at("state").get<std::string>());
      if (!state) return std::nullopt;
      e.state = *state;
    } else if (ev == "verified") {
      e.kind = TimelineEvent::Kind::kVerified;
    } else if (ev == "end") {
      e.kind = TimelineEvent::Kind::kEnd;
      e.accesses = j.at("accesses").get<uint64_t>();
    } else {
      return std::nullopt;
    }
    return e;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<TimelineEvent> read_timeline(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the timeline");
  std::vector<TimelineEvent> events;
  std::string line;
  for (unsigned n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    auto e = timeline_event_from_json(line);
    if (!e) throw std::runtime_error(path + ":" + std::to_string(n) + ": not a timeline event");
    events.push_back(*e);
  }
  return events;
}

}  // namespace secnic::power
