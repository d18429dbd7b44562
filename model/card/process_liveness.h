// Whether the process that took a lock or semaphore on the card still runs. A process killed with
// SIGKILL stays a zombie until its parent (or init) reaps it, and kill(pid, 0) still succeeds for a
// zombie: it counts as gone here, or a dead tool would hold the card until someone reaped it.
#pragma once

#include <sys/types.h>

namespace secnic::card {

bool process_gone(pid_t pid);

}  // namespace secnic::card
