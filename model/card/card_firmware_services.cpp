#include "model/card/card_firmware_services.h"

namespace secnic::card {

fw::BootImageInfo to_boot_image_info(const fw::ComponentInfo& info) {
  fw::BootImageInfo out;
  out.version = fw::FirmwareVersion::from_packed(info.version);
  // ComponentInfo keeps the release date as IMAGE_INFO stores it (BCD digits); ReleaseDate is
  // decimal.
  auto bcd = [](uint32_t v) {
    uint32_t out_value = 0, scale = 1;
    for (; v; v >>= 4, scale *= 10) out_value += (v & 0xf) * scale;
    return out_value;
  };
  out.release_date.year = static_cast<uint16_t>(bcd(info.release_year));
  out.release_date.month = static_cast<uint8_t>(bcd(info.release_month));
  out.release_date.day = static_cast<uint8_t>(bcd(info.release_day));
  out.product_version = std::string(info.product_version, info.product_version_length);
  out.size = info.size;
  return out;
}

fw::BootImageInfo CardImageStatus::running_image() const {
  return to_boot_image_info(m_fsm.running_image());
}

std::optional<fw::BootImageInfo> CardImageStatus::pending_image() const {
  const fw::ComponentInfo* pending = m_fsm.pending_image();
  if (!pending) return std::nullopt;
  return to_boot_image_info(*pending);
}

model::IcmdStatus FirmwareIcmd::execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) {
  if (!m_running) return model::IcmdStatus::kIcmNotAvail;
  return m_firmware.execute(opcode, mailbox, mailbox_size);
}

}  // namespace secnic::card
