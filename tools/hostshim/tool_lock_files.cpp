#include "tools/hostshim/tool_lock_files.h"

#include <cstring>
#include <string_view>

#include "tools/hostshim/simulated_bus.h"

namespace secnic::hostshim {

namespace {
constexpr std::string_view kLockDirectory = "/tmp/mstflint_lockfiles/";
constexpr size_t kDbdfLength = 12;  // "0000:03:00.0"
}  // namespace

bool is_simulated_tool_lock_file(const char* path) {
  if (path == nullptr || std::strncmp(path, kLockDirectory.data(), kLockDirectory.size()) != 0) {
    return false;
  }
  const std::string_view name(path + kLockDirectory.size());
  if (name.size() <= kDbdfLength || name[kDbdfLength] != '_') return false;
  SimulatedBus* bus = simulated_bus();
  if (bus == nullptr || bus->empty()) return false;
  return bus->paths().find_entry(name.substr(0, kDbdfLength)) < bus->paths().size();
}

ToolLockFiles& tool_lock_files() {
  static ToolLockFiles table;  // constant-initialised: all false
  return table;
}

}  // namespace secnic::hostshim
