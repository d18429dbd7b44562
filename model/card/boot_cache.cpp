#include "model/card/boot_cache.h"

#include <sched.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace secnic::card {

static_assert(std::atomic<uint32_t>::is_always_lock_free &&
                  std::atomic<uint64_t>::is_always_lock_free,
              "the boot cache is shared between processes");

BootCache::BootCache() {
  void* base =
      ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    throw std::system_error(errno, std::generic_category(), "cannot map the boot cache");
  }
  m_shared = static_cast<Shared*>(base);  // anonymous memory starts zeroed: an empty table
}

BootCache::~BootCache() {
  if (m_shared) ::munmap(m_shared, sizeof(Shared));
}

void BootCache::lock() const {
  uint32_t expected = 0;
  while (!m_shared->lock.compare_exchange_weak(expected, 1, std::memory_order_acquire)) {
    expected = 0;
    ::sched_yield();
  }
}

void BootCache::unlock() const { m_shared->lock.store(0, std::memory_order_release); }

bool BootCache::lookup(const std::vector<uint64_t>& generations, BootResult& out,
                       std::vector<bool>* read_sectors) {
  if (generations.size() != kSectors) return false;
  lock();
  bool found = false;
  for (const Entry& e : m_shared->entries) {
    if (!e.valid) continue;
    bool same = true;
    for (size_t s = 0; s < kSectors && same; ++s) {
      same = !e.read[s] || e.generation[s] == generations[s];
    }
    if (same) {
      out = e.result;
      if (read_sectors) {
        read_sectors->assign(kSectors, false);
        for (size_t s = 0; s < kSectors; ++s) (*read_sectors)[s] = e.read[s] != 0;
      }
      found = true;
      break;
    }
  }
  unlock();
  (found ? m_shared->hits : m_shared->misses).fetch_add(1, std::memory_order_relaxed);
  return found;
}

void BootCache::store(const std::vector<bool>& read_sectors,
                      const std::vector<uint64_t>& generations, const BootResult& result) {
  if (generations.size() != kSectors || read_sectors.size() != kSectors) return;
  lock();
  Entry& e = m_shared->entries[m_shared->next++ % kEntries];
  for (size_t s = 0; s < kSectors; ++s) {
    e.read[s] = read_sectors[s] ? 1 : 0;
    e.generation[s] = generations[s];
  }
  e.result = result;
  e.valid = 1;
  unlock();
}

uint64_t BootCache::take_branch_serial() { return m_shared->serial.fetch_add(1) + 1; }
uint64_t BootCache::hits() const { return m_shared->hits.load(); }
uint64_t BootCache::misses() const { return m_shared->misses.load(); }

}  // namespace secnic::card
