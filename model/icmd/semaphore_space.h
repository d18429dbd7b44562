// The semaphore space (VSEC address space 0xa): kWords 32-bit hardware semaphores shared by every
// agent that talks to the device. A word reads 0 when free; writing a nonzero value (mstflint
// writes its pid) takes a free word and is ignored while the word is taken; writing 0 releases it.
// The owner checks the read-back. mstflint uses 0x0 for the ICMD interface and 0x10 for flash
// programming. Addresses past the last word fail with an address error.
#pragma once

#include <cstdint>
#include <systemc>

#include "model/icmd/icmd_state.h"
#include "model/regs/register_bank.h"
#include "model/regs/register_bank_target_socket.h"

namespace secnic::model {

namespace semaphore_space {
inline constexpr uint32_t kIcmdSemaphore = 0x0;
inline constexpr uint32_t kFlashSemaphore = 0x10;
inline constexpr uint32_t kSize = kWords * 4;
}  // namespace semaphore_space

class SemaphoreSpace : public sc_core::sc_module {
 public:
  RegisterBankTargetSocket socket;  // VSEC space 0xa

  // Adopts `state` (see state_layout.h).
  SemaphoreSpace(const sc_core::sc_module_name& name, SemaphoreSpaceState& state);
  SemaphoreSpace(const SemaphoreSpace&) = delete;
  SemaphoreSpace& operator=(const SemaphoreSpace&) = delete;

  RegisterBank& registers() { return m_registers; }
  // Power-on: every semaphore free, layout header (re)stamped.
  void reset();

  const char* kind() const override { return "secnic::model::SemaphoreSpace"; }

 private:
  SemaphoreSpaceState& m_state;
  RegisterBank m_registers;
};

}  // namespace secnic::model
