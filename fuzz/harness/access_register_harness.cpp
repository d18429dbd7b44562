#include "fuzz/harness/access_register_harness.h"

#include <algorithm>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "fuzz/harness/byte_reader.h"
#include "fuzz/harness/checked_firmware.h"
#include "fuzz/harness/quiet_logs.h"

namespace secnic::fuzz {

namespace {

namespace in = access_register_input;

constexpr size_t kCardMailboxSize = 0x340;
constexpr size_t kMaxMailboxSize = 0x1000;

uint16_t decode_opcode(uint8_t kind, ByteReader& input) {
  switch (kind & 0x3) {
    case in::kOpcodeQueryCap:
      return layout::icmd_opcode::kQueryCap;
    case in::kOpcodeRaw:
      return input.u16();
    default:
      return layout::icmd_opcode::kAccessRegister;
  }
}

size_t decode_mailbox_size(uint8_t kind, ByteReader& input) {
  switch (kind & 0xc) {
    case in::kMailboxSize8:
      return input.u8();
    case in::kMailboxSize16:
      return input.u16() % (kMaxMailboxSize + 1);
    default:
      return kCardMailboxSize;
  }
}

}  // namespace

void run_access_register_input(const uint8_t* data, size_t size) {
  static const bool logs_quiet = (quiet_logs(), true);
  (void)logs_quiet;
  ByteReader input(data, size);
  const uint8_t a = input.u8();
  const uint8_t b = input.u8();
  static CheckedFirmware firmware;
  firmware.reset(FirmwareScript::decode(a, b));
  while (!input.exhausted()) {
    const uint8_t kind = input.u8();
    const uint16_t opcode = decode_opcode(kind, input);
    const size_t mailbox_size = decode_mailbox_size(kind, input);
    const std::vector<uint8_t> request = input.bytes(input.u16());
    // Exactly the announced size on the heap: ASan reports any access past it.
    std::vector<uint8_t> mailbox(mailbox_size, 0);
    std::copy_n(request.begin(), std::min(request.size(), mailbox.size()), mailbox.begin());
    firmware.execute(opcode, mailbox.empty() ? nullptr : mailbox.data(), mailbox.size());
  }
}

}  // namespace secnic::fuzz
