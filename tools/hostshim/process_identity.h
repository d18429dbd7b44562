// What the shim tells the host tool about its own process: effective uid 0 (mstflint refuses to
// open a device otherwise; SECNIC_FAKE_ROOT=0 turns this off) and, for record/replay, a fixed pid
// (SECNIC_FIXED_PID=<n>): mstflint writes getpid() into the ICMD semaphore and reads it back, so a
// replayed run needs the recorded pid.
#pragma once

#include <sys/types.h>

namespace secnic::hostshim {

struct ProcessIdentity {
  bool fake_root = true;
  pid_t fixed_pid = 0;  // 0: the real pid
};

// Parsed from the environment once; a malformed value is reported once on stderr and ignored.
const ProcessIdentity& process_identity();

}  // namespace secnic::hostshim
