// Hooks for directory streams: opendir of /sys/bus/pci/devices lists the simulated functions after
// the real entries (or alone, on a host without sysfs); opendir of a simulated function's directory
// lists its files.
#include <dirent.h>
#include <fcntl.h>

#include <cerrno>
#include <cstddef>
#include <string>
#include <vector>

#include "tools/hostshim/directory_listings.h"
#include "tools/hostshim/libc_next.h"
#include "tools/hostshim/path_resolution.h"

using secnic::hostshim::directory_listings;
using secnic::hostshim::next_libc;
using secnic::hostshim::SysfsNodeKind;

static_assert(sizeof(dirent) == sizeof(dirent64) &&
                  offsetof(dirent, d_name) == offsetof(dirent64, d_name),
              "LP64 glibc: dirent == dirent64");

namespace {

DIR* next_opendir(const char* path) {
  static auto* const next = next_libc<DIR*(const char*)>("opendir");
  if (next == nullptr) {
    errno = ENOSYS;
    return nullptr;
  }
  return next(path);
}

dirent64* next_readdir64(DIR* stream) {
  static auto* const next = next_libc<dirent64*(DIR*)>("readdir64");
  return next(stream);
}

// A real, always-present directory that backs a stream whose entries are all synthetic. The
// stream's own entries are never read.
constexpr const char* kBackingDirectory = "/";

DIR* open_devices_directory(const char* path, const secnic::hostshim::ResolvedPath& resolved) {
  std::vector<std::string> names;
  for (size_t i = 0; i < resolved.bus->paths().size(); ++i) {
    names.push_back(resolved.bus->paths().entry_name(i));
  }
  DIR* stream = next_opendir(path);
  if (stream != nullptr) {
    directory_listings().add(stream, names, names, /*synthetic_only=*/false);
    return stream;
  }
  if (errno != ENOENT) return nullptr;
  stream =
      next_opendir(kBackingDirectory);  // no sysfs on this host: list only the simulated functions
  if (stream == nullptr) return nullptr;
  names.insert(names.begin(), {".", ".."});
  directory_listings().add(stream, names, {}, /*synthetic_only=*/true);
  return stream;
}

DIR* open_function_directory() {
  DIR* stream = next_opendir(kBackingDirectory);
  if (stream == nullptr) return nullptr;
  std::vector<std::string> names = {".", "..", "config"};
  for (auto* file = secnic::hostshim::attribute_files_begin();
       file != secnic::hostshim::attribute_files_end(); ++file) {
    names.emplace_back(file->name);
  }
  directory_listings().add(stream, names, {}, /*synthetic_only=*/true);
  return stream;
}

}  // namespace

extern "C" DIR* opendir(const char* path) {
  const auto resolved =
      secnic::hostshim::resolve_path(path, AT_FDCWD, secnic::hostshim::DevicesDirectory::kResolve);
  if (!resolved) return next_opendir(path);
  switch (resolved->node.kind) {
    case SysfsNodeKind::kDevicesDirectory:
      return open_devices_directory(path, *resolved);
    case SysfsNodeKind::kFunctionDirectory:
      return open_function_directory();
    case SysfsNodeKind::kFunctionConfig:
    case SysfsNodeKind::kFunctionAttribute:
      errno = ENOTDIR;
      return nullptr;
    default:
      errno = ENOENT;
      return nullptr;
  }
}

extern "C" dirent64* readdir64(DIR* stream) {
  if (directory_listings().any()) {
    bool tracked = false;
    dirent64* entry = directory_listings().next(stream, next_readdir64, tracked);
    if (tracked) return entry;
  }
  return next_readdir64(stream);
}

extern "C" dirent* readdir(DIR* stream) {
  if (directory_listings().any()) {
    bool tracked = false;
    dirent64* entry = directory_listings().next(stream, next_readdir64, tracked);
    if (tracked) return reinterpret_cast<dirent*>(entry);
  }
  static auto* const next = next_libc<dirent*(DIR*)>("readdir");
  return next(stream);
}

extern "C" int closedir(DIR* stream) {
  if (directory_listings().any()) directory_listings().remove(stream);
  static auto* const next = next_libc<int(DIR*)>("closedir");
  return next(stream);
}

extern "C" void rewinddir(DIR* stream) {
  if (directory_listings().any()) directory_listings().rewind(stream);
  static auto* const next = next_libc<void(DIR*)>("rewinddir");
  next(stream);
}
