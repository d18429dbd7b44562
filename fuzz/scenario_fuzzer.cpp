// libFuzzer entry point of fuzz/harness/scenario_harness.h (input format and invariants there).
#include "fuzz/harness/scenario_harness.h"
#include "fuzz/libfuzzer_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return secnic::fuzz::run_or_abort(secnic::fuzz::run_scenario_input, data, size);
}
