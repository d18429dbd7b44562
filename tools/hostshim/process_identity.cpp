#include "tools/hostshim/process_identity.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace secnic::hostshim {
namespace {

ProcessIdentity read_identity() {
  ProcessIdentity identity;
  if (const char* root = std::getenv("SECNIC_FAKE_ROOT")) {
    if (std::strcmp(root, "0") == 0) {
      identity.fake_root = false;
    } else if (std::strcmp(root, "1") != 0) {
      std::fprintf(stderr, "secnic: SECNIC_FAKE_ROOT='%s' is not 0 or 1; using 1\n", root);
    }
  }
  if (const char* pid = std::getenv("SECNIC_FIXED_PID")) {
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(pid, &end, 10);
    if (errno != 0 || end == pid || *end != '\0' || value <= 0 || value > INT_MAX) {
      std::fprintf(
          stderr, "secnic: SECNIC_FIXED_PID='%s' is not a positive pid; using the real pid\n", pid);
    } else {
      identity.fixed_pid = static_cast<pid_t>(value);
    }
  }
  return identity;
}

}  // namespace

const ProcessIdentity& process_identity() {
  static const ProcessIdentity identity = read_identity();
  return identity;
}

}  // namespace secnic::hostshim
