#include "tools/hostshim/path_resolution.h"

#include <unistd.h>

#include <cerrno>
#include <climits>

namespace secnic::hostshim {

std::optional<ResolvedPath> resolve_path(const char* path, int dirfd, DevicesDirectory devices) {
  if (path == nullptr) return std::nullopt;
  SimulatedBus* bus = simulated_bus();
  if (bus == nullptr || bus->empty()) return std::nullopt;
  const bool extend_devices = devices == DevicesDirectory::kResolve;
  if (!extend_devices && !bus->paths().may_name_function(path)) return std::nullopt;
  const bool relative = path[0] != '/';
  if (relative && dirfd != AT_FDCWD) return std::nullopt;
  const int saved_errno = errno;
  char cwd[PATH_MAX] = "/";
  if (relative && ::getcwd(cwd, sizeof cwd) == nullptr) {
    errno = saved_errno;
    return std::nullopt;
  }
  errno = saved_errno;
  ResolvedPath resolved;
  resolved.bus = bus;
  resolved.node = bus->paths().classify(normalize_path(path, cwd));
  if (resolved.node.kind == SysfsNodeKind::kNone) return std::nullopt;
  if (resolved.node.kind == SysfsNodeKind::kDevicesDirectory && !extend_devices)
    return std::nullopt;
  return resolved;
}

}  // namespace secnic::hostshim
