#include "model/regs/register_bank_target_socket.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "TLM payload data is passed through in bus (little-endian) order");

namespace secnic::model {

RegisterBankTargetSocket::RegisterBankTargetSocket(const char* name, RegisterBank& bank,
                                                   sc_core::sc_time latency)
    : tlm::tlm_target_socket<32>(name), m_bank(bank), m_latency(latency) {
  bind(static_cast<tlm::tlm_fw_transport_if<>&>(*this));
}

tlm::tlm_response_status RegisterBankTargetSocket::serve(tlm::tlm_generic_payload& payload,
                                                         bool debug) {
  const tlm::tlm_command command = payload.get_command();
  if (command == tlm::TLM_IGNORE_COMMAND) return tlm::TLM_OK_RESPONSE;
  if (payload.get_byte_enable_ptr() != nullptr) return tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE;
  const unsigned length = payload.get_data_length();
  if (payload.get_streaming_width() < length) return tlm::TLM_BURST_ERROR_RESPONSE;
  if (length == 0 || payload.get_data_ptr() == nullptr) return tlm::TLM_GENERIC_ERROR_RESPONSE;
  const BankResponse response =
      command == tlm::TLM_READ_COMMAND
          ? m_bank.read(payload.get_address(), payload.get_data_ptr(), length, debug)
          : m_bank.write(payload.get_address(), payload.get_data_ptr(), length, debug);
  return response == BankResponse::kOk ? tlm::TLM_OK_RESPONSE : tlm::TLM_ADDRESS_ERROR_RESPONSE;
}

void RegisterBankTargetSocket::b_transport(tlm::tlm_generic_payload& payload,
                                           sc_core::sc_time& delay) {
  const tlm::tlm_response_status status = serve(payload, /*debug=*/false);
  payload.set_response_status(status);
  if (status == tlm::TLM_OK_RESPONSE) delay += m_latency;
}

unsigned int RegisterBankTargetSocket::transport_dbg(tlm::tlm_generic_payload& payload) {
  const tlm::tlm_response_status status = serve(payload, /*debug=*/true);
  payload.set_response_status(status);
  return status == tlm::TLM_OK_RESPONSE && payload.get_command() != tlm::TLM_IGNORE_COMMAND
             ? payload.get_data_length()
             : 0;
}

tlm::tlm_sync_enum RegisterBankTargetSocket::nb_transport_fw(tlm::tlm_generic_payload& payload,
                                                             tlm::tlm_phase& phase,
                                                             sc_core::sc_time& delay) {
  // Loosely-timed target: a BEGIN_REQ is served at once and completed in one call.
  if (phase != tlm::BEGIN_REQ) return tlm::TLM_COMPLETED;
  b_transport(payload, delay);
  phase = tlm::BEGIN_RESP;
  return tlm::TLM_COMPLETED;
}

bool RegisterBankTargetSocket::get_direct_mem_ptr(tlm::tlm_generic_payload&, tlm::tlm_dmi& dmi) {
  dmi.allow_none();
  return false;
}

}  // namespace secnic::model
