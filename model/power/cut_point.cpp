#include "model/power/cut_point.h"

#include <array>
#include <cstdlib>
#include <string_view>

namespace secnic::power {
namespace {

constexpr std::array<std::pair<fw::FsmState, const char*>, 9> kStateNames{{
    {fw::FsmState::kIdle, "IDLE"},
    {fw::FsmState::kLocked, "LOCKED"},
    {fw::FsmState::kInitialize, "INITIALIZE"},
    {fw::FsmState::kDownload, "DOWNLOAD"},
    {fw::FsmState::kVerify, "VERIFY"},
    {fw::FsmState::kApply, "APPLY"},
    {fw::FsmState::kActivate, "ACTIVATE"},
    {fw::FsmState::kUpload, "UPLOAD"},
    {fw::FsmState::kUploadPending, "UPLOAD_PENDING"},
}};

// Parses all of `text` as a decimal number.
std::optional<uint64_t> number(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

const char* fsm_state_name(fw::FsmState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "UNKNOWN";
}

std::optional<fw::FsmState> parse_fsm_state_name(const std::string& name) {
  for (const auto& [s, n] : kStateNames) {
    if (name == n) return s;
  }
  return std::nullopt;
}

std::string CutPoint::id() const {
  switch (trigger) {
    case CutTrigger::kFlashOperation: {
      std::string id = "op" + std::to_string(op_index);
      switch (mode) {
        case model::CutMode::kBeforeOp:
          return id + "-before";
        case model::CutMode::kAfterOp:
          return id + "-after";
        case model::CutMode::kTornOp:
          return id + "-torn-s" + std::to_string(seed);
      }
      return id;
    }
    case CutTrigger::kFsmState:
      return std::string("state-") + fsm_state_name(state) + "-" + std::to_string(occurrence);
    case CutTrigger::kTime:
      return "t" + std::to_string(time_us) + "us";
    case CutTrigger::kEnd:
      return "end";
  }
  return "end";
}

std::optional<CutPoint> parse_cut_point_id(const std::string& text) {
  std::string_view id(text);
  CutPoint p;
  if (id == "end") return p;
  if (starts_with(id, "op")) {
    const size_t dash = id.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto index = number(id.substr(2, dash - 2));
    if (!index) return std::nullopt;
    p.trigger = CutTrigger::kFlashOperation;
    p.op_index = *index;
    const std::string_view rest = id.substr(dash + 1);
    if (rest == "before") {
      p.mode = model::CutMode::kBeforeOp;
    } else if (rest == "after") {
      p.mode = model::CutMode::kAfterOp;
    } else if (starts_with(rest, "torn-s")) {
      auto seed = number(rest.substr(6));
      if (!seed) return std::nullopt;
      p.mode = model::CutMode::kTornOp;
      p.seed = *seed;
    } else {
      return std::nullopt;
    }
    return p;
  }
  if (starts_with(id, "state-")) {
    const std::string_view rest = id.substr(6);
    const size_t dash = rest.rfind('-');
    if (dash == std::string_view::npos) return std::nullopt;
    auto state = parse_fsm_state_name(std::string(rest.substr(0, dash)));
    auto occurrence = number(rest.substr(dash + 1));
    if (!state || !occurrence || *occurrence == 0 || *occurrence > UINT32_MAX) return std::nullopt;
    p.trigger = CutTrigger::kFsmState;
    p.state = *state;
    p.occurrence = static_cast<uint32_t>(*occurrence);
    return p;
  }
  if (starts_with(id, "t") && id.size() > 3 && id.substr(id.size() - 2) == "us") {
    auto us = number(id.substr(1, id.size() - 3));
    if (!us) return std::nullopt;
    p.trigger = CutTrigger::kTime;
    p.time_us = *us;
    return p;
  }
  return std::nullopt;
}

}  // namespace secnic::power
