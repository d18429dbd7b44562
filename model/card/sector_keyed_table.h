// SectorKeyedTable: a small table in shared memory whose entries are keyed by the flash sectors a
// power-up read and each one's write generation (SpiNorFlash::sector_generations()). The BootCache
// and the OutcomeMemo are both this table with their own payload.
//
// A lookup hits an entry when every sector that entry's power-up read still has the generation it
// had then: the power-up is a function of those bytes and the card's fixed configuration, so the
// entry's payload is exactly what the power-up would compute again. The table is anonymous shared
// memory, mapped before a campaign forks its branches, so each branch's entries serve every later
// branch; a process-shared spin lock guards it. Entries are replaced oldest first.
#pragma once

#include <sched.h>
#include <sys/mman.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <string>
#include <system_error>
#include <type_traits>
#include <vector>

namespace secnic::card {

template <class Payload, size_t kEntries>
class SectorKeyedTable {
  static_assert(std::is_trivially_copyable_v<Payload>, "the payload lives in shared memory");
  static_assert(std::atomic<uint32_t>::is_always_lock_free &&
                    std::atomic<uint64_t>::is_always_lock_free,
                "the table is shared between processes");

 public:
  static constexpr size_t kSectors = 256;  // 16 MiB of flash in 64 KiB sectors

  // Maps the table (empty: anonymous memory starts zeroed). `what` names it in the
  // std::system_error thrown when it cannot be mapped.
  explicit SectorKeyedTable(const char* what) {
    void* base =
        ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
      throw std::system_error(errno, std::generic_category(),
                              std::string("cannot map the ") + what);
    }
    m_shared = static_cast<Shared*>(base);
  }
  ~SectorKeyedTable() { ::munmap(m_shared, sizeof(Shared)); }
  SectorKeyedTable(const SectorKeyedTable&) = delete;
  SectorKeyedTable& operator=(const SectorKeyedTable&) = delete;

  // The payload of the newest entry whose read sectors all still have their generations;
  // `read_sectors` (if given) receives that entry's read set. Counts a hit or a miss.
  bool lookup(const std::vector<uint64_t>& generations, Payload& out,
              std::vector<bool>* read_sectors = nullptr) const {
    if (generations.size() != kSectors) return false;
    bool found = false;
    {
      const Lock lock(*m_shared);
      for (size_t i = 0; i < kEntries && !found; ++i) {
        const Entry& e = m_shared->entries[(m_shared->next + kEntries - 1 - i) % kEntries];
        if (!e.valid || !unchanged(e, generations)) continue;
        out = e.payload;
        if (read_sectors) {
          read_sectors->assign(kSectors, false);
          for (size_t s = 0; s < kSectors; ++s) (*read_sectors)[s] = e.read[s] != 0;
        }
        found = true;
      }
    }
    (found ? m_shared->hits : m_shared->misses).fetch_add(1, std::memory_order_relaxed);
    return found;
  }

  // Ignored unless both vectors cover every sector.
  void store(const std::vector<bool>& read_sectors, const std::vector<uint64_t>& generations,
             const Payload& payload) {
    if (generations.size() != kSectors || read_sectors.size() != kSectors) return;
    const Lock lock(*m_shared);
    Entry& e = m_shared->entries[m_shared->next % kEntries];
    m_shared->next = (m_shared->next + 1) % kEntries;
    for (size_t s = 0; s < kSectors; ++s) {
      e.read[s] = read_sectors[s] ? 1 : 0;
      e.generation[s] = generations[s];
    }
    e.payload = payload;
    e.valid = 1;
  }

  // 1, 2, 3, ...: a number no other process sharing the table gets.
  uint64_t take_serial() { return m_shared->serial.fetch_add(1) + 1; }
  uint64_t hits() const { return m_shared->hits.load(); }
  uint64_t misses() const { return m_shared->misses.load(); }

 private:
  struct Entry {
    uint32_t valid;
    uint8_t read[kSectors];
    uint64_t generation[kSectors];
    Payload payload;
  };
  struct Shared {
    std::atomic<uint32_t> lock;
    std::atomic<uint64_t> serial;
    std::atomic<uint64_t> hits;
    std::atomic<uint64_t> misses;
    uint32_t next;
    Entry entries[kEntries];
  };
  // Held by one process at a time; the holders are processes, so a waiter yields its core.
  class Lock {
   public:
    explicit Lock(Shared& shared) : m_word(shared.lock) {
      uint32_t expected = 0;
      while (!m_word.compare_exchange_weak(expected, 1, std::memory_order_acquire)) {
        expected = 0;
        ::sched_yield();
      }
    }
    ~Lock() { m_word.store(0, std::memory_order_release); }
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

   private:
    std::atomic<uint32_t>& m_word;
  };

  static bool unchanged(const Entry& e, const std::vector<uint64_t>& generations) {
    for (size_t s = 0; s < kSectors; ++s) {
      if (e.read[s] && e.generation[s] != generations[s]) return false;
    }
    return true;
  }

  Shared* m_shared = nullptr;
};

}  // namespace secnic::card
