// The file descriptors this process holds on simulated `config` files. The descriptor itself is a
// real memfd (so fstat, fcntl and poll behave), but every read, write and seek on it is answered
// here. Lookup is one array load so that pread/pwrite on every other descriptor costs nothing
// measurable.
#pragma once

#include <atomic>
#include <cstdint>

#include "tools/hostshim/simulated_function.h"

namespace secnic::hostshim {

// One open file description: shared by dup()ed descriptors, like the kernel's.
struct OpenConfigFile {
  SimulatedFunction* function = nullptr;
  bool readable = false;
  bool writable = false;
  std::atomic<int64_t> position{0};
  std::atomic<int> descriptors{0};
};

class OpenConfigFiles {
 public:
  // Descriptors at or above this are never tracked (the shim moves a new config descriptor below
  // it).
  static constexpr int kMaxDescriptor = 1 << 16;

  OpenConfigFile* find(int fd) const {
    return static_cast<unsigned>(fd) < static_cast<unsigned>(kMaxDescriptor)
               ? m_files[fd].load(std::memory_order_acquire)
               : nullptr;
  }
  // Tracks `fd` as a descriptor of `file` (fd < kMaxDescriptor, not tracked).
  void add(int fd, OpenConfigFile* file);
  // Stops tracking `fd` (if tracked); frees the description when its last descriptor goes.
  void remove(int fd);
  // Stops tracking every descriptor in [first, last].
  void remove_range(unsigned first, unsigned last);

 private:
  std::atomic<OpenConfigFile*> m_files[kMaxDescriptor];
};

// The process-wide table (zero-initialised static storage: usable before any constructor runs).
OpenConfigFiles& open_config_files();

}  // namespace secnic::hostshim
