#include "firmware_model/update/update_fsm_state.h"

namespace secnic::fw {

uint32_t offered_update_handle(uint32_t generation) {
  const uint32_t handle = (0x5EC1C0u + generation * 0x9E3779B1u) & 0xFFFFFFu;
  return handle != 0 ? handle : 1;
}

void power_on_update_fsm_state(UpdateFsmState& state, const ComponentInfo& running) {
  state = UpdateFsmState{};
  state.layout_version = UpdateFsmState::kLayoutVersion;
  state.struct_size = sizeof(UpdateFsmState);
  state.running = running;
  state.control_state = FsmState::kIdle;
  state.latched_error = MccError::kOk;
  state.handle = offered_update_handle(0);
}

bool is_initialised(const UpdateFsmState& state) {
  return state.layout_version == UpdateFsmState::kLayoutVersion &&
         state.struct_size == sizeof(UpdateFsmState);
}

}  // namespace secnic::fw
