#include "model/card/outcome_memo.h"

#include <algorithm>
#include <cstring>

namespace secnic::card {

void OutcomeMemo::store(const std::vector<bool>& read_sectors,
                        const std::vector<uint64_t>& generations, const power::BootFacts& facts,
                        const std::array<uint8_t, 32>& preserved, const std::string& source_id) {
  Outcome o{};
  o.booted = facts.booted;
  o.slot = facts.slot;
  o.fallback = facts.fallback;
  o.pending = facts.pending;
  o.fsm_state = facts.fsm_state;
  std::strncpy(o.summary, facts.summary.c_str(), sizeof o.summary - 1);
  o.running = facts.running;
  std::copy(preserved.begin(), preserved.end(), o.preserved);
  std::strncpy(o.source_id, source_id.c_str(), sizeof o.source_id - 1);
  m_table.store(read_sectors, generations, o);
}

bool OutcomeMemo::lookup(const std::vector<uint64_t>& generations, power::BootFacts& facts,
                         std::array<uint8_t, 32>& preserved, std::string& source_id) const {
  Outcome o;
  if (!m_table.lookup(generations, o)) return false;
  facts.booted = o.booted;
  facts.slot = o.slot;
  facts.fallback = o.fallback;
  facts.pending = o.pending;
  facts.fsm_state = o.fsm_state;
  facts.summary = std::string(o.summary, strnlen(o.summary, sizeof o.summary));
  facts.running = o.running;
  std::copy(std::begin(o.preserved), std::end(o.preserved), preserved.begin());
  source_id = std::string(o.source_id, strnlen(o.source_id, sizeof o.source_id));
  return true;
}

}  // namespace secnic::card
