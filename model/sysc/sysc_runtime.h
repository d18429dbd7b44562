// SystemC in secnic runs inside other programs (the secnic CLI, test binaries, and the host tool's process
// through the preloaded shim), never from SystemC's own main(). Link secnic_sysc to get SystemC plus the
// sc_main definition libsystemc requires, and call quiet_systemc() before the first SystemC object is built so
// the kernel's banner never reaches the host tool's stdout.
#pragma once

namespace secnic::sysc {

// Sets SYSTEMC_DISABLE_COPYRIGHT_MESSAGE unless the user set it. Idempotent.
void quiet_systemc();

}  // namespace secnic::sysc
