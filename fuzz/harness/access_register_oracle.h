// What AccessRegisterDispatch must answer to an access-register request before any register code
// runs, re-derived from the request bytes and the documented checks (access_register_dispatch.h):
// the independent reference the harnesses compare the dispatch against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "firmware_model/regs/access_register.h"

namespace secnic::fuzz {

struct TlvVerdict {
  // Set when the TLV checks refuse the request: the status the operation TLV must carry.
  std::optional<fw::RegStatus> refusal;
  // Otherwise: the register and method the request reaches, and its body length in bytes.
  const fw::AccessRegister* reg = nullptr;
  bool is_get = false;
  size_t body_size = 0;
};

// `mailbox` holds at least the operation TLV and the reg TLV header (0x14 bytes).
TlvVerdict judge_access_register_request(const fw::AccessRegisterTable& registers,
                                         const uint8_t* mailbox, size_t mailbox_size);

}  // namespace secnic::fuzz
