#include "firmware_model/regs/access_register_dispatch.h"

#include <algorithm>
#include <array>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace tlv = layout::access_tlv;
using model::IcmdStatus;

AccessRegisterDispatch::AccessRegisterDispatch(const DeviceProfile& profile,
                                               const ImageStatus& images, UpdateController& update,
                                               NvConfigStore& nv_config)
    : m_profile((profile.validate(), profile)) {
  declare_capability_register(m_registers);
  declare_general_information_register(m_registers, m_profile, images);
  declare_component_query_registers(m_registers, m_profile, images);
  declare_component_update_registers(m_registers, update);
  declare_information_string_register(m_registers, m_profile);
  declare_nv_config_registers(m_registers, nv_config);
  m_body.reserve(tlv::kRegTlvHeaderSize * 0x800);  // the largest reg TLV length field can announce
}

IcmdStatus AccessRegisterDispatch::execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) {
  using Command = IcmdStatus (AccessRegisterDispatch::*)(uint8_t*, size_t);
  struct Opcode {
    uint16_t opcode;
    Command command;
  };
  static constexpr std::array<Opcode, 2> kOpcodes{{
      {layout::icmd_opcode::kAccessRegister, &AccessRegisterDispatch::access_register},
      {layout::icmd_opcode::kQueryCap, &AccessRegisterDispatch::query_cap},
  }};
  for (const Opcode& entry : kOpcodes) {
    if (entry.opcode == opcode) return (this->*entry.command)(mailbox, mailbox_size);
  }
  firmware_log()->warn("ICMD: opcode {:#06x} is not implemented", opcode);
  return IcmdStatus::kInvalidOpcode;
}

IcmdStatus AccessRegisterDispatch::query_cap(uint8_t* mailbox, size_t mailbox_size) {
  namespace cap = layout::icmd_query_cap;
  if (mailbox == nullptr || mailbox_size < cap::kSize) {
    firmware_log()->warn("ICMD_QUERY_CAP: mailbox of {} bytes cannot hold the answer",
                         mailbox_size);
    return IcmdStatus::kBadParam;
  }
  std::fill(mailbox, mailbox + cap::kSize, 0);
  layout::set(mailbox, mailbox_size, cap::nv_access, 1);
  layout::set(mailbox, mailbox_size, cap::allow_icmd_access_reg_on_all_registers, 1);
  layout::set(mailbox, mailbox_size, cap::mcam_reg, 1);
  return IcmdStatus::kOk;
}

IcmdStatus AccessRegisterDispatch::access_register(uint8_t* mailbox, size_t mailbox_size) {
  if (mailbox == nullptr || mailbox_size < tlv::kRegisterBodyOffset) {
    firmware_log()->warn("access register: mailbox of {} bytes cannot hold the TLVs", mailbox_size);
    return IcmdStatus::kBadParam;
  }
  const RegStatus status = dispatch(mailbox, mailbox_size);
  layout::set(mailbox, mailbox_size, tlv::op_status, static_cast<uint32_t>(status));
  layout::set(mailbox, mailbox_size, tlv::op_r, 1);
  return IcmdStatus::kOk;
}

RegStatus AccessRegisterDispatch::dispatch(uint8_t* mailbox, size_t mailbox_size) {
  auto log = firmware_log();
  const uint32_t op_type = layout::get(mailbox, mailbox_size, tlv::op_type);
  if (op_type != tlv::kTypeOperation) {
    log->warn("access register: first TLV has type {}, not an operation TLV", op_type);
    return RegStatus::kUnknownTlv;
  }
  const uint32_t op_len = layout::get(mailbox, mailbox_size, tlv::op_len);
  if (op_len != tlv::kOperationTlvDwords) {
    log->warn("access register: operation TLV length {} dwords, expected {}", op_len,
              tlv::kOperationTlvDwords);
    return RegStatus::kBadParam;
  }
  const uint32_t reg_class = layout::get(mailbox, mailbox_size, tlv::op_class);
  if (reg_class != tlv::kClassRegisterAccess) {
    log->warn("access register: class {:#x} is not supported", reg_class);
    return RegStatus::kClassNotSupported;
  }
  const uint32_t reg_type = layout::get(mailbox, mailbox_size, tlv::reg_type);
  if (reg_type != tlv::kTypeRegister) {
    log->warn("access register: second TLV has type {}, not a reg TLV", reg_type);
    return RegStatus::kUnknownTlv;
  }
  const size_t reg_tlv_bytes = size_t{layout::get(mailbox, mailbox_size, tlv::reg_len)} * 4;
  if (reg_tlv_bytes < tlv::kRegTlvHeaderSize ||
      tlv::kOperationTlvSize + reg_tlv_bytes > mailbox_size) {
    log->warn("access register: reg TLV of {} bytes does not fit the {}-byte mailbox",
              reg_tlv_bytes, mailbox_size);
    return RegStatus::kBadParam;
  }
  const size_t body_size = reg_tlv_bytes - tlv::kRegTlvHeaderSize;

  const uint32_t id = layout::get(mailbox, mailbox_size, tlv::op_register_id);
  const AccessRegister* reg = m_registers.find(static_cast<uint16_t>(id));
  if (reg == nullptr) {
    log->info("access register: register {:#06x} is not supported", id);
    return RegStatus::kRegNotSupported;
  }
  const uint32_t method = layout::get(mailbox, mailbox_size, tlv::op_method);
  const RegisterHandler* handler = method == tlv::kMethodGet   ? &reg->get_handler()
                                   : method == tlv::kMethodSet ? &reg->set_handler()
                                                               : nullptr;
  if (handler == nullptr || !*handler) {
    log->warn("access register: {} does not support method {}", reg->name(), method);
    return RegStatus::kMethodNotSupported;
  }
  if (body_size < reg->min_size()) {
    log->warn("access register: {} body of {} bytes, the register has {}", reg->name(), body_size,
              reg->min_size());
    return kRegStatusLenTooSmall;
  }
  if (body_size > reg->max_size()) {
    log->warn("access register: {} body of {} bytes, the register has at most {}", reg->name(),
              body_size, reg->max_size());
    return RegStatus::kBadParam;
  }

  uint8_t* body = mailbox + tlv::kRegisterBodyOffset;
  m_body.assign(body, body + body_size);
  const RegStatus status = (*handler)(m_body);
  log->debug("access register: {} {} -> status {:#x}", reg->name(),
             method == tlv::kMethodGet ? "GET" : "SET", static_cast<uint32_t>(status));
  if (status == RegStatus::kOk || reg->body_on_error())
    std::copy(m_body.begin(), m_body.end(), body);
  return status;
}

}  // namespace secnic::fw
