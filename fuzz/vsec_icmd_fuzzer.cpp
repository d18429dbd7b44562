// libFuzzer entry point of fuzz/harness/vsec_icmd_harness.h (input format and invariants there).
#include "fuzz/harness/vsec_icmd_harness.h"
#include "fuzz/libfuzzer_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return secnic::fuzz::run_or_abort(secnic::fuzz::run_vsec_icmd_input, data, size);
}
