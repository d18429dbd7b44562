#include "fuzz/harness/config_program.h"

#include <algorithm>

#include "firmware_model/layout/be_field.h"
#include "model/crspace/cr_space.h"
#include "model/icmd/icmd_controller.h"
#include "model/icmd/semaphore_space.h"
#include "model/pcie/vsec_gateway.h"

namespace secnic::fuzz {

namespace {

using namespace config_program;
using model::VsecSpace;

constexpr uint8_t kSpaces[4] = {
    static_cast<uint8_t>(VsecSpace::kCrSpace), static_cast<uint8_t>(VsecSpace::kIcmd),
    static_cast<uint8_t>(VsecSpace::kSemaphore), static_cast<uint8_t>(VsecSpace::kIcmdExt)};
constexpr uint8_t kRawSpace = 0x80;
constexpr uint32_t kAddressMask = 0x7fffffff;  // FLAG is the op's, the rest comes from the input
constexpr uint32_t kFlag = 1u << 31;
// A few dwords past the card's mailbox, so that programs also reach its end.
constexpr size_t kMaxIcmdDwords = (model::icmd::kMailboxSize + 0x10) / 4;

uint32_t vsec(uint32_t reg) { return kVsecBase + reg; }

unsigned decode_size(uint8_t op, ByteReader& input) {
  switch ((op >> 3) & 0x3) {
    case 0:
      return 1;
    case 1:
      return 2;
    case 2:
      return 4;
    default:
      return input.u8();
  }
}

uint8_t decode_space(uint8_t b) { return (b & kRawSpace) ? (b & 0x7f) : kSpaces[b % 4]; }

// The steps of mtcr's gateway access (device_contract.md 2.3) without the semaphore around them.
// Like mtcr's block transfers, a Gateway selects a space once and keeps it while it stays the same.
class Gateway {
 public:
  explicit Gateway(ConfigBus& bus) : m_bus(bus) {}

  void select(uint8_t space) {
    if (m_selected == space) return;
    uint32_t ctrl = 0;
    m_bus.read(vsec(model::vsec::kCtrl), 4, ctrl);
    m_bus.write(vsec(model::vsec::kCtrl), 4, (ctrl & 0xffff0000u) | space);
    m_selected = space;
  }
  uint32_t read(uint8_t space, uint32_t address) {
    select(space);
    uint32_t value = 0;
    m_bus.write(vsec(model::vsec::kAddress), 4, address & kAddressMask & ~kFlag);
    m_bus.read(vsec(model::vsec::kAddress), 4, value);
    m_bus.read(vsec(model::vsec::kData), 4, value);
    return value;
  }
  void write(uint8_t space, uint32_t address, uint32_t value) {
    select(space);
    uint32_t flag = 0;
    m_bus.write(vsec(model::vsec::kData), 4, value);
    m_bus.write(vsec(model::vsec::kAddress), 4, (address & kAddressMask) | kFlag);
    m_bus.read(vsec(model::vsec::kAddress), 4, flag);
  }

