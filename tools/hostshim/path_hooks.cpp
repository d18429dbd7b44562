// Hooks for the libc calls that name a path: open*, fopen*, access*, stat*, readlink. A path that
// names a simulated node is answered by simulated_files.cpp; every other path goes to libc
// untouched.
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>

#include "tools/hostshim/libc_next.h"
#include "tools/hostshim/path_resolution.h"
#include "tools/hostshim/simulated_files.h"
#include "tools/hostshim/tool_lock_files.h"

using secnic::hostshim::next_libc;
using secnic::hostshim::resolve_path;

namespace {

mode_t mode_argument(int flags, va_list arguments) {
  const bool has_mode = (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE;
  return has_mode ? static_cast<mode_t>(va_arg(arguments, int)) : 0;
}

int unavailable() {
  errno = ENOSYS;
  return -1;
}

template <class Function, class... Arguments>
auto call_next(Function* next, Arguments... arguments) {
  if (next == nullptr) return static_cast<decltype(next(arguments...))>(unavailable());
  return next(arguments...);
}

}  // namespace

// The glibc < 2.33 stat entry points, still exported for old binaries; no longer declared by the
// headers.
extern "C" {
int __xstat(int version, const char* path, struct stat* out);
int __xstat64(int version, const char* path, struct stat64* out);
int __lxstat(int version, const char* path, struct stat* out);
int __lxstat64(int version, const char* path, struct stat64* out);
int __fxstatat(int version, int dirfd, const char* path, struct stat* out, int flags);
int __fxstatat64(int version, int dirfd, const char* path, struct stat64* out, int flags);
int __open_2(const char* path, int flags);
int __open64_2(const char* path, int flags);
int __openat_2(int dirfd, const char* path, int flags);
int __openat64_2(int dirfd, const char* path, int flags);
}

// ---- open ----

extern "C" int open(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (auto node = resolve_path(path)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(const char*, int, ...)>("open");
  return secnic::hostshim::track_tool_lock_file(path, call_next(next, path, flags, mode));
}

extern "C" int open64(const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (auto node = resolve_path(path)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(const char*, int, ...)>("open64");
  return secnic::hostshim::track_tool_lock_file(path, call_next(next, path, flags, mode));
}

extern "C" int openat(int dirfd, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(int, const char*, int, ...)>("openat");
  return call_next(next, dirfd, path, flags, mode);
}

extern "C" int openat64(int dirfd, const char* path, int flags, ...) {
  va_list arguments;
  va_start(arguments, flags);
  const mode_t mode = mode_argument(flags, arguments);
  va_end(arguments);
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(int, const char*, int, ...)>("openat64");
  return call_next(next, dirfd, path, flags, mode);
}

extern "C" int __open_2(const char* path, int flags) {
  if (auto node = resolve_path(path)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(const char*, int)>("__open_2");
  return call_next(next, path, flags);
}

extern "C" int __open64_2(const char* path, int flags) {
  if (auto node = resolve_path(path)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(const char*, int)>("__open64_2");
  return call_next(next, path, flags);
}

extern "C" int __openat_2(int dirfd, const char* path, int flags) {
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(int, const char*, int)>("__openat_2");
  return call_next(next, dirfd, path, flags);
}

extern "C" int __openat64_2(int dirfd, const char* path, int flags) {
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::open_node(*node, flags);
  static auto* const next = next_libc<int(int, const char*, int)>("__openat64_2");
  return call_next(next, dirfd, path, flags);
}

// ---- fopen ----

extern "C" FILE* fopen(const char* path, const char* mode) {
  if (auto node = resolve_path(path)) return secnic::hostshim::fopen_node(*node, mode);
  static auto* const next = next_libc<FILE*(const char*, const char*)>("fopen");
  if (next == nullptr) {
    errno = ENOSYS;
    return nullptr;
  }
  return next(path, mode);
}

extern "C" FILE* fopen64(const char* path, const char* mode) {
  if (auto node = resolve_path(path)) return secnic::hostshim::fopen_node(*node, mode);
  static auto* const next = next_libc<FILE*(const char*, const char*)>("fopen64");
  if (next == nullptr) {
    errno = ENOSYS;
    return nullptr;
  }
  return next(path, mode);
}

// ---- access ----

extern "C" int access(const char* path, int mode) {
  if (auto node = resolve_path(path)) return secnic::hostshim::access_node(*node, mode);
  static auto* const next = next_libc<int(const char*, int)>("access");
  return call_next(next, path, mode);
}

extern "C" int faccessat(int dirfd, const char* path, int mode, int flags) {
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::access_node(*node, mode);
  static auto* const next = next_libc<int(int, const char*, int, int)>("faccessat");
  return call_next(next, dirfd, path, mode, flags);
}

extern "C" int eaccess(const char* path, int mode) {
  if (auto node = resolve_path(path)) return secnic::hostshim::access_node(*node, mode);
  static auto* const next = next_libc<int(const char*, int)>("eaccess");
  return call_next(next, path, mode);
}

extern "C" int euidaccess(const char* path, int mode) {
  if (auto node = resolve_path(path)) return secnic::hostshim::access_node(*node, mode);
  static auto* const next = next_libc<int(const char*, int)>("euidaccess");
  return call_next(next, path, mode);
}

// ---- stat (struct stat and struct stat64 are the same layout on LP64 glibc) ----

static_assert(sizeof(struct stat) == sizeof(struct stat64), "LP64 glibc: stat == stat64");

extern "C" int stat(const char* path, struct stat* out) {
  if (auto node = resolve_path(path)) return secnic::hostshim::stat_node(*node, out);
  static auto* const next = next_libc<int(const char*, struct stat*)>("stat");
  return call_next(next, path, out);
}

extern "C" int stat64(const char* path, struct stat64* out) {
  if (auto node = resolve_path(path)) {
    return secnic::hostshim::stat_node(*node, reinterpret_cast<struct stat*>(out));
  }
  static auto* const next = next_libc<int(const char*, struct stat64*)>("stat64");
  return call_next(next, path, out);
}

extern "C" int lstat(const char* path, struct stat* out) {
  if (auto node = resolve_path(path)) return secnic::hostshim::stat_node(*node, out);
  static auto* const next = next_libc<int(const char*, struct stat*)>("lstat");
  return call_next(next, path, out);
}

extern "C" int lstat64(const char* path, struct stat64* out) {
  if (auto node = resolve_path(path)) {
    return secnic::hostshim::stat_node(*node, reinterpret_cast<struct stat*>(out));
  }
  static auto* const next = next_libc<int(const char*, struct stat64*)>("lstat64");
  return call_next(next, path, out);
}

extern "C" int fstatat(int dirfd, const char* path, struct stat* out, int flags) {
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::stat_node(*node, out);
  static auto* const next = next_libc<int(int, const char*, struct stat*, int)>("fstatat");
  return call_next(next, dirfd, path, out, flags);
}

extern "C" int fstatat64(int dirfd, const char* path, struct stat64* out, int flags) {
  if (auto node = resolve_path(path, dirfd)) {
    return secnic::hostshim::stat_node(*node, reinterpret_cast<struct stat*>(out));
  }
  static auto* const next = next_libc<int(int, const char*, struct stat64*, int)>("fstatat64");
  return call_next(next, dirfd, path, out, flags);
}

extern "C" int statx(int dirfd, const char* path, int flags, unsigned int mask, struct statx* out) {
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::statx_node(*node, out);
  static auto* const next =
      next_libc<int(int, const char*, int, unsigned int, struct statx*)>("statx");
  return call_next(next, dirfd, path, flags, mask, out);
}

extern "C" int __xstat(int version, const char* path, struct stat* out) {
  if (auto node = resolve_path(path)) return secnic::hostshim::stat_node(*node, out);
  static auto* const next = next_libc<int(int, const char*, struct stat*)>("__xstat");
  return call_next(next, version, path, out);
}

extern "C" int __xstat64(int version, const char* path, struct stat64* out) {
  if (auto node = resolve_path(path)) {
    return secnic::hostshim::stat_node(*node, reinterpret_cast<struct stat*>(out));
  }
  static auto* const next = next_libc<int(int, const char*, struct stat64*)>("__xstat64");
  return call_next(next, version, path, out);
}

extern "C" int __lxstat(int version, const char* path, struct stat* out) {
  if (auto node = resolve_path(path)) return secnic::hostshim::stat_node(*node, out);
  static auto* const next = next_libc<int(int, const char*, struct stat*)>("__lxstat");
  return call_next(next, version, path, out);
}

extern "C" int __lxstat64(int version, const char* path, struct stat64* out) {
  if (auto node = resolve_path(path)) {
    return secnic::hostshim::stat_node(*node, reinterpret_cast<struct stat*>(out));
  }
  static auto* const next = next_libc<int(int, const char*, struct stat64*)>("__lxstat64");
  return call_next(next, version, path, out);
}

extern "C" int __fxstatat(int version, int dirfd, const char* path, struct stat* out, int flags) {
  if (auto node = resolve_path(path, dirfd)) return secnic::hostshim::stat_node(*node, out);
  static auto* const next = next_libc<int(int, int, const char*, struct stat*, int)>("__fxstatat");
  return call_next(next, version, dirfd, path, out, flags);
}

extern "C" int __fxstatat64(int version, int dirfd, const char* path, struct stat64* out,
                            int flags) {
  if (auto node = resolve_path(path, dirfd)) {
    return secnic::hostshim::stat_node(*node, reinterpret_cast<struct stat*>(out));
  }
  static auto* const next =
      next_libc<int(int, int, const char*, struct stat64*, int)>("__fxstatat64");
  return call_next(next, version, dirfd, path, out, flags);
}

// ---- readlink ----

extern "C" ssize_t readlink(const char* path, char* buffer, size_t size) {
  if (auto node = resolve_path(path)) return secnic::hostshim::readlink_node(*node);
  static auto* const next = next_libc<ssize_t(const char*, char*, size_t)>("readlink");
  return call_next(next, path, buffer, size);
}

// ---- extended attributes (ls -l asks for ACLs and security labels) ----

extern "C" ssize_t getxattr(const char* path, const char* name, void* value, size_t size) {
  if (auto node = resolve_path(path)) return secnic::hostshim::getxattr_node(*node);
  static auto* const next = next_libc<ssize_t(const char*, const char*, void*, size_t)>("getxattr");
  return call_next(next, path, name, value, size);
}

extern "C" ssize_t lgetxattr(const char* path, const char* name, void* value, size_t size) {
  if (auto node = resolve_path(path)) return secnic::hostshim::getxattr_node(*node);
  static auto* const next =
      next_libc<ssize_t(const char*, const char*, void*, size_t)>("lgetxattr");
  return call_next(next, path, name, value, size);
}

extern "C" ssize_t listxattr(const char* path, char* list, size_t size) {
  if (auto node = resolve_path(path)) return secnic::hostshim::listxattr_node(*node);
  static auto* const next = next_libc<ssize_t(const char*, char*, size_t)>("listxattr");
  return call_next(next, path, list, size);
}

extern "C" ssize_t llistxattr(const char* path, char* list, size_t size) {
  if (auto node = resolve_path(path)) return secnic::hostshim::listxattr_node(*node);
  static auto* const next = next_libc<ssize_t(const char*, char*, size_t)>("llistxattr");
  return call_next(next, path, list, size);
}
