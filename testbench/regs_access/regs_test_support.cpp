#include "regs_test_support.h"

#include <algorithm>

namespace secnic::fw::testing {

MccReply RecordingUpdateController::mcc(const MccCommand& cmd) {
  mcc_calls.push_back(cmd);
  return mcc_reply;
}

RegStatus RecordingUpdateController::mcda_write(uint32_t update_handle, uint32_t offset,
                                                const uint8_t* data, size_t size) {
  writes.push_back({update_handle, offset, std::vector<uint8_t>(data, data + size)});
  return mcda_status;
}

RegStatus RecordingUpdateController::mcda_read(uint32_t update_handle, uint32_t offset, size_t size,
                                               std::vector<uint8_t>& out) {
  reads.push_back({update_handle, offset, size});
  if (mcda_status != RegStatus::kOk) return mcda_status;
  out.assign(size, 0);
  for (size_t i = 0; i < size && offset + i < image.size(); ++i) out[i] = image[offset + i];
  if (short_read && !out.empty()) out.pop_back();
  return RegStatus::kOk;
}

RegsFixtureCard::RegsFixtureCard(DeviceProfile p)
    : profile(std::move(p)), nv_config(profile), dispatch(profile, images, update, nv_config) {
  images.running = example_running_image();
}

Response RegsFixtureCard::access(uint16_t register_id, AccessMethod method,
                                 const std::vector<uint8_t>& body) {
  std::vector<uint8_t> mailbox =
      build_access_register_request(register_id, method, body, kMailboxSize);
  const model::IcmdStatus icmd = run(mailbox);
  return Response{icmd, access_register_status(mailbox), access_register_body(mailbox, body.size()),
                  mailbox};
}

model::IcmdStatus RegsFixtureCard::run(std::vector<uint8_t>& mailbox, uint16_t opcode) {
  return dispatch.execute(opcode, mailbox.data(), mailbox.size());
}

BootImageInfo example_running_image() {
  BootImageInfo info;
  info.version = FirmwareVersion{14, 22, 4020};
  info.release_date = ReleaseDate{2025, 11, 24};
  info.product_version = "14.22.4020";
  info.size = 0x7100;
  return info;
}

BootImageInfo example_pending_image() {
  BootImageInfo info;
  info.version = FirmwareVersion{14, 23, 1020};
  info.release_date = ReleaseDate{2026, 1, 2};
  info.product_version = "14.23.1020";
  info.size = 0x7200;
  return info;
}

}  // namespace secnic::fw::testing
