// The update state machine's legal moves, as one declared table: (state, instruction) -> who may
// send it, what the firmware does, and the state after success. A pair that is not in the table is
// rejected with register status BAD_PARAM and MCC error_code ERROR, and changes nothing. An action
// that fails (see UpdateFsm) also changes nothing: the reply carries the unchanged state, so a
// re-sent rejected command (the tool re-sends every failed MCC access) is answered identically.
//
// VERIFY and ACTIVATE are passed through inside one synchronous command (the reply already shows
// the state after), and APPLY is never entered on this card: a ConnectX-4 Lx applies an activated
// image at the next boot. The firmware records VERIFY/ACTIVATE in the state while it works so that
// a process killed half way is recovered on the next access (see
// UpdateFsm::recover_interrupted_step).
#pragma once

#include <cstddef>
#include <cstdint>

#include "firmware_model/update/update_controller.h"

namespace secnic::fw {

enum class HandleRule : uint8_t {
  kAnyHandle,    // accepted from anyone (QUERY, LOCK from IDLE, FORCE_HANDLE_RELEASE, ...)
  kOwnerHandle,  // update_handle must equal the owner's
};

enum class FsmAction : uint8_t {
  kReport,       // QUERY: report state, handle, progress
  kLock,         // adopt the sender's handle
  kNothing,      // accepted, no effect (LOCK by the owner, CHECK_UPDATE_HANDLE, RELEASE while IDLE)
  kRelease,      // drop the session and the handle
  kStartUpdate,  // check the component, start the INITIALIZE erase job on the inactive slot
  kVerify,       // read the slot back, verify, then program the FS3 magic
  kActivate,     // append a boot-control journal record naming the new slot
  kStartRead,    // UPLOAD the running image
  kStartReadPending,  // UPLOAD the activated (pending) image
  kCancel,            // stop the job, discard the download, keep the handle
  kForceRelease,      // as kRelease, from anyone, in any state
};

struct FsmRule {
  FsmState state;
  MccInstruction instruction;
  HandleRule handle;
  FsmAction action;
  FsmState next;  // state after success
};

// The table, in the order documented in docs/update_protocol.md.
const FsmRule* fsm_rules_begin();
const FsmRule* fsm_rules_end();
size_t fsm_rule_count();

// The rule for (state, instruction), or nullptr when the pair is not a legal move.
const FsmRule* find_fsm_rule(FsmState state, MccInstruction instruction);

const char* to_string(FsmState state);
const char* to_string(MccInstruction instruction);
const char* to_string(FsmAction action);
const char* to_string(MccError error);

}  // namespace secnic::fw
