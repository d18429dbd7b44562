// OutcomeMemo: the whole outcome of a campaign branch's power-up, in a SectorKeyedTable like the
// BootCache: keyed by the flash sectors it read (the boot's, plus the sector between the slots that
// config-intact hashes) and their write generations. With `secnic campaign --memo`, a point whose
// power-up would read exactly the bytes an earlier branch's power-up read is not forked at all: its
// outcome is that branch's (BranchOutcome::evaluated_by names it). Exact for the same reason as the
// BootCache: the power-up is a function of those bytes and the card's fixed configuration (RAM
// starts blank).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/card/sector_keyed_table.h"
#include "model/power/powered_device.h"

namespace secnic::card {

class OutcomeMemo {
  // BootFacts, the config-intact digest and the id of the branch that computed them, as plain data.
  struct Outcome {
    uint8_t booted, slot, fallback, pending;
    fw::FsmState fsm_state;
    char summary[2048];
    fw::ComponentInfo running;
    uint8_t preserved[32];
    char source_id[64];
  };
  using Table = SectorKeyedTable<Outcome, 32>;

 public:
  static constexpr size_t kSectors = Table::kSectors;

  OutcomeMemo() : m_table("outcome memo") {}  // shared anonymous memory; throws std::system_error

  void store(const std::vector<bool>& read_sectors, const std::vector<uint64_t>& generations,
             const power::BootFacts& facts, const std::array<uint8_t, 32>& preserved,
             const std::string& source_id);
  bool lookup(const std::vector<uint64_t>& generations, power::BootFacts& facts,
              std::array<uint8_t, 32>& preserved, std::string& source_id) const;

 private:
  Table m_table;
};

}  // namespace secnic::card
