// flock(): answered in-process for the lock files of simulated functions (tool_lock_files.h),
// passed to libc for every other descriptor.
#include <sys/file.h>

#include <cerrno>

#include "tools/hostshim/libc_next.h"
#include "tools/hostshim/tool_lock_files.h"

extern "C" int flock(int fd, int operation) {
  if (secnic::hostshim::tool_lock_files().contains(fd)) return 0;
  static auto* const next = secnic::hostshim::next_libc<int(int, int)>("flock");
  if (next == nullptr) {
    errno = ENOSYS;
    return -1;
  }
  return next(fd, operation);
}
