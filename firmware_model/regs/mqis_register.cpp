// MQIS: the board's model name ("Part Number") and description, read in chunks of up to 8 bytes.
// The image and device VSD strings are empty (info_length 0), which the tools print as "N/A".
#include <algorithm>
#include <string>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace mqis = layout::mqis;

namespace {

RegStatus get_mqis(const DeviceProfile& profile, std::vector<uint8_t>& body) {
  const uint32_t info_type = layout::get(body, mqis::info_type);
  std::string text;
  if (info_type == mqis::kInfoModelName) {
    text = profile.part_number;
  } else if (info_type == mqis::kInfoModelDescription) {
    text = profile.description;
  } else if (info_type != mqis::kInfoImageVsd && info_type != mqis::kInfoDeviceVsd) {
    firmware_log()->warn("MQIS: info_type {} does not exist", info_type);
    return RegStatus::kBadParam;
  }
  const uint32_t offset = layout::get(body, mqis::read_offset);
  if (offset > text.size()) {
    firmware_log()->warn("MQIS: read_offset {} beyond a string of {} bytes", offset, text.size());
    return RegStatus::kBadParam;
  }
  // Never more than asked, than the field holds, or than is left: the tool copies read_length bytes
  // of the response into a buffer sized by info_length.
  const uint32_t length = std::min({layout::get(body, mqis::read_length), mqis::info_string.length,
                                    static_cast<uint32_t>(text.size()) - offset});
  layout::set(body, mqis::info_length, static_cast<uint32_t>(text.size()));
  layout::set(body, mqis::read_length, length);
  layout::set(body, mqis::info_string, text.data() + offset, length);
  return RegStatus::kOk;
}

}  // namespace

void declare_information_string_register(AccessRegisterTable& table, const DeviceProfile& profile) {
  table.declare(mqis::kId, "MQIS", mqis::kSize).on_get([&profile](std::vector<uint8_t>& body) {
    return get_mqis(profile, body);
  });
}

}  // namespace secnic::fw
