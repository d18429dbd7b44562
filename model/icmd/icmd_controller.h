// The ICMD controller: the command interface the host tools use for access registers, reached
// through VSEC address space 3. Registers:
//
//   0x000000 CTRL              [0] BUSY/GO, [1] EXMB, [15:8] STATUS (read-only), [31:16] OPCODE
//   0x001000 MAILBOX_SIZE  RO  kMailboxSize (0x340)
//   0x100000 MAILBOX           kMailboxSize bytes. The dword at 0x100000+4k has the big-endian
//   value of
//                              mailbox bytes 4k..4k+3 (mstflint converts each dword with
//                              be32_to_cpu)
//
// Writing CTRL with GO=1 runs the command synchronously: IcmdHandler::execute(opcode, mailbox,
// kMailboxSize) is called, STATUS is set from its result and BUSY is cleared before the write
// returns, so the host's first poll sees the command complete. GO with EXMB=1 (external mailbox in
// host memory, which is not modelled) completes with STATUS 2 (invalid command) without calling the
// handler. Any other address below the mailbox end reads 0 and ignores writes; addresses past it
// fail with an address error.
#pragma once

#include <cstdint>
#include <systemc>

#include "model/icmd/icmd_handler.h"
#include "model/icmd/icmd_state.h"
#include "model/regs/bit_field.h"
#include "model/regs/register_bank.h"
#include "model/regs/register_bank_target_socket.h"

namespace secnic::model {

namespace icmd {
inline constexpr uint32_t kCtrl = 0x0;
inline constexpr uint32_t kMailboxSizeRegister = 0x1000;
inline constexpr uint32_t kMailbox = 0x100000;
inline constexpr BitField kCtrlBusy{0, 1};
inline constexpr BitField kCtrlExmb{1, 1};
inline constexpr BitField kCtrlStatus{8, 8};
inline constexpr BitField kCtrlOpcode{16, 16};

inline constexpr uint16_t kOpcodeAccessRegister = 0x9001;
inline constexpr uint16_t kOpcodeQueryCap = 0x8400;
}  // namespace icmd

class IcmdController : public sc_core::sc_module {
 public:
  RegisterBankTargetSocket socket;  // VSEC space 3

  // Adopts `state` (see state_layout.h). `handler` must outlive the controller.
  IcmdController(const sc_core::sc_module_name& name, IcmdState& state, IcmdHandler& handler);
  IcmdController(const IcmdController&) = delete;
  IcmdController& operator=(const IcmdController&) = delete;

  RegisterBank& registers() { return m_registers; }
  // Power-on: CTRL 0, mailbox zeroed, layout header (re)stamped.
  void reset();

  const char* kind() const override { return "secnic::model::IcmdController"; }

 private:
  uint32_t ctrl_written(uint32_t proposed, uint32_t current);

  IcmdState& m_state;
  IcmdHandler& m_handler;
  RegisterBank m_registers;
};

}  // namespace secnic::model
