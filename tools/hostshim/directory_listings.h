// Directory streams whose listing the shim extends: /sys/bus/pci/devices (the real entries, minus
// any that a simulated function shadows, then one entry per simulated function) and a simulated
// function's own directory (only synthetic entries: config and the attribute files). readdir on any
// other stream costs one atomic load.
#pragma once

#include <dirent.h>

#include <atomic>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace secnic::hostshim {

class DirectoryListings {
 public:
  // `stream` lists `extra` after its real entries (or instead of them if `synthetic_only`); real
  // entries named in `shadowed` are skipped.
  void add(DIR* stream, std::vector<std::string> extra, std::vector<std::string> shadowed,
           bool synthetic_only);
  void remove(DIR* stream);
  void rewind(DIR* stream);

  // The next entry of a tracked stream, using `next_real` for its real entries. `tracked` is false
  // for streams the shim does not extend (the caller then uses the real readdir).
  dirent64* next(DIR* stream, dirent64* (*next_real)(DIR*), bool& tracked);

  bool any() const { return m_count.load(std::memory_order_acquire) != 0; }

 private:
  struct Listing {
    std::vector<std::string> extra;
    std::vector<std::string> shadowed;
    bool synthetic_only = false;
    bool real_done = false;
    size_t next_extra = 0;
    dirent64 entry{};
  };

  std::mutex m_mutex;
  std::unordered_map<DIR*, Listing> m_listings;
  std::atomic<int> m_count{0};
};

// The process-wide instance (never destroyed).
DirectoryListings& directory_listings();

}  // namespace secnic::hostshim
