// A compact program of PCI config-space accesses: what the VSEC/ICMD harness decodes from its
// input. Besides single reads and writes at any offset and size, a program has the steps host
// tools build from them (a VSEC gateway transaction, a whole ICMD command as mtcr sends it, the
// VSEC semaphore dance, a reset), so the fuzzer reaches deep device state in a few bytes while
// every single access is still checked.
//
// Encoding: one op byte, low 3 bits the op, the rest its flags, then its operands (big-endian):
//   0 kRead       size code (bits 3-4), offset u16
//   1 kWrite      size code, offset u16, value u32
//   2 kVsecRead   size code, register u8 (VSEC base + value % 0x18)
//   3 kVsecWrite  size code, register u8, value u32
//   4 kGateway    bit 3 write; space u8, address u32, [value u32]
//   5 kIcmd       bits 3-4 opcode (0/3 0x9001, 1 0x8400, 2 u16 follows); length u16, request
//                 bytes (the mailbox image, in mailbox byte order)
//   6 kSemaphore  bit 3: 0 acquire the VSEC semaphore as mtcr does, 1 release it
//   7 kReset      bit 3: 0 reset the PCIe function, 1 power-cycle the card
// Size codes: 0 one byte, 1 two, 2 four, 3 a size byte follows (any value). Space bytes: bit 7 set
// selects the raw space (bits 0-6), otherwise CR space, ICMD, semaphores or ICMD_EXT by value % 4.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz/harness/byte_reader.h"

namespace secnic::fuzz {

namespace config_program {
enum Op : uint8_t {
  kRead = 0,
  kWrite = 1,
  kVsecRead = 2,
  kVsecWrite = 3,
  kGateway = 4,
  kIcmd = 5,
  kSemaphore = 6,
  kReset = 7,
};
inline constexpr uint32_t kVsecBase = 0xc0;
// mtcr's ICMD semaphore owner value (its pid).
inline constexpr uint32_t kIcmdSemaphoreOwner = 0x4d2;
}  // namespace config_program

// What a program drives: the function's config space and its reset lines.
class ConfigBus {
 public:
  virtual ~ConfigBus() = default;
  virtual bool read(uint32_t offset, unsigned size, uint32_t& value) = 0;
  virtual bool write(uint32_t offset, unsigned size, uint32_t value) = 0;
  virtual void reset(bool power_cycle) = 0;
};

// Decodes and runs the program until the input ends.
void run_config_program(ByteReader& input, ConfigBus& bus);

// Builds programs (seed corpora, regression tests).
class ConfigProgramWriter {
 public:
  void read(uint32_t offset, unsigned size = 4);
  void write(uint32_t offset, uint32_t value, unsigned size = 4);
  void vsec_read(uint32_t reg, unsigned size = 4);
  void vsec_write(uint32_t reg, uint32_t value, unsigned size = 4);
  void gateway_read(uint8_t space, uint32_t address);
  void gateway_write(uint8_t space, uint32_t address, uint32_t value);
  void icmd(uint16_t opcode, const std::vector<uint8_t>& mailbox);
  void acquire_semaphore();
  void release_semaphore();
  void reset(bool power_cycle);

  const std::vector<uint8_t>& bytes() const { return m_bytes; }

 private:
  void op(uint8_t op, uint8_t flags);
  void size_code(uint8_t op, unsigned size);
  void u8(uint8_t v) { m_bytes.push_back(v); }
  void u16(uint16_t v);
  void u32(uint32_t v);
  static uint8_t space_byte(uint8_t space);

  std::vector<uint8_t> m_bytes;
};

}  // namespace secnic::fuzz
