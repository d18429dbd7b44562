// The host side of an access-register ICMD command, built byte for byte the way mstflint builds it
// (operation TLV + reg TLV + register body, device_contract.md §4.4): for tests, benches and
// host-side drivers that talk to AccessRegisterDispatch (or to a whole card) without the real tool.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_model/update/update_controller.h"

namespace secnic::fw {

enum class AccessMethod : uint8_t { kGet = 1, kSet = 2 };

// A mailbox of `mailbox_size` bytes (0x340 on the card) holding a request for register
// `register_id` with `body` as the register body. Throws std::invalid_argument when the request
// does not fit.
std::vector<uint8_t> build_access_register_request(uint16_t register_id, AccessMethod method,
                                                   const std::vector<uint8_t>& body,
                                                   size_t mailbox_size);

// The register status the firmware wrote into the operation TLV (the only TLV field the tool
// reads).
RegStatus access_register_status(const std::vector<uint8_t>& mailbox);
// `body_size` bytes of register body from a response mailbox.
std::vector<uint8_t> access_register_body(const std::vector<uint8_t>& mailbox, size_t body_size);

}  // namespace secnic::fw
