#include "model/icmd/semaphore_space.h"

#include <string>

#include "model/regs/semaphore_word.h"

namespace secnic::model {

namespace {

std::string semaphore_name(uint32_t offset) {
  if (offset == semaphore_space::kIcmdSemaphore) return "ICMD_SEMAPHORE";
  if (offset == semaphore_space::kFlashSemaphore) return "FLASH_SEMAPHORE";
  return "SEMAPHORE_" + std::to_string(offset / 4);
}

}  // namespace

SemaphoreSpace::SemaphoreSpace(const sc_core::sc_module_name& name, SemaphoreSpaceState& state)
    : sc_core::sc_module(name),
      socket("socket", m_registers),
      m_state(state),
      m_registers(std::string(this->name()), semaphore_space::kSize,
                  UnmappedAccess::kAddressError) {
  for (uint32_t i = 0; i < semaphore_space::kWords; ++i) {
    m_registers.add_register(semaphore_name(4 * i), 4 * i, 4)
        .storage(state.words[i])
        .on_write(semaphore_word_write);
  }
  if (adopt_state_layout(state.layout, SemaphoreSpaceState::kLayoutVersion,
                         sizeof(SemaphoreSpaceState), this->name())) {
    reset();
  }
}

void SemaphoreSpace::reset() {
  m_state.layout =
      StateLayoutHeader{SemaphoreSpaceState::kLayoutVersion, sizeof(SemaphoreSpaceState)};
  m_registers.reset();
}

}  // namespace secnic::model
