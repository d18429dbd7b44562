// The write behaviour shared by the device's ticket semaphores (the VSEC SEMAPHORE register and the
// words of the semaphore space): 0 means free; a nonzero write takes a free semaphore and is
// ignored while it is taken (the would-be owner sees someone else's value on read-back and
// retries); a 0 write releases it. Hardware cannot tell agents apart, so any agent's 0 write
// releases. Use as a Register::WriteHook.
#pragma once

#include <cstdint>

namespace secnic::model {

constexpr uint32_t semaphore_word_write(uint32_t requested, uint32_t current) {
  if (requested == 0) return 0;
  return current == 0 ? requested : current;
}

}  // namespace secnic::model
