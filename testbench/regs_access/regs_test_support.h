// Test doubles and a host-side client for AccessRegisterDispatch: requests are built byte for byte
// as mstflint builds them (operation TLV + reg TLV + big-endian body in a 0x340-byte mailbox).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware_model/regs/access_register_dispatch.h"
#include "firmware_model/regs/access_register_mailbox.h"
#include "firmware_model/regs/image_status.h"
#include "firmware_model/regs/nv_config_store.h"
#include "firmware_model/update/update_controller.h"

namespace secnic::fw::testing {

inline constexpr size_t kMailboxSize = 0x340;

class FakeImageStatus final : public ImageStatus {
 public:
  BootImageInfo running;
  std::optional<BootImageInfo> pending;
  BootImageInfo running_image() const override { return running; }
  std::optional<BootImageInfo> pending_image() const override { return pending; }
};

// Records every MCC/MCDA call and answers with the configured replies.
class RecordingUpdateController final : public UpdateController {
 public:
  struct McdaWrite {
    uint32_t update_handle;
    uint32_t offset;
    std::vector<uint8_t> data;
  };
  struct McdaRead {
    uint32_t update_handle;
    uint32_t offset;
    size_t size;
  };

  MccReply mcc_reply;
  RegStatus mcda_status = RegStatus::kOk;
  std::vector<uint8_t> image;  // served by mcda_read from `offset`
  bool short_read = false;     // mcda_read returns one byte less than asked (a controller bug)

  std::vector<MccCommand> mcc_calls;
  std::vector<McdaWrite> writes;
  std::vector<McdaRead> reads;

  MccReply mcc(const MccCommand& cmd) override;
  RegStatus mcda_write(uint32_t update_handle, uint32_t offset, const uint8_t* data,
                       size_t size) override;
  RegStatus mcda_read(uint32_t update_handle, uint32_t offset, size_t size,
                      std::vector<uint8_t>& out) override;
};

struct Response {
  model::IcmdStatus icmd_status;
  RegStatus status;
  std::vector<uint8_t> body;
  std::vector<uint8_t> mailbox;
};

// The card's access-register layer with test doubles behind it.
class RegsFixtureCard {
 public:
  explicit RegsFixtureCard(DeviceProfile profile = DeviceProfile{});

  Response access(uint16_t register_id, AccessMethod method, const std::vector<uint8_t>& body);
  Response get(uint16_t register_id, const std::vector<uint8_t>& body) {
    return access(register_id, AccessMethod::kGet, body);
  }
  Response set(uint16_t register_id, const std::vector<uint8_t>& body) {
    return access(register_id, AccessMethod::kSet, body);
  }
  // Runs a prepared mailbox as ICMD opcode 0x9001 (in place).
  model::IcmdStatus run(std::vector<uint8_t>& mailbox, uint16_t opcode = 0x9001);

  DeviceProfile profile;
  FakeImageStatus images;
  RecordingUpdateController update;
  InMemoryNvConfig nv_config;
  AccessRegisterDispatch dispatch;
};

// The running image of the examples in the reference documents: 14.22.4020 of 24.11.2025.
BootImageInfo example_running_image();
BootImageInfo example_pending_image();  // 14.23.1020 of 2.1.2026

}  // namespace secnic::fw::testing
