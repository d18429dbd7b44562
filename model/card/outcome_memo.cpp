#include "model/card/outcome_memo.h"

#include <sched.h>
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace secnic::card {

OutcomeMemo::OutcomeMemo() {
  void* base =
      ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    throw std::system_error(errno, std::generic_category(), "cannot map the outcome memo");
  }
  m_shared = static_cast<Shared*>(base);
}

OutcomeMemo::~OutcomeMemo() {
  if (m_shared) ::munmap(m_shared, sizeof(Shared));
}

void OutcomeMemo::lock() const {
  uint32_t expected = 0;
  while (!m_shared->lock.compare_exchange_weak(expected, 1, std::memory_order_acquire)) {
    expected = 0;
    ::sched_yield();
  }
}

void OutcomeMemo::unlock() const { m_shared->lock.store(0, std::memory_order_release); }

void OutcomeMemo::store(const std::vector<bool>& read_sectors,
                        const std::vector<uint64_t>& generations, const power::BootFacts& facts,
                        const std::array<uint8_t, 32>& preserved, const std::string& source_id) {
  if (read_sectors.size() != kSectors || generations.size() != kSectors) return;
  lock();
  Entry& e = m_shared->entries[m_shared->next++ % kEntries];
  e.valid = 0;
  for (size_t s = 0; s < kSectors; ++s) {
    e.read[s] = read_sectors[s] ? 1 : 0;
    e.generation[s] = generations[s];
  }
  e.booted = facts.booted;
  e.slot = facts.slot;
  e.fallback = facts.fallback;
  e.pending = facts.pending;
  e.fsm_state = facts.fsm_state;
  std::memset(e.summary, 0, sizeof e.summary);
  std::strncpy(e.summary, facts.summary.c_str(), sizeof e.summary - 1);
  e.running = facts.running;
  std::copy(preserved.begin(), preserved.end(), e.preserved);
  std::memset(e.source_id, 0, sizeof e.source_id);
  std::strncpy(e.source_id, source_id.c_str(), sizeof e.source_id - 1);
  e.valid = 1;
  unlock();
}

bool OutcomeMemo::lookup(const std::vector<uint64_t>& generations, power::BootFacts& facts,
                         std::array<uint8_t, 32>& preserved, std::string& source_id) const {
  if (generations.size() != kSectors) return false;
  lock();
  bool found = false;
  for (const Entry& e : m_shared->entries) {
    if (!e.valid) continue;
    bool same = true;
    for (size_t s = 0; s < kSectors && same; ++s) {
      same = !e.read[s] || e.generation[s] == generations[s];
    }
    if (!same) continue;
    facts.booted = e.booted;
    facts.slot = e.slot;
    facts.fallback = e.fallback;
    facts.pending = e.pending;
    facts.fsm_state = e.fsm_state;
    facts.summary = std::string(e.summary, strnlen(e.summary, sizeof e.summary));
    facts.running = e.running;
    std::copy(std::begin(e.preserved), std::end(e.preserved), preserved.begin());
    source_id = std::string(e.source_id, strnlen(e.source_id, sizeof e.source_id));
    found = true;
    break;
  }
  unlock();
  return found;
}

}  // namespace secnic::card
