// How one SPI transaction maps onto TLM-2.0.
//
// On the wire, one transaction is one chip-select-low period: an opcode byte, then the address
// bytes and dummy bytes the opcode calls for, then a data phase of any length, driven either by the
// part (MISO: ID, status, array data) or by the controller (MOSI: page-program data). In TLM it is
// one tlm_generic_payload carried by b_transport:
//
//   opcode, address      -> the SpiFrame extension below (the address is the value the controller
//                           shifts out in the address bytes; it must fit in them, 3 bytes here)
//   address/dummy counts -> implied by the opcode (the part's command table); not in the payload
//   data phase           -> the payload's data buffer and length:
//                             TLM_READ_COMMAND   data driven by the part
//                             TLM_WRITE_COMMAND  data driven by the controller
//                             TLM_IGNORE_COMMAND no data phase (length 0), e.g. WREN, SE
//   chip select high     -> the end of b_transport
//
// The payload's address field is not part of the frame (the part ignores it for b_transport). DMI
// and debug transport (transport_dbg) address the array directly: there the payload address is the
// byte offset in the array and no SpiFrame is needed.
//
// Timing: the access starts at sc_time_stamp() + delay (chip select low); the part adds the frame's
// time on the wire (all bytes at its SCK rate) to the delay, so on return the delay is the moment
// chip select went high.
//
// Response status: TLM_OK_RESPONSE for every well-formed frame, including the ones the part ignores
// as real NOR does (unknown opcode, program without WEL, anything but RDSR while busy); data the
// part does not drive reads as 0xFF (the line floats high). TLM_GENERIC_ERROR_RESPONSE means the
// part has no power (is_power_loss()). Other error statuses mean a malformed frame (no SpiFrame,
// address too wide, data direction wrong for the opcode, byte enables or streaming).
#pragma once

#include <cstdint>
#include <tlm>

namespace secnic::model {

// Opcodes of the modelled command set (extended-SPI, single I/O, 3-byte addresses).
namespace spi_opcode {
inline constexpr uint8_t kPageProgram = 0x02;     // PP
inline constexpr uint8_t kRead = 0x03;            // READ
inline constexpr uint8_t kWriteDisable = 0x04;    // WRDI
inline constexpr uint8_t kReadStatus = 0x05;      // RDSR
inline constexpr uint8_t kWriteEnable = 0x06;     // WREN
inline constexpr uint8_t kFastRead = 0x0B;        // FAST_READ (one dummy byte)
inline constexpr uint8_t kSubsectorErase = 0x20;  // SSE, 4 KiB
inline constexpr uint8_t kBulkEraseAlt = 0x60;    // BE, JEDEC alternative opcode
inline constexpr uint8_t kReadId = 0x9F;          // RDID, JEDEC id
inline constexpr uint8_t kBulkErase = 0xC7;       // BE
inline constexpr uint8_t kSectorErase = 0xD8;     // SE, 64 KiB
}  // namespace spi_opcode

// Status register bits (RDSR).
namespace spi_status {
inline constexpr uint8_t kWriteInProgress = 0x01;   // WIP
inline constexpr uint8_t kWriteEnableLatch = 0x02;  // WEL
}  // namespace spi_status

// The command part of one SPI frame.
class SpiFrame : public tlm::tlm_extension<SpiFrame> {
 public:
  uint8_t opcode = 0;
  uint32_t address = 0;

  tlm::tlm_extension_base* clone() const override { return new SpiFrame(*this); }
  void copy_from(const tlm::tlm_extension_base& other) override {
    *this = static_cast<const SpiFrame&>(other);
  }
};

// One frame ready to send: a generic payload with its SpiFrame attached, detached again on
// destruction (the payload must never delete the frame). Not copyable.
class SpiTransfer {
 public:
  explicit SpiTransfer(uint8_t opcode, uint32_t address = 0) {
    m_frame.opcode = opcode;
    m_frame.address = address;
    m_payload.set_extension(&m_frame);
    m_payload.set_command(tlm::TLM_IGNORE_COMMAND);
    m_payload.set_address(address);
    set_data(nullptr, 0);
  }
  ~SpiTransfer() { m_payload.clear_extension(&m_frame); }
  SpiTransfer(const SpiTransfer&) = delete;
  SpiTransfer& operator=(const SpiTransfer&) = delete;

  // Data phase driven by the part, stored into `dst`.
  SpiTransfer& receive(uint8_t* dst, unsigned len) {
    m_payload.set_command(tlm::TLM_READ_COMMAND);
    set_data(dst, len);
    return *this;
  }
  // Data phase driven by the controller, taken from `src` (the part never writes it).
  SpiTransfer& send(const uint8_t* src, unsigned len) {
    m_payload.set_command(tlm::TLM_WRITE_COMMAND);
    set_data(const_cast<uint8_t*>(src), len);
    return *this;
  }

  tlm::tlm_generic_payload& payload() { return m_payload; }
  tlm::tlm_response_status status() const { return m_payload.get_response_status(); }

 private:
  void set_data(uint8_t* data, unsigned len) {
    m_payload.set_data_ptr(data);
    m_payload.set_data_length(len);
    m_payload.set_streaming_width(len);
    m_payload.set_byte_enable_ptr(nullptr);
    m_payload.set_byte_enable_length(0);
    m_payload.set_dmi_allowed(false);
    m_payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  }

  tlm::tlm_generic_payload m_payload;
  SpiFrame m_frame;
};

inline bool is_power_loss(tlm::tlm_response_status s) {
  return s == tlm::TLM_GENERIC_ERROR_RESPONSE;
}

}  // namespace secnic::model
