// What the access registers report about the boot images (MCQS, MCQI, MGIR fw_info). The card
// integrator implements ImageStatus from the BootRom (the image the card booted) and the UpdateFsm
// (an image burnt and activated that waits for the next reset).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace secnic::fw {

struct FirmwareVersion {
  uint8_t major = 0;
  uint8_t minor = 0;
  uint16_t subminor = 0;

  // major[31:24] minor[23:16] subminor[15:0], as MCQI and the image's IMAGE_INFO carry it.
  constexpr uint32_t packed() const {
    return (uint32_t{major} << 24) | (uint32_t{minor} << 16) | uint32_t{subminor};
  }
  static constexpr FirmwareVersion from_packed(uint32_t v) {
    return FirmwareVersion{static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
                           static_cast<uint16_t>(v)};
  }
  bool operator==(const FirmwareVersion& o) const { return packed() == o.packed(); }
  bool operator!=(const FirmwareVersion& o) const { return !(*this == o); }
};

// A calendar date in ordinary decimal numbers (year 2025, month 11, day 24). The registers carry it
// as BCD digits (0x2025, 0x11, 0x24), which the tool prints in hex ("24.11.2025").
struct ReleaseDate {
  uint16_t year = 0;  // 0..9999
  uint8_t month = 0;  // 1..12
  uint8_t day = 0;    // 1..31
};

struct BootImageInfo {
  FirmwareVersion version;
  ReleaseDate release_date;
  // "Product Version" of `mstflint q` (e.g. "14.22.4020"): at most 15 characters are shown by the
  // tool, at most 91 are reported.
  std::string product_version;
  // Bytes of the stored boot-image component: MCQI component_size, the length READ_COMPONENT
  // serves.
  uint32_t size = 0;
};

class ImageStatus {
 public:
  virtual ~ImageStatus() = default;

  // The image the card is running (booted from).
  virtual BootImageInfo running_image() const = 0;
  // An image written and activated by an update that takes effect at the next reset; none
  // otherwise. While one exists, MCQI VERSION/CAPABILITIES with read_pending_component=1 answer it,
  // and `mstflint q` shows "FW Version: <pending>" and "FW Version(Running): <running>".
  virtual std::optional<BootImageInfo> pending_image() const = 0;
};

}  // namespace secnic::fw
