// An access-register ICMD request (opcode 0x9001) built as the tools build it — operation TLV, reg
// TLV header, register body (layout::access_tlv) — with every header field open to override, so a
// script can send the malformed requests no tool would: a wrong TLV type or length, an unknown
// register id, another class or method, a body shorter or longer than the register.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace secnic::hostdrv {

struct AccessRegisterRequest {
  uint16_t register_id = 0;
  uint32_t method = 1;     // 1 GET, 2 SET (7 bits on the wire)
  uint32_t reg_class = 1;  // 1 = register access
  std::vector<uint8_t> body;
  // Header fields as sent; nullopt: what a tool sends (types 1 and 3, operation len 4, reg len =
  // body dwords + 1).
  std::optional<uint32_t> operation_tlv_type;
  std::optional<uint32_t> operation_tlv_len;
  std::optional<uint32_t> register_tlv_type;
  std::optional<uint32_t> register_tlv_len;
};

// The request bytes, body padded to whole dwords.
std::vector<uint8_t> build_mailbox(const AccessRegisterRequest& request);

struct AccessRegisterResponse {
  uint32_t status = 0;        // operation TLV status [14:8]
  bool response_bit = false;  // the firmware set r
  std::vector<uint8_t> body;  // the register body as answered
};

// Reads the response out of a mailbox of at least 0x14 + body_size bytes (shorter: what there is).
AccessRegisterResponse parse_mailbox(const std::vector<uint8_t>& mailbox, size_t body_size);

}  // namespace secnic::hostdrv
