// The volatile state of the ICMD interface: the control word and the mailbox (VSEC space 3) and the
// semaphore space (VSEC space 0xa). It lives as long as the card is powered, across host-tool
// processes, so the card keeps these structs in shared memory and hands them to IcmdController and
// SemaphoreSpace by reference. All-zero bytes are the power-on state (see
// model/regs/state_layout.h).
//
// Layout stability: each struct has its own kLayoutVersion; the size is stored in the header. Bump
// the version whenever a field changes.
#pragma once

#include <cstdint>
#include <type_traits>

#include "model/regs/state_layout.h"

namespace secnic::model {

namespace icmd {
inline constexpr uint32_t kMailboxSize =
    0x340;  // bytes; what the max-mailbox-size register reports
}  // namespace icmd

struct IcmdState {
  static constexpr uint32_t kLayoutVersion = 1;

  StateLayoutHeader layout;
  uint32_t ctrl = 0;  // BUSY [0], EXMB [1], STATUS [15:8], OPCODE [31:16]
  uint8_t mailbox[icmd::kMailboxSize] =
      {};  // in command order: byte 0 is the first byte of the request
};

namespace semaphore_space {
inline constexpr uint32_t kWords = 64;  // 32-bit semaphores at 0x0, 0x4, ... 0xfc
}  // namespace semaphore_space

struct SemaphoreSpaceState {
  static constexpr uint32_t kLayoutVersion = 1;

  StateLayoutHeader layout;
  uint32_t words[semaphore_space::kWords] = {};  // 0 = free, otherwise the owner's value
};

static_assert(std::is_trivially_copyable_v<IcmdState>);
static_assert(std::is_standard_layout_v<IcmdState>);
static_assert(std::is_trivially_copyable_v<SemaphoreSpaceState>);
static_assert(std::is_standard_layout_v<SemaphoreSpaceState>);

}  // namespace secnic::model
