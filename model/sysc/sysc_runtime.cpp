#include "model/sysc/sysc_runtime.h"

#include <cstdlib>

namespace secnic::sysc {

void quiet_systemc() { setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", /*overwrite=*/0); }

namespace {
// Runs at load time, before any static SystemC object of a program or preloaded library is constructed.
__attribute__((constructor(101))) void quiet_at_load() { quiet_systemc(); }
}  // namespace

}  // namespace secnic::sysc

// libsystemc's own main() calls sc_main (declared extern "C" in sc_externs.h); secnic never uses that
// main, but the symbol must exist.
extern "C" int sc_main(int, char**) { return 0; }
