// Hooks for the process identity the host tool sees (process_identity.h).
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>

#include "tools/hostshim/libc_next.h"
#include "tools/hostshim/process_identity.h"

using secnic::hostshim::next_libc;
using secnic::hostshim::process_identity;

extern "C" uid_t geteuid() {
  const int saved_errno = errno;
  const bool fake_root = process_identity().fake_root;
  errno = saved_errno;
  if (fake_root) return 0;
  static auto* const next = next_libc<uid_t()>("geteuid");
  return next();
}

extern "C" pid_t getpid() {
  const int saved_errno = errno;
  const pid_t fixed = process_identity().fixed_pid;
  errno = saved_errno;
  if (fixed != 0) return fixed;
  static auto* const next = next_libc<pid_t()>("getpid");
  return next();
}
