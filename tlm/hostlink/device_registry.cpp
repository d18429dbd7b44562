#include "tlm/hostlink/device_registry.h"

#include <stdexcept>

#include "tlm/hostlink/config_trace.h"
#include "tlm/hostlink/device_spec_error.h"
#include "tlm/hostlink/null_function.h"
#include "tlm/hostlink/recording_port.h"
#include "tlm/hostlink/replaying_port.h"

namespace secnic::hostlink {
namespace {

constexpr const char* kRecordKind = "record";

bool is_valid_kind_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// "trace:inner spec" -> {trace, inner spec}.
std::pair<std::string, std::string> split_record_argument(const std::string& argument) {
  const size_t colon = argument.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == argument.size()) {
    throw DeviceSpecError(
        "bad record spec 'record:" + argument +
        "': expected record:<trace file>:<device spec>, e.g. record:/tmp/q.trace:null");
  }
  return {argument.substr(0, colon), argument.substr(colon + 1)};
}

}  // namespace

DeviceRegistry::DeviceRegistry() {
  add_kind("null", [](const std::string& argument) -> std::unique_ptr<PciConfigPort> {
    if (!argument.empty()) {
      throw DeviceSpecError("the null device takes no argument (got 'null:" + argument + "')");
    }
    return std::make_unique<NullPciFunction>();
  });
  add_kind(kRecordKind, [this](const std::string& argument) -> std::unique_ptr<PciConfigPort> {
    auto [trace_path, inner_spec] = split_record_argument(argument);
    // The inner device first: a bad inner spec must not truncate an existing trace.
    std::unique_ptr<PciConfigPort> inner = create(inner_spec);
    return std::make_unique<RecordingPort>(std::move(inner),
                                           std::make_unique<ConfigTraceWriter>(trace_path));
  });
  add_kind("replay", [](const std::string& argument) -> std::unique_ptr<PciConfigPort> {
    if (argument.empty()) {
      throw DeviceSpecError("bad replay spec: expected replay:<trace file>");
    }
    return std::make_unique<ReplayingPort>(load_config_trace(argument), argument);
  });
}

void DeviceRegistry::add_kind(std::string name, DeviceFactory factory) {
  if (!is_valid_kind_name(name)) throw std::invalid_argument("bad device kind name '" + name + "'");
  if (!factory) throw std::invalid_argument("device kind '" + name + "' has no factory");
  if (!m_kinds.emplace(name, std::move(factory)).second) {
    throw std::invalid_argument("device kind '" + name + "' registered twice");
  }
}

bool DeviceRegistry::has_kind(std::string_view name) const { return m_kinds.count(name) != 0; }

std::vector<std::string> DeviceRegistry::kinds() const {
  std::vector<std::string> names;
  for (const auto& entry : m_kinds) names.push_back(entry.first);
  return names;
}

std::pair<std::string, std::string> DeviceRegistry::split_spec(const std::string& spec) const {
  const size_t colon = spec.find(':');
  std::string kind = spec.substr(0, colon);
  std::string argument = colon == std::string::npos ? std::string() : spec.substr(colon + 1);
  if (!has_kind(kind)) {
    std::string known;
    for (const std::string& name : kinds()) known += (known.empty() ? "" : ", ") + name;
    throw DeviceSpecError("unknown device kind '" + kind + "' in '" + spec +
                          "' (this build knows: " + known + ")");
  }
  return {std::move(kind), std::move(argument)};
}

std::unique_ptr<PciConfigPort> DeviceRegistry::create(const std::string& spec) const {
  auto [kind, argument] = split_spec(spec);
  std::unique_ptr<PciConfigPort> port = m_kinds.find(kind)->second(argument);
  if (!port) throw std::logic_error("device kind '" + kind + "' built no device");
  return port;
}

void DeviceRegistry::check(const std::string& spec) const {
  auto [kind, argument] = split_spec(spec);
  if (kind == kRecordKind) check(split_record_argument(argument).second);
}

}  // namespace secnic::hostlink
