// Turns a path a hooked libc call received into the simulated node it names (or "pass it through").
#pragma once

#include <fcntl.h>

#include <optional>

#include "tools/hostshim/simulated_bus.h"

namespace secnic::hostshim {

struct ResolvedPath {
  SimulatedBus* bus = nullptr;
  SysfsNode node;
  SimulatedFunction& function() const { return bus->function(node.function); }
};

enum class DevicesDirectory {
  kPassThrough,  // the real /sys/bus/pci/devices is good enough (open, stat, access)
  kResolve,  // the caller extends it (opendir): always normalise the path and report the directory
};

// nullopt: not one of ours, pass the call through. `dirfd` is AT_FDCWD for the non-*at calls; a
// relative path under another directory descriptor always passes through. With kPassThrough, a path
// is only normalised if the cheap filter (SysfsNamespace::may_name_function) says it might name a
// simulated function. errno is preserved.
std::optional<ResolvedPath> resolve_path(const char* path, int dirfd = AT_FDCWD,
                                         DevicesDirectory devices = DevicesDirectory::kPassThrough);

}  // namespace secnic::hostshim
