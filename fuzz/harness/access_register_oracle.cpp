#include "fuzz/harness/access_register_oracle.h"

#include "firmware_model/layout/register_layouts.h"

namespace secnic::fuzz {

namespace tlv = layout::access_tlv;

TlvVerdict judge_access_register_request(const fw::AccessRegisterTable& registers,
                                         const uint8_t* mailbox, size_t mailbox_size) {
  auto field = [&](layout::Field f) { return layout::get(mailbox, mailbox_size, f); };
  TlvVerdict v;
  if (field(tlv::op_type) != tlv::kTypeOperation) {
    v.refusal = fw::RegStatus::kUnknownTlv;
  } else if (field(tlv::op_len) != tlv::kOperationTlvDwords) {
    v.refusal = fw::RegStatus::kBadParam;
  } else if (field(tlv::op_class) != tlv::kClassRegisterAccess) {
    v.refusal = fw::RegStatus::kClassNotSupported;
  } else if (field(tlv::reg_type) != tlv::kTypeRegister) {
    v.refusal = fw::RegStatus::kUnknownTlv;
  }
  if (v.refusal) return v;
  const size_t reg_bytes = size_t{field(tlv::reg_len)} * 4;
  if (reg_bytes < tlv::kRegTlvHeaderSize || tlv::kOperationTlvSize + reg_bytes > mailbox_size) {
    v.refusal = fw::RegStatus::kBadParam;
    return v;
  }
  v.body_size = reg_bytes - tlv::kRegTlvHeaderSize;
  v.reg = registers.find(static_cast<uint16_t>(field(tlv::op_register_id)));
  if (v.reg == nullptr) {
    v.refusal = fw::RegStatus::kRegNotSupported;
    return v;
  }
  const uint32_t method = field(tlv::op_method);
  v.is_get = method == tlv::kMethodGet;
  const fw::RegisterHandler* handler = method == tlv::kMethodGet   ? &v.reg->get_handler()
                                       : method == tlv::kMethodSet ? &v.reg->set_handler()
                                                                   : nullptr;
  if (handler == nullptr || !*handler) {
    v.refusal = fw::RegStatus::kMethodNotSupported;
  } else if (v.body_size < v.reg->min_size()) {
    v.refusal = fw::kRegStatusLenTooSmall;
  } else if (v.body_size > v.reg->max_size()) {
    v.refusal = fw::RegStatus::kBadParam;
  }
  return v;
}

}  // namespace secnic::fuzz
