// Where a flash part's array lives: anonymous memory, or a file mapped into memory.
//
//   kInMemory    anonymous private memory, erased (0xFF) at start; gone at exit.
//   kSharedFile  the file mapped MAP_SHARED: every store lands in the page cache at once, so a
//                process killed with SIGKILL loses nothing it completed, and the next process that
//                maps the file sees it. A missing file is created erased (0xFF).
//   kPrivateFile the file mapped MAP_PRIVATE: starts from the file's contents, stores stay in this
//                process (copy-on-write). The file must exist.
//
// Branching (power-fail campaigns fork at each cut point): kInMemory and kPrivateFile contents are
// private to each process after fork() by copy-on-write, at no cost. A forked child of a
// kSharedFile owner calls make_private() before it changes anything, so its stores stop reaching
// the file and the parent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace secnic::model {

enum class FlashBacking { kInMemory, kSharedFile, kPrivateFile };

// The backing file cannot be used (wrong size, not a regular file, cannot be created or mapped).
// The message names the file.
class FlashBackingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class FlashBackingStore {
 public:
  // kInMemory.
  explicit FlashBackingStore(size_t size);
  // kSharedFile or kPrivateFile on `path`; the file must be exactly `size` bytes.
  FlashBackingStore(const std::string& path, size_t size, FlashBacking mode);
  ~FlashBackingStore();
  FlashBackingStore(const FlashBackingStore&) = delete;
  FlashBackingStore& operator=(const FlashBackingStore&) = delete;

  uint8_t* data() const { return m_data; }
  size_t size() const { return m_size; }
  FlashBacking mode() const { return m_mode; }
  const std::string& path() const { return m_path; }

  // Replaces a kSharedFile mapping, in place (same address), by a private anonymous copy of the
  // current contents; the mode becomes kInMemory. No effect on the other modes.
  void make_private();
  // Writes dirty pages of a kSharedFile mapping to the disk (msync); the page cache already
  // survives process death, this is for surviving a host crash.
  void flush();

 private:
  void map_file(FlashBacking mode);

  uint8_t* m_data = nullptr;
  size_t m_size = 0;
  FlashBacking m_mode = FlashBacking::kInMemory;
  std::string m_path;
  int m_fd = -1;
};

}  // namespace secnic::model
