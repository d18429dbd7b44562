#include "model/power/branch_outcome.h"

#include <nlohmann/json.hpp>

#include "model/power/cut_point.h"

namespace secnic::power {
namespace {

using nlohmann::json;

bool unhex(const std::string& text, uint8_t* out, size_t size) {
  if (text.size() != 2 * size) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < size; ++i) {
    const int hi = nibble(text[2 * i]);
    const int lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

}  // namespace

std::string hex(const uint8_t* bytes, size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  s.reserve(2 * size);
  for (size_t i = 0; i < size; ++i) {
    s.push_back(digits[bytes[i] >> 4]);
    s.push_back(digits[bytes[i] & 0xf]);
  }
  return s;
}

std::string to_json_line(const BranchOutcome& o) {
  json verified = json::array();
  for (const auto& d : o.verified) verified.push_back(hex(d));
  const fw::ComponentInfo& r = o.boot.running;
  json j = {
      {"id", o.id},
      {"error", o.error},
      {"reached", o.reached},
      {"cut",
       {{"fsm_state", fsm_state_name(o.cut.fsm_state)},
        {"time_ps", o.cut.time_ps},
        {"in_op", o.cut.in_flash_operation},
        {"op_kind", model::to_string(o.cut.op_kind)},
        {"op_address", o.cut.op_address},
        {"op_length", o.cut.op_length}}},
      {"boot",
       {{"booted", o.boot.booted},
        {"slot", o.boot.slot},
        {"fallback", o.boot.fallback},
        {"summary", o.boot.summary},
        {"version", r.version},
        {"size", r.size},
        {"sha256", hex(r.sha256, sizeof r.sha256)},
        {"fsm_state", fsm_state_name(o.boot.fsm_state)},
        {"pending", o.boot.pending}}},
      {"verified", verified},
      {"preserved", hex(o.preserved)},
      {"dump_dir", o.dump_dir},
      {"evaluated_by", o.evaluated_by},
  };
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<BranchOutcome> branch_outcome_from_json(const std::string& line, std::string& error) {
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  try {
    BranchOutcome o;
    o.id = j.at("id").get<std::string>();
    o.error = j.at("error").get<std::string>();
    o.reached = j.at("reached").get<bool>();
    const json& cut = j.at("cut");
    auto state = parse_fsm_state_name(cut.at("fsm_state").get<std::string>());
    if (!state) throw std::runtime_error("cut.fsm_state: unknown state");
    o.cut.fsm_state = *state;
    o.cut.time_ps = cut.at("time_ps").get<uint64_t>();
    o.cut.in_flash_operation = cut.at("in_op").get<bool>();
    const std::string kind = cut.at("op_kind").get<std::string>();
    for (auto k :
         {model::FlashOperationKind::kPageProgram, model::FlashOperationKind::kSubsectorErase,
          model::FlashOperationKind::kSectorErase, model::FlashOperationKind::kBulkErase}) {
      if (kind == model::to_string(k)) o.cut.op_kind = k;
    }
    o.cut.op_address = cut.at("op_address").get<uint32_t>();
    o.cut.op_length = cut.at("op_length").get<uint32_t>();
    const json& boot = j.at("boot");
    o.boot.booted = boot.at("booted").get<bool>();
    o.boot.slot = boot.at("slot").get<uint8_t>();
    o.boot.fallback = boot.at("fallback").get<bool>();
    o.boot.summary = boot.at("summary").get<std::string>();
    o.boot.running.version = boot.at("version").get<uint32_t>();
    o.boot.running.size = boot.at("size").get<uint32_t>();
    if (!unhex(boot.at("sha256").get<std::string>(), o.boot.running.sha256,
               sizeof o.boot.running.sha256)) {
      throw std::runtime_error("boot.sha256: not 64 hex digits");
    }
    auto after = parse_fsm_state_name(boot.at("fsm_state").get<std::string>());
    if (!after) throw std::runtime_error("boot.fsm_state: unknown state");
    o.boot.fsm_state = *after;
    o.boot.pending = boot.at("pending").get<bool>();
    for (const auto& d : j.at("verified")) {
      std::array<uint8_t, 32> digest{};
      if (!unhex(d.get<std::string>(), digest.data(), digest.size())) {
        throw std::runtime_error("verified: not 64 hex digits");
      }
      o.verified.push_back(digest);
    }
    if (!unhex(j.at("preserved").get<std::string>(), o.preserved.data(), o.preserved.size())) {
      throw std::runtime_error("preserved: not 64 hex digits");
    }
    o.dump_dir = j.at("dump_dir").get<std::string>();
    o.evaluated_by = j.value("evaluated_by", std::string());
    return o;
  } catch (const std::exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace secnic::power
