#include "tools/hostdrv/access_register_request.h"

#include <algorithm>

#include "firmware_model/layout/register_layouts.h"

namespace secnic::hostdrv {

namespace tlv = layout::access_tlv;

std::vector<uint8_t> build_mailbox(const AccessRegisterRequest& request) {
  const size_t body_dwords = (request.body.size() + 3) / 4;
  std::vector<uint8_t> mailbox(tlv::kRegisterBodyOffset + body_dwords * 4, 0);
  layout::set(mailbox, tlv::op_type, request.operation_tlv_type.value_or(tlv::kTypeOperation));
  layout::set(mailbox, tlv::op_len, request.operation_tlv_len.value_or(tlv::kOperationTlvDwords));
  layout::set(mailbox, tlv::op_register_id, request.register_id);
  layout::set(mailbox, tlv::op_method, request.method);
  layout::set(mailbox, tlv::op_class, request.reg_class);
  layout::set(mailbox, tlv::reg_type, request.register_tlv_type.value_or(tlv::kTypeRegister));
  layout::set(mailbox, tlv::reg_len,
              request.register_tlv_len.value_or(static_cast<uint32_t>(body_dwords + 1)));
  std::copy(request.body.begin(), request.body.end(), mailbox.begin() + tlv::kRegisterBodyOffset);
  return mailbox;
}

AccessRegisterResponse parse_mailbox(const std::vector<uint8_t>& mailbox, size_t body_size) {
  AccessRegisterResponse response;
  if (mailbox.size() < tlv::kRegisterBodyOffset) return response;
  response.status = layout::get(mailbox, tlv::op_status);
  response.response_bit = layout::get(mailbox, tlv::op_r) != 0;
  const size_t available = mailbox.size() - tlv::kRegisterBodyOffset;
  const size_t n = std::min(body_size, available);
  response.body.assign(mailbox.begin() + tlv::kRegisterBodyOffset,
                       mailbox.begin() + tlv::kRegisterBodyOffset + static_cast<long>(n));
  return response;
}

}  // namespace secnic::hostdrv
