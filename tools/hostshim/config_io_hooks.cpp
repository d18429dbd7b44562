// Hooks for descriptor I/O: calls on a tracked config descriptor are answered by the simulated
// function, calls on any other descriptor go to libc after one array load. close and dup* keep the
// table in step with the kernel's descriptor table.
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "tools/hostshim/libc_next.h"
#include "tools/hostshim/open_config_files.h"
#include "tools/hostshim/simulated_files.h"
#include "tools/hostshim/tool_lock_files.h"

using secnic::hostshim::next_libc;
using secnic::hostshim::open_config_files;
using secnic::hostshim::OpenConfigFile;

extern "C" {
ssize_t __read_chk(int fd, void* buffer, size_t length, size_t buffer_size);
ssize_t __pread_chk(int fd, void* buffer, size_t length, off_t offset, size_t buffer_size);
ssize_t __pread64_chk(int fd, void* buffer, size_t length, off64_t offset, size_t buffer_size);
int close_range(unsigned int first, unsigned int last, int flags);
void closefrom(int lowest);
}

namespace {

template <class Function>
Function* must_resolve(const char* name) {
  Function* next = next_libc<Function>(name);
  if (next == nullptr)
    std::abort();  // libc without the symbol we stand in front of: nothing can work
  return next;
}

}  // namespace

extern "C" ssize_t pread64(int fd, void* buffer, size_t length, off64_t offset) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_pread(*file, buffer, length, offset);
  }
  static auto* const next = must_resolve<ssize_t(int, void*, size_t, off64_t)>("pread64");
  return next(fd, buffer, length, offset);
}

extern "C" ssize_t pread(int fd, void* buffer, size_t length, off_t offset) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_pread(*file, buffer, length, offset);
  }
  static auto* const next = must_resolve<ssize_t(int, void*, size_t, off_t)>("pread");
  return next(fd, buffer, length, offset);
}

extern "C" ssize_t __pread64_chk(int fd, void* buffer, size_t length, off64_t offset,
                                 size_t buffer_size) {
  OpenConfigFile* file = open_config_files().find(fd);
  if (file != nullptr && length <= buffer_size) {
    return secnic::hostshim::config_pread(*file, buffer, length, offset);
  }
  static auto* const next =
      must_resolve<ssize_t(int, void*, size_t, off64_t, size_t)>("__pread64_chk");
  return next(fd, buffer, length, offset, buffer_size);  // reports the overflow if there is one
}

extern "C" ssize_t __pread_chk(int fd, void* buffer, size_t length, off_t offset,
                               size_t buffer_size) {
  OpenConfigFile* file = open_config_files().find(fd);
  if (file != nullptr && length <= buffer_size) {
    return secnic::hostshim::config_pread(*file, buffer, length, offset);
  }
  static auto* const next = must_resolve<ssize_t(int, void*, size_t, off_t, size_t)>("__pread_chk");
  return next(fd, buffer, length, offset, buffer_size);
}

extern "C" ssize_t pwrite64(int fd, const void* buffer, size_t length, off64_t offset) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_pwrite(*file, buffer, length, offset);
  }
  static auto* const next = must_resolve<ssize_t(int, const void*, size_t, off64_t)>("pwrite64");
  return next(fd, buffer, length, offset);
}

extern "C" ssize_t pwrite(int fd, const void* buffer, size_t length, off_t offset) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_pwrite(*file, buffer, length, offset);
  }
  static auto* const next = must_resolve<ssize_t(int, const void*, size_t, off_t)>("pwrite");
  return next(fd, buffer, length, offset);
}

extern "C" ssize_t read(int fd, void* buffer, size_t length) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_read(*file, buffer, length);
  }
  static auto* const next = must_resolve<ssize_t(int, void*, size_t)>("read");
  return next(fd, buffer, length);
}

extern "C" ssize_t __read_chk(int fd, void* buffer, size_t length, size_t buffer_size) {
  OpenConfigFile* file = open_config_files().find(fd);
  if (file != nullptr && length <= buffer_size) {
    return secnic::hostshim::config_read(*file, buffer, length);
  }
  static auto* const next = must_resolve<ssize_t(int, void*, size_t, size_t)>("__read_chk");
  return next(fd, buffer, length, buffer_size);
}

extern "C" ssize_t write(int fd, const void* buffer, size_t length) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_write(*file, buffer, length);
  }
  static auto* const next = must_resolve<ssize_t(int, const void*, size_t)>("write");
  return next(fd, buffer, length);
}

extern "C" off64_t lseek64(int fd, off64_t offset, int whence) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_seek(*file, offset, whence);
  }
  static auto* const next = must_resolve<off64_t(int, off64_t, int)>("lseek64");
  return next(fd, offset, whence);
}

extern "C" off_t lseek(int fd, off_t offset, int whence) {
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    return secnic::hostshim::config_seek(*file, offset, whence);
  }
  static auto* const next = must_resolve<off_t(int, off_t, int)>("lseek");
  return next(fd, offset, whence);
}

extern "C" int close(int fd) {
  if (open_config_files().find(fd) != nullptr) open_config_files().remove(fd);
  secnic::hostshim::tool_lock_files().remove(fd);
  static auto* const next = must_resolve<int(int)>("close");
  return next(fd);
}

extern "C" int dup(int fd) {
  static auto* const next = must_resolve<int(int)>("dup");
  OpenConfigFile* file = open_config_files().find(fd);
  const int copy = next(fd);
  if (file != nullptr && copy >= 0) {
    if (copy < secnic::hostshim::OpenConfigFiles::kMaxDescriptor) {
      open_config_files().add(copy, file);
    } else {
      next_libc<int(int)>("close")(copy);
      errno = EMFILE;
      return -1;
    }
  }
  return copy;
}

namespace {

// dup2/dup3: `target` now refers to what `fd` refers to.
int track_duplicate(int fd, int target, int result) {
  if (result < 0 || fd == target) return result;
  open_config_files().remove(target);
  if (OpenConfigFile* file = open_config_files().find(fd)) {
    if (target < secnic::hostshim::OpenConfigFiles::kMaxDescriptor)
      open_config_files().add(target, file);
  }
  return result;
}

}  // namespace

extern "C" int dup2(int fd, int target) {
  static auto* const next = must_resolve<int(int, int)>("dup2");
  return track_duplicate(fd, target, next(fd, target));
}

extern "C" int dup3(int fd, int target, int flags) {
  static auto* const next = must_resolve<int(int, int, int)>("dup3");
  return track_duplicate(fd, target, next(fd, target, flags));
}

extern "C" int close_range(unsigned int first, unsigned int last, int flags) {
  static auto* const next = next_libc<int(unsigned int, unsigned int, int)>("close_range");
  if (next == nullptr) {
    errno = ENOSYS;
    return -1;
  }
  const int result = next(first, last, flags);
  if (result == 0 && (flags & CLOSE_RANGE_CLOEXEC) == 0) {
    open_config_files().remove_range(first, last);
    secnic::hostshim::tool_lock_files().remove_range(first, last);
  }
  return result;
}

extern "C" void closefrom(int lowest) {
  static auto* const next = must_resolve<void(int)>("closefrom");
  next(lowest);
  if (lowest >= 0) {
    open_config_files().remove_range(static_cast<unsigned>(lowest), ~0u);
    secnic::hostshim::tool_lock_files().remove_range(static_cast<unsigned>(lowest), ~0u);
  }
}
