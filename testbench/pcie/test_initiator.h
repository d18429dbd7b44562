// A TLM initiator for driving a target socket directly in tests.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include <cstdint>
#include <cstring>
#include <systemc>
#include <tlm>
#include <vector>

namespace secnic::testing {

struct TestInitiator : sc_core::sc_module {
  tlm_utils::simple_initiator_socket<TestInitiator> socket;
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;

  explicit TestInitiator(const sc_core::sc_module_name& name) : sc_module(name), socket("socket") {}

  tlm::tlm_response_status transact(tlm::tlm_command command, uint64_t address, uint8_t* data,
                                    unsigned length, bool debug = false,
                                    uint8_t* byte_enables = nullptr, unsigned streaming_width = 0) {
    tlm::tlm_generic_payload payload;
    payload.set_command(command);
    payload.set_address(address);
    payload.set_data_ptr(data);
    payload.set_data_length(length);
    payload.set_streaming_width(streaming_width ? streaming_width : length);
    payload.set_byte_enable_ptr(byte_enables);
    payload.set_byte_enable_length(byte_enables ? length : 0);
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    if (debug) {
      socket->transport_dbg(payload);
    } else {
      socket->b_transport(payload, delay);
    }
    return payload.get_response_status();
  }
  tlm::tlm_response_status read32(uint64_t address, uint32_t& value, bool debug = false) {
    uint8_t bytes[4] = {};
    const auto status = transact(tlm::TLM_READ_COMMAND, address, bytes, 4, debug);
    std::memcpy(&value, bytes, 4);
    return status;
  }
  tlm::tlm_response_status write32(uint64_t address, uint32_t value, bool debug = false) {
    uint8_t bytes[4];
    std::memcpy(bytes, &value, 4);
    return transact(tlm::TLM_WRITE_COMMAND, address, bytes, 4, debug);
  }
};

// Records every transaction it serves; reads return `value`.
struct RecordingTarget : sc_core::sc_module {
  struct Access {
    bool write;
    uint64_t address;
    unsigned length;
    uint32_t value;
  };
  tlm_utils::simple_target_socket<RecordingTarget> socket;
  std::vector<Access> accesses;
  uint32_t value = 0x600d600d;

  explicit RecordingTarget(const sc_core::sc_module_name& name)
      : sc_module(name), socket("socket") {
    socket.register_b_transport(this, &RecordingTarget::b_transport);
    socket.register_transport_dbg(this, &RecordingTarget::transport_dbg);
  }
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time&) { serve(payload); }
  unsigned transport_dbg(tlm::tlm_generic_payload& payload) {
    serve(payload);
    return payload.get_data_length();
  }
  void serve(tlm::tlm_generic_payload& payload) {
    uint32_t data = 0;
    const unsigned n = payload.get_data_length() < 4 ? payload.get_data_length() : 4;
    if (payload.is_write()) std::memcpy(&data, payload.get_data_ptr(), n);
    if (payload.is_read()) std::memcpy(payload.get_data_ptr(), &value, n);
    accesses.push_back(Access{payload.is_write(), payload.get_address(), payload.get_data_length(),
                              payload.is_write() ? data : value});
    payload.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

}  // namespace secnic::testing
