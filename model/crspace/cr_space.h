// CR space (VSEC address space 2): the configuration-register space of the ConnectX-4 Lx as the
// host tools reach it through the VSEC gateway. Only what the tools read is declared:
//
//   0xf0014 HW_ID               RO  [15:0] HW device ID (0x20b = ConnectX-4 Lx), [23:16] HW
//   revision 0xb0004 STATIC_CFG          RO  [31] static_cfg_not_done: 0 once the firmware finished
//   its static
//                                   configuration (ICMD refuses commands while it is 1)
//   0xf0400..0xf04ff  flash gateway (command, address, data, cache replacement, semaphore bit 31)
//   restricted 0xe2500..0xe25ff  hardware semaphores (the CR-space ICMD semaphore sem67 at 0xe250c)
//   restricted
//
// Every other address below kSize reads 0 (never 0xbad0cafe, which the tools take for "CR space
// locked") and ignores writes. Restricted ranges:
//  - secure mode (a constructor property): what a secure-firmware card does for the host: reads
//  return 0,
//    writes are dropped and logged as blocked. The flash gateway therefore looks idle and unlocked
//    but inert; a tool that tries it reports "no flash detected" rather than touching the flash.
//  - non-secure mode: accesses are forwarded as TLM transactions (same length) through
//    the `restricted` initiator socket at their CR-space address, where a direct flash gateway
//    model can be bound; while it is unbound (or answers with an error) they behave as in secure
//    mode but are logged as "not modelled".
// Addresses at or above kSize fail with an address error.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <systemc>
#include <tlm>

#include "model/regs/bit_field.h"
#include "model/regs/register_bank.h"
#include "model/regs/register_bank_target_socket.h"

namespace secnic::model {

namespace cr_space {
inline constexpr uint32_t kSize = 0x100000;
inline constexpr uint32_t kHwId = 0xf0014;
inline constexpr uint32_t kStaticConfig = 0xb0004;
inline constexpr BitField kHwIdDevice{0, 16};
inline constexpr BitField kHwIdRevision{16, 8};
inline constexpr BitField kStaticCfgNotDone{31, 1};

struct RestrictedRange {
  const char* name;
  uint32_t begin;
  uint32_t size;
};
inline constexpr RestrictedRange kFlashGateway{"flash_gateway", 0xf0400, 0x100};
inline constexpr RestrictedRange kHwSemaphores{"hw_semaphores", 0xe2500, 0x100};
}  // namespace cr_space

struct CrSpaceConfig {
  bool secure = true;
  uint16_t hw_id = 0x020b;  // ConnectX-4 Lx
  uint8_t hw_revision = 0;  // the tools accept any revision for 0x20b
  bool static_config_done =
      true;  // false reproduces a card whose firmware has not finished booting
};

class CrSpace : public sc_core::sc_module {
 public:
  RegisterBankTargetSocket socket;  // VSEC space 2
  // Non-secure mode only: where accesses to restricted ranges are forwarded, at their CR-space
  // address.
  tlm_utils::simple_initiator_socket_optional<CrSpace> restricted;

  explicit CrSpace(const sc_core::sc_module_name& name, const CrSpaceConfig& config = {});
  CrSpace(const CrSpace&) = delete;
  CrSpace& operator=(const CrSpace&) = delete;

  RegisterBank& registers() { return m_registers; }
  bool secure() const { return m_config.secure; }
  // CR space holds no volatile state of its own: reset() only restores the declared constants.
  void reset() { m_registers.reset(); }

  const char* kind() const override { return "secnic::model::CrSpace"; }

 private:
  void add_restricted(const cr_space::RestrictedRange& range);
  BankResponse restricted_read(const cr_space::RestrictedRange& range, uint32_t offset,
                               uint8_t* data, uint32_t length, bool debug);
  BankResponse restricted_write(const cr_space::RestrictedRange& range, uint32_t offset,
                                const uint8_t* data, uint32_t length, bool debug);

  CrSpaceConfig m_config;
  RegisterBank m_registers;
};

}  // namespace secnic::model
