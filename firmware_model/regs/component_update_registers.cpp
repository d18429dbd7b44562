// MCC and MCDA carry the component update protocol to the UpdateController (the firmware's update
// FSM); MVTS (version timestamps) is answered "not supported", which burn accepts.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace mcc = layout::mcc;
namespace mcda = layout::mcda;

namespace {

constexpr uint32_t kLastInstruction = static_cast<uint32_t>(MccInstruction::kReadPendingComponent);

MccCommand parse_mcc(const std::vector<uint8_t>& body, bool is_set) {
  MccCommand cmd;
  cmd.is_set = is_set;
  // A GET is always a query, whatever its instruction field holds.
  cmd.instruction = is_set ? static_cast<MccInstruction>(layout::get(body, mcc::instruction))
                           : MccInstruction::kQuery;
  cmd.component_index = static_cast<uint16_t>(layout::get(body, mcc::component_index));
  cmd.update_handle = layout::get(body, mcc::update_handle);
  cmd.component_size = layout::get(body, mcc::component_size);
  cmd.device_type = static_cast<uint8_t>(layout::get(body, mcc::device_type));
  cmd.device_index = static_cast<uint16_t>(layout::get(body, mcc::device_index));
  return cmd;
}

RegStatus access_mcc(UpdateController& update, std::vector<uint8_t>& body, bool is_set) {
  if (is_set && layout::get(body, mcc::instruction) > kLastInstruction) {
    firmware_log()->warn("MCC: instruction {:#x} is not implemented",
                         layout::get(body, mcc::instruction));
    return RegStatus::kBadParam;
  }
  const MccReply reply = update.mcc(parse_mcc(body, is_set));
  // Response-only fields, also on a rejection (the tool decodes error_code only then).
  layout::set(body, mcc::control_state, static_cast<uint32_t>(reply.control_state));
  layout::set(body, mcc::error_code, static_cast<uint32_t>(reply.error_code));
  layout::set(body, mcc::control_progress, reply.control_progress);
  layout::set(body, mcc::time_elapsed_since_last_cmd, reply.time_elapsed_since_last_cmd);
  layout::set(body, mcc::handle_owner_host_id, 0);
  layout::set(body, mcc::handle_owner_type, 0);
  // update_handle is also a request field: changing it in a rejection would change the tool's
  // re-send.
  if (reply.status == RegStatus::kOk) layout::set(body, mcc::update_handle, reply.update_handle);
  return reply.status;
}

// Register data dword k holds image bytes [4k+3, 4k+2, 4k+1, 4k]: image byte i sits at this data
// offset.
constexpr size_t swapped(size_t i) { return (i & ~size_t{3}) + (3 - (i & 3)); }

RegStatus set_mcda(UpdateController& update, std::vector<uint8_t>& body) {
  const uint32_t size = layout::get(body, mcda::size);
  if (size > mcda::kMaxDataSize) {
    firmware_log()->warn("MCDA SET: size {} exceeds {} bytes", size, mcda::kMaxDataSize);
    return RegStatus::kBadParam;
  }
  std::vector<uint8_t> data(size);
  for (size_t i = 0; i < size; ++i) data[i] = body[mcda::data.byte + swapped(i)];
  return update.mcda_write(layout::get(body, mcda::update_handle), layout::get(body, mcda::offset),
                           data.data(), data.size());
}

RegStatus get_mcda(UpdateController& update, std::vector<uint8_t>& body) {
  const uint32_t size = layout::get(body, mcda::size);
  if (size > mcda::kMaxDataSize) {
    firmware_log()->warn("MCDA GET: size {} exceeds {} bytes", size, mcda::kMaxDataSize);
    return RegStatus::kBadParam;
  }
  std::vector<uint8_t> data;
  const RegStatus status = update.mcda_read(layout::get(body, mcda::update_handle),
                                            layout::get(body, mcda::offset), size, data);
  if (status != RegStatus::kOk) return status;
  if (data.size() != size) {
    throw std::logic_error("UpdateController::mcda_read returned " + std::to_string(data.size()) +
                           " bytes for " + std::to_string(size));
  }
  std::fill(body.begin() + mcda::data.byte, body.begin() + mcda::data.end(), 0);
  for (size_t i = 0; i < size; ++i) body[mcda::data.byte + swapped(i)] = data[i];
  return RegStatus::kOk;
}

RegStatus mvts_not_supported(std::vector<uint8_t>&) {
  firmware_log()->debug("MVTS: version timestamps are not supported");
  return RegStatus::kBadParam;
}

}  // namespace

void declare_component_update_registers(AccessRegisterTable& table, UpdateController& update) {
  table.declare(mcc::kId, "MCC", mcc::kSize)
      .on_get([&update](std::vector<uint8_t>& body) { return access_mcc(update, body, false); })
      .on_set([&update](std::vector<uint8_t>& body) { return access_mcc(update, body, true); })
      .publishes_body_on_error();
  table.declare(mcda::kId, "MCDA", mcda::kSize)
      .on_get([&update](std::vector<uint8_t>& body) { return get_mcda(update, body); })
      .on_set([&update](std::vector<uint8_t>& body) { return set_mcda(update, body); });
  // BAD_PARAM is how the tool learns "not supported" for MVTS; not advertised in MCAM.
  table.declare(layout::mvts::kId, "MVTS", layout::mvts::kSize)
      .on_get(mvts_not_supported)
      .on_set(mvts_not_supported)
      .unadvertised();
}

}  // namespace secnic::fw
