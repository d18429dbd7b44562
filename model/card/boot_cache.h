// BootCache: what a power-up derived from the flash, reused when the flash sectors it read have not
// changed — so that a power-fail campaign, which powers its card up once per cut point (thousands
// of times, mostly over the same running image), does not re-read and re-hash an unchanged slot
// every time.
//
// Exact, not heuristic: an entry records which 64 KiB sectors the BootRom (and the running-image
// digest after it) read, and each one's write generation (SpiNorFlash::sector_generations()). The
// BootRom is a function of the bytes it reads and the card's fixed configuration, so equal
// generations over the read set give the same boot. The cache is a SectorKeyedTable in shared
// memory created before the campaign forks its branches, so each branch's boot benefits every later
// one.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_model/update/update_fsm_state.h"
#include "model/card/sector_keyed_table.h"

namespace secnic::card {

// Everything power-up takes from the boot (plain data: it lives in shared memory).
struct BootResult {
  uint8_t booted = 0;
  uint8_t slot = 0;
  uint8_t fallback = 0;
  char summary[2048] = {};
  fw::ComponentInfo running;
  uint32_t forbidden_count = 0;
  uint32_t forbidden[64] = {};  // packed major<<24|minor<<16|sub
  uint64_t flash_time_ps = 0;   // simulated time the boot's flash reads took
};

class BootCache {
 public:
  using Table = SectorKeyedTable<BootResult, 32>;
  static constexpr size_t kSectors = Table::kSectors;

  // Maps the shared table (anonymous, shared with processes forked later). Throws
  // std::system_error when it cannot.
  BootCache() : m_table("boot cache") {}

  // `read_sectors` (if given) receives the sectors the cached boot read.
  bool lookup(const std::vector<uint64_t>& generations, BootResult& out,
              std::vector<bool>* read_sectors = nullptr) {
    return m_table.lookup(generations, out, read_sectors);
  }
  void store(const std::vector<bool>& read_sectors, const std::vector<uint64_t>& generations,
             const BootResult& result) {
    m_table.store(read_sectors, generations, result);
  }
  // A number no other branch of this campaign gets (a base for its flash generations).
  uint64_t take_branch_serial() { return m_table.take_serial(); }
  uint64_t hits() const { return m_table.hits(); }
  uint64_t misses() const { return m_table.misses(); }

 private:
  Table m_table;
};

}  // namespace secnic::card
