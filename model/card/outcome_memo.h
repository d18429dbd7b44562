// OutcomeMemo: the whole outcome of a campaign branch's power-up, keyed like the BootCache by the
// flash sectors it read (the boot's, plus the sector between the slots that config-intact hashes)
// and their write generations. With `secnic campaign --memo`, a point whose power-up would read
// exactly the bytes an earlier branch's power-up read is not forked at all: its outcome is that
// branch's (BranchOutcome::evaluated_by names it). Exact for the same reason as the BootCache: the
// power-up is a function of those bytes and the card's fixed configuration (RAM starts blank).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "model/power/powered_device.h"

namespace secnic::card {

class OutcomeMemo {
 public:
  static constexpr size_t kSectors = 256;
  static constexpr size_t kEntries = 32;

  OutcomeMemo();  // shared anonymous memory; throws std::system_error
  ~OutcomeMemo();
  OutcomeMemo(const OutcomeMemo&) = delete;
  OutcomeMemo& operator=(const OutcomeMemo&) = delete;

  void store(const std::vector<bool>& read_sectors, const std::vector<uint64_t>& generations,
             const power::BootFacts& facts, const std::array<uint8_t, 32>& preserved,
             const std::string& source_id);
  bool lookup(const std::vector<uint64_t>& generations, power::BootFacts& facts,
              std::array<uint8_t, 32>& preserved, std::string& source_id) const;

 private:
  struct Entry {
    uint32_t valid;
    uint8_t read[kSectors];
    uint64_t generation[kSectors];
    uint8_t booted, slot, fallback, pending;
    fw::FsmState fsm_state;
    char summary[2048];
    fw::ComponentInfo running;
    uint8_t preserved[32];
    char source_id[64];
  };
  struct Shared {
    std::atomic<uint32_t> lock;
    uint32_t next;
    Entry entries[kEntries];
  };
  void lock() const;
  void unlock() const;
  Shared* m_shared = nullptr;
};

}  // namespace secnic::card
