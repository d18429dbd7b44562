// A TLM-2.0 target socket that serves a RegisterBank: blocking and debug transport, addresses
// relative to the bank. Any sc_module that owns a bank exposes it as a TLM target by holding one of
// these.
//
// Responses: TLM_OK_RESPONSE on success; TLM_ADDRESS_ERROR_RESPONSE when the bank refuses the
// address; TLM_BYTE_ENABLE_ERROR_RESPONSE for byte enables; TLM_BURST_ERROR_RESPONSE for streaming;
// TLM_GENERIC_ERROR_RESPONSE for a zero length or a missing data pointer. Each sets the status
// exactly once. No DMI. Data is in bus (little-endian) order. A successful b_transport adds
// `latency()` to the delay.
#pragma once

#include <systemc>
#include <tlm>

#include "model/regs/register_bank.h"

namespace secnic::model {

class RegisterBankTargetSocket : public tlm::tlm_target_socket<32>,
                                 private tlm::tlm_fw_transport_if<> {
 public:
  RegisterBankTargetSocket(const char* name, RegisterBank& bank,
                           sc_core::sc_time latency = sc_core::SC_ZERO_TIME);

  RegisterBank& bank() { return m_bank; }
  sc_core::sc_time latency() const { return m_latency; }
  void set_latency(sc_core::sc_time latency) { m_latency = latency; }

  const char* kind() const override { return "secnic::model::RegisterBankTargetSocket"; }

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) override;
  unsigned int transport_dbg(tlm::tlm_generic_payload& payload) override;
  tlm::tlm_sync_enum nb_transport_fw(tlm::tlm_generic_payload& payload, tlm::tlm_phase& phase,
                                     sc_core::sc_time& delay) override;
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi) override;

  // Returns the status for the payload; `debug` suppresses side effects.
  tlm::tlm_response_status serve(tlm::tlm_generic_payload& payload, bool debug);

  RegisterBank& m_bank;
  sc_core::sc_time m_latency;
};

}  // namespace secnic::model
