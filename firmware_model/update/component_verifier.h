// What the update FSM asks of image verification at VERIFY_COMPONENT: a verdict on the component
// bytes as they were read back from the target slot. Fs3ComponentVerifier implements it with the
// FS3 image library (structure, PSID/hw-id applicability, signature by a trusted key, forbidden
// versions); tests may use a double.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "firmware_model/update/update_controller.h"
#include "firmware_model/update/update_fsm_state.h"

namespace secnic::fw {

struct ComponentVerdict {
  MccError error = MccError::kOk;  // kOk = accepted; otherwise the MCC error_code the host is told
  std::string reason;              // one line for the log
  // When accepted: version, release date, product version and PSID of the image (size, slot and
  // sha256 are filled in by the FSM).
  ComponentInfo info;
};

class ComponentVerifier {
 public:
  virtual ~ComponentVerifier() = default;
  // `component` is the MCC component exactly as stored in the slot, with its first 16 bytes (the
  // FS3 magic, which the tool masks) erased to 0xFF. Must not throw on any input.
  virtual ComponentVerdict verify(const uint8_t* component, size_t size) = 0;
};

}  // namespace secnic::fw
