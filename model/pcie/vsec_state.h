// The volatile state of the Mellanox vendor-specific capability (VSEC) gateway. It lives as long as
// the card is powered, across host-tool processes, so the card keeps it in shared memory and hands
// it to the VsecGateway by reference. All-zero bytes are the power-on state (see
// model/regs/state_layout.h).
//
// Layout stability: version kLayoutVersion; the size is stored in the header. Bump the version
// whenever a field changes.
#pragma once

#include <cstdint>
#include <type_traits>

#include "model/regs/state_layout.h"

namespace secnic::model {

struct VsecState {
  static constexpr uint32_t kLayoutVersion = 1;

  StateLayoutHeader layout;
  uint32_t ctrl = 0;       // +0x04: space select [15:0]; status [31:29] as last recomputed
  uint32_t counter = 0;    // +0x08: the last ticket handed out (tickets are never 0)
  uint32_t semaphore = 0;  // +0x0c: 0 = free, otherwise the owner's ticket
  uint32_t address = 0;    // +0x10: address [29:0], syndrome [30], FLAG [31]
  uint32_t data = 0;       // +0x14
};

static_assert(std::is_trivially_copyable_v<VsecState>);
static_assert(std::is_standard_layout_v<VsecState>);

}  // namespace secnic::model
