#include "firmware_model/regs/access_register_mailbox.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "firmware_model/layout/register_layouts.h"

namespace secnic::fw {
namespace tlv = layout::access_tlv;

std::vector<uint8_t> build_access_register_request(uint16_t register_id, AccessMethod method,
                                                   const std::vector<uint8_t>& body,
                                                   size_t mailbox_size) {
  if (body.size() % 4 != 0 || tlv::kRegisterBodyOffset + body.size() > mailbox_size) {
    throw std::invalid_argument("access register request: body of " + std::to_string(body.size()) +
                                " bytes does not fit a " + std::to_string(mailbox_size) +
                                "-byte mailbox in whole dwords");
  }
  std::vector<uint8_t> mailbox(mailbox_size, 0);
  layout::set(mailbox, tlv::op_type, tlv::kTypeOperation);
  layout::set(mailbox, tlv::op_len, tlv::kOperationTlvDwords);
  layout::set(mailbox, tlv::op_register_id, register_id);
  layout::set(mailbox, tlv::op_method, static_cast<uint32_t>(method));
  layout::set(mailbox, tlv::op_class, tlv::kClassRegisterAccess);
  layout::set(mailbox, tlv::reg_type, tlv::kTypeRegister);
  layout::set(mailbox, tlv::reg_len,
              static_cast<uint32_t>((body.size() + tlv::kRegTlvHeaderSize) / 4));
  std::copy(body.begin(), body.end(), mailbox.begin() + tlv::kRegisterBodyOffset);
  return mailbox;
}

RegStatus access_register_status(const std::vector<uint8_t>& mailbox) {
  return static_cast<RegStatus>(layout::get(mailbox, tlv::op_status));
}

std::vector<uint8_t> access_register_body(const std::vector<uint8_t>& mailbox, size_t body_size) {
  layout::check_span(mailbox.size(), static_cast<uint32_t>(tlv::kRegisterBodyOffset + body_size));
  return std::vector<uint8_t>(mailbox.begin() + tlv::kRegisterBodyOffset,
                              mailbox.begin() + tlv::kRegisterBodyOffset + body_size);
}

}  // namespace secnic::fw
