// Harness 2: the access-register TLV dispatch (AccessRegisterDispatch::execute) with arbitrary ICMD
// opcodes and mailboxes of arbitrary size and content, over scripted doubles of the update
// controller, the boot-image status and the NV configuration store (access_register_doubles.h).
//
// Input: two bytes of FirmwareScript, then commands until the input ends. A command is
//   kind (1 byte)   bits 0-1: 0/1 opcode 0x9001, 2 opcode 0x8400, 3 a raw 16-bit opcode follows
//                   bits 2-3: mailbox size 0/3 the card's 0x340, 1 a size byte follows, 2 a 16-bit
//                   size follows (taken modulo 0x1001)
//   length (16 bits) and that many request bytes, copied to the start of a zeroed mailbox (extra
//   bytes are dropped)
// The mailbox is a heap buffer of exactly the announced size, so ASan sees any access past it.
//
// Invariants:
//  - execute never throws; an unknown opcode is INVALID_OPCODE with the mailbox untouched;
//  - a mailbox too small for the command is BAD_PARAM with the mailbox untouched;
//  - an access the TLV checks refuse gets exactly the documented status (access_register_dispatch.h
//    table, re-derived here from the request), touches nothing but the operation TLV's status and
//    response bit, and never reaches the firmware doubles;
//  - an accepted access writes nothing outside the register body it announced, keeps the TLV
//    headers, leaves the body as sent when it fails (unless the register publishes its body on
//    error), and a GET never changes firmware state (no MCC command, MCDA write or NV write).
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::fuzz {

namespace access_register_input {
inline constexpr uint8_t kOpcodeAccessRegister = 0;
inline constexpr uint8_t kOpcodeQueryCap = 2;
inline constexpr uint8_t kOpcodeRaw = 3;
inline constexpr uint8_t kMailboxCard = 0 << 2;
inline constexpr uint8_t kMailboxSize8 = 1 << 2;
inline constexpr uint8_t kMailboxSize16 = 2 << 2;
}  // namespace access_register_input

void run_access_register_input(const uint8_t* data, size_t size);

}  // namespace secnic::fuzz
