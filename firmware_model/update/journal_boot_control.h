// BootControlPort over the boot-control journal of firmware_model/boot: the update FSM reads the
// slot the BootRom will prefer and appends the record that activates a new image.
#pragma once

#include "firmware_model/boot/boot_control_journal.h"
#include "firmware_model/update/boot_control_port.h"

namespace secnic::fw {

class JournalBootControl : public BootControlPort {
 public:
  explicit JournalBootControl(FlashPort& flash) : m_journal(flash) {}

  FlashResult read_preferred_slot(uint8_t& slot) override;
  // Appends {slot, size, sha256} of `image`.
  FlashResult record_active_slot(const ComponentInfo& image) override;

 private:
  BootControlJournal m_journal;
};

}  // namespace secnic::fw