 private:
  ConfigBus& m_bus;
  int m_selected = -1;
};

// icmd_send_command_com as mtcr runs it (device_contract.md 4.3).
void run_icmd(ConfigBus& bus, uint16_t opcode, const std::vector<uint8_t>& request) {
  const auto icmd = static_cast<uint8_t>(VsecSpace::kIcmd);
  const auto semaphores = static_cast<uint8_t>(VsecSpace::kSemaphore);
  Gateway gw(bus);
  gw.read(static_cast<uint8_t>(VsecSpace::kCrSpace), model::cr_space::kStaticConfig);
  gw.write(semaphores, model::semaphore_space::kIcmdSemaphore, kIcmdSemaphoreOwner);
  gw.read(semaphores, model::semaphore_space::kIcmdSemaphore);
  uint32_t ctrl = gw.read(icmd, model::icmd::kCtrl);
  ctrl = model::icmd::kCtrlOpcode.set(ctrl, opcode);
  ctrl = model::icmd::kCtrlExmb.set(ctrl, 0);
  gw.write(icmd, model::icmd::kCtrl, ctrl);
  const size_t dwords = std::min((request.size() + 3) / 4, kMaxIcmdDwords);
  for (size_t i = 0; i < dwords; ++i) {
    uint8_t word[4] = {0, 0, 0, 0};
    for (size_t b = 0; b < 4 && 4 * i + b < request.size(); ++b) word[b] = request[4 * i + b];
    gw.write(icmd, model::icmd::kMailbox + 4 * static_cast<uint32_t>(i), layout::load_be32(word));
  }
  ctrl = gw.read(icmd, model::icmd::kCtrl);
  gw.write(icmd, model::icmd::kCtrl, model::icmd::kCtrlBusy.set(ctrl, 1));
  gw.read(icmd, model::icmd::kCtrl);
  for (size_t i = 0; i < dwords; ++i) {
    gw.read(icmd, model::icmd::kMailbox + 4 * static_cast<uint32_t>(i));
  }
  gw.write(semaphores, model::semaphore_space::kIcmdSemaphore, 0);
}

// mtcr's VSEC semaphore acquire (one attempt): read, ticket, write, read back.
void acquire_semaphore(ConfigBus& bus) {
  uint32_t value = 0;
  uint32_t ticket = 0;
  bus.read(vsec(model::vsec::kSemaphore), 4, value);
  bus.read(vsec(model::vsec::kCounter), 4, ticket);
  bus.write(vsec(model::vsec::kSemaphore), 4, ticket);
  bus.read(vsec(model::vsec::kSemaphore), 4, value);
}

}  // namespace

void run_config_program(ByteReader& input, ConfigBus& bus) {
  while (!input.exhausted()) {
    const uint8_t op = input.u8();
    const bool flag = (op & 0x08) != 0;
    switch (static_cast<Op>(op & 0x7)) {
      case kRead: {
        const unsigned size = decode_size(op, input);
        uint32_t value = 0;
        bus.read(input.u16(), size, value);
        break;
      }
      case kWrite: {
        const unsigned size = decode_size(op, input);
        const uint16_t offset = input.u16();
        bus.write(offset, size, input.u32());
        break;
      }
      case kVsecRead: {
        const unsigned size = decode_size(op, input);
        uint32_t value = 0;
        bus.read(vsec(input.u8() % model::vsec::kLength), size, value);
        break;
      }
      case kVsecWrite: {
        const unsigned size = decode_size(op, input);
        const uint32_t reg = input.u8() % model::vsec::kLength;
        bus.write(vsec(reg), size, input.u32());
        break;
      }
      case kGateway: {
        const uint8_t space = decode_space(input.u8());
        const uint32_t address = input.u32();
        if (flag) {
          Gateway(bus).write(space, address, input.u32());
        } else {
          Gateway(bus).read(space, address);
        }
        break;
      }
      case kIcmd: {
        const uint8_t selector = (op >> 3) & 0x3;
        const uint16_t opcode = selector == 1   ? model::icmd::kOpcodeQueryCap
                                : selector == 2 ? input.u16()
                                                : model::icmd::kOpcodeAccessRegister;
        const std::vector<uint8_t> request = input.bytes(input.u16());
        run_icmd(bus, opcode, request);
        break;
      }
      case kSemaphore:
        if (flag) {
          bus.write(vsec(model::vsec::kSemaphore), 4, 0);
        } else {
          acquire_semaphore(bus);
        }
        break;
      case kReset:
        bus.reset(flag);
        break;
    }
  }
}

void ConfigProgramWriter::op(uint8_t op, uint8_t flags) { u8(static_cast<uint8_t>(op | flags)); }

void ConfigProgramWriter::size_code(uint8_t op_code, unsigned size) {
  switch (size) {
    case 1:
      op(op_code, 0 << 3);
      break;
    case 2:
      op(op_code, 1 << 3);
      break;
    case 4:
      op(op_code, 2 << 3);
      break;
    default:
      op(op_code, 3 << 3);
      u8(static_cast<uint8_t>(size));
      break;
  }
}

void ConfigProgramWriter::u16(uint16_t v) {
  u8(static_cast<uint8_t>(v >> 8));
  u8(static_cast<uint8_t>(v));
}

void ConfigProgramWriter::u32(uint32_t v) {
  u16(static_cast<uint16_t>(v >> 16));
  u16(static_cast<uint16_t>(v));
}

uint8_t ConfigProgramWriter::space_byte(uint8_t space) {
  for (uint8_t i = 0; i < 4; ++i) {
    if (kSpaces[i] == space) return i;
  }
  return static_cast<uint8_t>(kRawSpace | (space & 0x7f));
}

void ConfigProgramWriter::read(uint32_t offset, unsigned size) {
  size_code(kRead, size);
  u16(static_cast<uint16_t>(offset));
}

void ConfigProgramWriter::write(uint32_t offset, uint32_t value, unsigned size) {
  size_code(kWrite, size);
  u16(static_cast<uint16_t>(offset));
  u32(value);
}

void ConfigProgramWriter::vsec_read(uint32_t reg, unsigned size) {
  size_code(kVsecRead, size);
  u8(static_cast<uint8_t>(reg));
}

void ConfigProgramWriter::vsec_write(uint32_t reg, uint32_t value, unsigned size) {
  size_code(kVsecWrite, size);
  u8(static_cast<uint8_t>(reg));
  u32(value);
}

void ConfigProgramWriter::gateway_read(uint8_t space, uint32_t address) {
  op(kGateway, 0);
  u8(space_byte(space));
  u32(address);
}

void ConfigProgramWriter::gateway_write(uint8_t space, uint32_t address, uint32_t value) {
  op(kGateway, 0x08);
  u8(space_byte(space));
  u32(address);
  u32(value);
}

void ConfigProgramWriter::icmd(uint16_t opcode, const std::vector<uint8_t>& mailbox) {
  if (opcode == model::icmd::kOpcodeAccessRegister) {
    op(kIcmd, 0 << 3);
  } else if (opcode == model::icmd::kOpcodeQueryCap) {
    op(kIcmd, 1 << 3);
  } else {
    op(kIcmd, 2 << 3);
    u16(opcode);
  }
  const size_t n = std::min<size_t>(mailbox.size(), 0xffff);
  u16(static_cast<uint16_t>(n));
  m_bytes.insert(m_bytes.end(), mailbox.begin(), mailbox.begin() + n);
}

void ConfigProgramWriter::acquire_semaphore() { op(kSemaphore, 0); }
void ConfigProgramWriter::release_semaphore() { op(kSemaphore, 0x08); }
void ConfigProgramWriter::reset(bool power_cycle) { op(kReset, power_cycle ? 0x08 : 0); }

}  // namespace secnic::fuzz
