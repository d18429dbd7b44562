// Adapters between the card's firmware parts: what the access registers read about the images (from
// the UpdateFsm, which holds the running and pending images' info), and the ICMD entry point that
// answers only while the firmware runs.
#pragma once

#include <optional>

#include "firmware_model/regs/image_status.h"
#include "firmware_model/update/update_fsm.h"
#include "model/icmd/icmd_handler.h"

namespace secnic::card {

fw::BootImageInfo to_boot_image_info(const fw::ComponentInfo& info);

class CardImageStatus final : public fw::ImageStatus {
 public:
  explicit CardImageStatus(const fw::UpdateFsm& fsm) : m_fsm(fsm) {}
  fw::BootImageInfo running_image() const override;
  std::optional<fw::BootImageInfo> pending_image() const override;

 private:
  const fw::UpdateFsm& m_fsm;
};

// A bricked card (no bootable image) has no firmware to answer ICMD: every command completes with
// ICMD status "ICM not available", as on a card whose firmware never came up.
class FirmwareIcmd final : public model::IcmdHandler {
 public:
  FirmwareIcmd(model::IcmdHandler& firmware, const uint32_t& firmware_running)
      : m_firmware(firmware), m_running(firmware_running) {}
  model::IcmdStatus execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) override;

 private:
  model::IcmdHandler& m_firmware;
  const uint32_t& m_running;
};

}  // namespace secnic::card
