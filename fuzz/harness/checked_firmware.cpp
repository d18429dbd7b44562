#include "fuzz/harness/checked_firmware.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "firmware_model/layout/register_layouts.h"
#include "fuzz/harness/access_register_oracle.h"
#include "fuzz/harness/invariant.h"

namespace secnic::fuzz {

namespace {

namespace tlv = layout::access_tlv;
using model::IcmdStatus;

std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%#x", v);
  return buf;
}

// The mailbox with the two fields the firmware always answers in (operation TLV status and
// response bit) cleared, for comparing what else changed.
std::vector<uint8_t> without_answer_fields(const uint8_t* mailbox, size_t size) {
  std::vector<uint8_t> out(mailbox, mailbox + size);
  if (size >= tlv::op_r.end()) {
    layout::set(out, tlv::op_status, 0);
    layout::set(out, tlv::op_r, 0);
  }
  return out;
}

bool known_register_status(uint32_t s) {
  return s <= 9 || s == 0x20 || s == 0x21 || s == 0x22 || s == 0x24 || s == 0x70;
}

bool same_bytes(const uint8_t* mailbox, size_t size, const std::vector<uint8_t>& request) {
  return size == request.size() && std::equal(request.begin(), request.end(), mailbox);
}

}  // namespace

struct CheckedFirmware::Firmware {
  Firmware(const FirmwareScript& script, FirmwareCalls& calls)
      : images(script),
        update(script, calls),
        nv(script, calls),
        dispatch(fw::DeviceProfile{}, images, update, nv) {}

  ScriptedImageStatus images;
  ScriptedUpdateController update;
  ScriptedNvConfigStore nv;
  fw::AccessRegisterDispatch dispatch;
};

CheckedFirmware::CheckedFirmware(const FirmwareScript& script)
    : m_script(script), m_firmware(std::make_unique<Firmware>(m_script, m_calls)) {}

CheckedFirmware::~CheckedFirmware() = default;

// The dispatch keeps no state between commands; only the doubles do (the script they answer from,
// the calls, the NV store), so a reset is cheap and the dispatch is built once.
void CheckedFirmware::reset(const FirmwareScript& script) {
  m_script = script;
  m_calls = FirmwareCalls{};
  m_commands = 0;
  m_firmware->nv.reset();
}

IcmdStatus CheckedFirmware::execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) {
  ++m_commands;
  const std::vector<uint8_t> request(mailbox, mailbox + mailbox_size);
  const FirmwareCalls before = m_calls;
  IcmdStatus status;
  try {
    status = m_firmware->dispatch.execute(opcode, mailbox, mailbox_size);
  } catch (const InvariantViolation&) {
    throw;  // a double saw the dispatch break an invariant
  } catch (const std::exception& e) {
    violation("execute(" + hex(opcode) + ") threw: " + e.what());
  }
  if (opcode == layout::icmd_opcode::kAccessRegister) {
    check_access_register(request, mailbox, mailbox_size, status, before);
  } else if (opcode == layout::icmd_opcode::kQueryCap) {
    check_query_cap(request, mailbox, mailbox_size, status);
    require(m_calls.total() == before.total(), "ICMD_QUERY_CAP reached the firmware doubles");
  } else {
    require(status == IcmdStatus::kInvalidOpcode,
            [&] { return "opcode " + hex(opcode) + " is not refused with INVALID_OPCODE"; });
    require(same_bytes(mailbox, mailbox_size, request), "an unknown opcode changed the mailbox");
    require(m_calls.total() == before.total(), "an unknown opcode reached the firmware doubles");
  }
  return status;
}

void CheckedFirmware::check_query_cap(const std::vector<uint8_t>& request, const uint8_t* mailbox,
                                      size_t size, IcmdStatus status) const {
  namespace cap = layout::icmd_query_cap;
  if (size < cap::kSize) {
    require(status == IcmdStatus::kBadParam && same_bytes(mailbox, size, request),
            "ICMD_QUERY_CAP into a too small mailbox is not a clean BAD_PARAM");
    return;
  }
  require(status == IcmdStatus::kOk, "ICMD_QUERY_CAP failed");
  require(layout::get(mailbox, size, cap::allow_icmd_access_reg_on_all_registers) == 1,
          "ICMD_QUERY_CAP does not allow register access (mstreg needs it)");
  require(std::equal(mailbox + cap::kSize, mailbox + size, request.begin() + cap::kSize),
          "ICMD_QUERY_CAP wrote past its 8-byte answer");
}

void CheckedFirmware::check_access_register(const std::vector<uint8_t>& request,
                                            const uint8_t* mailbox, size_t size, IcmdStatus status,
                                            const FirmwareCalls& before) const {
  if (size < tlv::kRegisterBodyOffset) {
    require(status == IcmdStatus::kBadParam && same_bytes(mailbox, size, request),
            "an access-register command in a too small mailbox is not a clean BAD_PARAM");
    require(m_calls.total() == before.total(), "a too small mailbox reached the firmware");
    return;
  }
  require(status == IcmdStatus::kOk, "an access-register command failed at the ICMD level");
  require(layout::get(mailbox, size, tlv::op_r) == 1, "the response bit is not set");
  const uint32_t reg_status = layout::get(mailbox, size, tlv::op_status);
  require(known_register_status(reg_status),
          [&] { return "register status " + hex(reg_status) + " is not a protocol status"; });

  const TlvVerdict verdict = judge_access_register_request(m_firmware->dispatch.registers(),
                                                           request.data(), request.size());
  const std::vector<uint8_t> sent = without_answer_fields(request.data(), request.size());
  const std::vector<uint8_t> answered = without_answer_fields(mailbox, size);
  if (verdict.refusal) {
    require(reg_status == static_cast<uint32_t>(*verdict.refusal), [&] {
      return "a malformed request got status " + hex(reg_status) + ", expected " +
             hex(static_cast<uint32_t>(*verdict.refusal));
    });
    require(answered == sent, "a refused request changed the mailbox beyond its status");
    require(m_calls.total() == before.total(), "a refused request reached the firmware");
    return;
  }
  const size_t body_end = tlv::kRegisterBodyOffset + verdict.body_size;
  require(std::equal(answered.begin(), answered.begin() + tlv::kRegisterBodyOffset, sent.begin()),
          [&] { return verdict.reg->name() + ": the TLV headers changed"; });
  require(std::equal(answered.begin() + body_end, answered.end(), sent.begin() + body_end),
          [&] { return verdict.reg->name() + ": the firmware wrote past the register body"; });
  if (reg_status != 0 && !verdict.reg->body_on_error()) {
    require(answered == sent,
            [&] { return verdict.reg->name() + ": a failed access changed the body"; });
  }
  if (verdict.is_get) {
    require(m_calls.state_changing() == before.state_changing(),
            [&] { return verdict.reg->name() + " GET changed firmware state"; });
  }
}

}  // namespace secnic::fuzz
