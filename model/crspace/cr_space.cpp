#include "model/crspace/cr_space.h"

#include <algorithm>
#include <vector>

#include "model/regs/model_log.h"

namespace secnic::model {

CrSpace::CrSpace(const sc_core::sc_module_name& name, const CrSpaceConfig& config)
    : sc_core::sc_module(name),
      socket("socket", m_registers),
      restricted("restricted"),
      m_config(config),
      m_registers(std::string(this->name()), cr_space::kSize) {
  m_registers
      .add_register("HW_ID", cr_space::kHwId, 4,
                    cr_space::kHwIdDevice.make(config.hw_id) |
                        cr_space::kHwIdRevision.make(config.hw_revision))
      .read_only();
  m_registers
      .add_register("STATIC_CFG", cr_space::kStaticConfig, 4,
                    cr_space::kStaticCfgNotDone.make(config.static_config_done ? 0 : 1))
      .read_only();
  add_restricted(cr_space::kFlashGateway);
  add_restricted(cr_space::kHwSemaphores);
}

void CrSpace::add_restricted(const cr_space::RestrictedRange& range) {
  m_registers.add_window(
      range.name, range.begin, range.size,
      [this, &range](uint32_t offset, uint8_t* data, uint32_t length, bool debug) {
        return restricted_read(range, offset, data, length, debug);
      },
      [this, &range](uint32_t offset, const uint8_t* data, uint32_t length, bool debug) {
        return restricted_write(range, offset, data, length, debug);
      });
}

namespace {

// One transaction through `socket`; false when nothing is bound or the target answers with an
// error.
bool forward(tlm_utils::simple_initiator_socket_optional<CrSpace>& socket, tlm::tlm_command command,
             uint32_t address, uint8_t* data, uint32_t length, bool debug) {
  if (socket.size() == 0) return false;
  tlm::tlm_generic_payload payload;
  payload.set_command(command);
  payload.set_address(address);
  payload.set_data_ptr(data);
  payload.set_data_length(length);
  payload.set_streaming_width(length);
  payload.set_byte_enable_ptr(nullptr);
  payload.set_dmi_allowed(false);
  payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  if (debug) {
    socket->transport_dbg(payload);
  } else {
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket->b_transport(payload, delay);
  }
  return payload.is_response_ok();
}

}  // namespace

BankResponse CrSpace::restricted_read(const cr_space::RestrictedRange& range, uint32_t offset,
                                      uint8_t* data, uint32_t length, bool debug) {
  const uint32_t address = range.begin + offset;
  if (!m_config.secure &&
      forward(restricted, tlm::TLM_READ_COMMAND, address, data, length, debug)) {
    return BankResponse::kOk;
  }
  std::fill(data, data + length, uint8_t{0});
  if (!debug) {
    model_log()->debug("{}: read of {} at {:#x} returns 0 ({})", name(), range.name, address,
                       m_config.secure ? "secure mode" : "not modelled");
  }
  return BankResponse::kOk;
}

BankResponse CrSpace::restricted_write(const cr_space::RestrictedRange& range, uint32_t offset,
                                       const uint8_t* data, uint32_t length, bool debug) {
  const uint32_t address = range.begin + offset;
  if (m_config.secure) {
    if (!debug) {
      model_log()->warn("{}: write to {} at {:#x} blocked (secure mode)", name(), range.name,
                        address);
    }
    return BankResponse::kOk;
  }
  std::vector<uint8_t> bytes(data, data + length);  // TLM payloads carry non-const data
  if (forward(restricted, tlm::TLM_WRITE_COMMAND, address, bytes.data(), length, debug)) {
    return BankResponse::kOk;
  }
  if (!debug) {
    model_log()->info("{}: write to {} at {:#x} ignored (not modelled)", name(), range.name,
                      address);
  }
  return BankResponse::kOk;
}

}  // namespace secnic::model
