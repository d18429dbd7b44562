// mstflint serialises every config access with flock() on
// /tmp/mstflint_lockfiles/<dbdf>_<config|mem>. For a simulated function the card already makes each
// access atomic across processes (its own lock), so the shim answers flock() on those descriptors
// itself: two system calls fewer per access (a 1 MiB burn makes about two million accesses), and
// tools working on different simulated cards that share a BDF never contend on the machine-wide
// lock file.
#pragma once

#include <atomic>

namespace secnic::hostshim {

// True for "/tmp/mstflint_lockfiles/<dbdf>_..." where <dbdf> is a simulated function of this
// process.
bool is_simulated_tool_lock_file(const char* path);

class ToolLockFiles {
 public:
  static constexpr int kMaxDescriptor = 1 << 16;

  bool contains(int fd) const {
    return static_cast<unsigned>(fd) < static_cast<unsigned>(kMaxDescriptor) &&
           m_fds[fd].load(std::memory_order_relaxed);
  }
  void add(int fd) {
    if (static_cast<unsigned>(fd) < static_cast<unsigned>(kMaxDescriptor)) m_fds[fd].store(true);
  }
  void remove(int fd) {
    if (static_cast<unsigned>(fd) < static_cast<unsigned>(kMaxDescriptor)) m_fds[fd].store(false);
  }
  void remove_range(unsigned first, unsigned last) {
    for (unsigned fd = first; fd <= last && fd < static_cast<unsigned>(kMaxDescriptor); ++fd) {
      m_fds[fd].store(false);
    }
  }

 private:
  std::atomic<bool> m_fds[kMaxDescriptor];
};

// The process-wide table (zero-initialised static storage: usable before any constructor runs).
ToolLockFiles& tool_lock_files();

// Called by the open hooks with the path and the descriptor libc returned.
inline int track_tool_lock_file(const char* path, int fd) {
  if (fd >= 0 && is_simulated_tool_lock_file(path)) tool_lock_files().add(fd);
  return fd;
}

}  // namespace secnic::hostshim
