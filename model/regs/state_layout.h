// Volatile device state that must survive the end of a host-tool process lives in plain,
// trivially-copyable structs owned by the card (placed in shared memory) and passed by reference to
// the models. Each such struct starts with a StateLayoutHeader so that a model never interprets
// state written by a build with another layout.
//
// Contract for every state struct:
//  - all-zero bytes are a valid "fresh RAM" image: a model seeing a zero header stamps it and
//  resets the
//    contents to their power-on values;
//  - a header with the model's (version, size) is adopted as is: the card kept its state between
//  processes;
//  - anything else is a configuration error (the owner handed over state from another build) and
//  throws.
// The version is bumped whenever a field is added, removed, resized or reinterpreted.
#pragma once

#include <cstdint>

namespace secnic::model {

struct StateLayoutHeader {
  uint32_t version = 0;  // the struct's kLayoutVersion, 0 = never initialised
  uint32_t size = 0;     // sizeof the whole struct
};

// Applies the contract above. Returns true when the header was blank and has just been stamped (the
// caller then resets the contents). Throws std::invalid_argument naming `what` on a foreign layout.
bool adopt_state_layout(StateLayoutHeader& header, uint32_t version, uint32_t size,
                        const char* what);

}  // namespace secnic::model
