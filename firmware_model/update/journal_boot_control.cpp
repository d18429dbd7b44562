#include "firmware_model/update/journal_boot_control.h"

#include <algorithm>
#include <array>

namespace secnic::fw {

FlashResult JournalBootControl::read_preferred_slot(uint8_t& slot) {
  FlashSlot preferred = FlashSlot::kA;
  const FlashResult r = m_journal.preferred_slot(preferred);
  if (r == FlashResult::kOk) slot = static_cast<uint8_t>(preferred);
  return r;
}

FlashResult JournalBootControl::record_active_slot(const ComponentInfo& image) {
  std::array<uint8_t, 32> sha256{};
  std::copy(std::begin(image.sha256), std::end(image.sha256), sha256.begin());
  return m_journal.append(image.slot == 0 ? FlashSlot::kA : FlashSlot::kB, image.size, sha256);
}

}  // namespace secnic::fw
