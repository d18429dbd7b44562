// The device kinds of this build: the host link's built-ins (null, record, replay) plus the
// simulated card
// (`card:<dir>`) when the card library is part of the build. Shared by the shim and `secnic run`,
// so the command line accepts exactly the kinds the shim can open.
#pragma once

#include "tlm/hostlink/device_registry.h"

namespace secnic::hostshim {

// The process-wide registry, built on first use and never destroyed (it outlives static
// destructors, because a host tool may still use a device from its exit handlers).
const hostlink::DeviceRegistry& device_kinds();

}  // namespace secnic::hostshim
