// Shared by the libFuzzer entry points: runs one input through a harness and turns a finding (or
// any exception that escaped it) into the crash libFuzzer records, with the violated invariant on
// stderr.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "fuzz/harness/invariant.h"

namespace secnic::fuzz {

using Harness = void (*)(const uint8_t* data, size_t size);

inline int run_or_abort(Harness harness, const uint8_t* data, size_t size) {
  try {
    harness(data, size);
  } catch (const InvariantViolation& e) {
    std::fprintf(stderr, "==secnic-fuzz== INVARIANT VIOLATED: %s\n", e.what());
    std::abort();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "==secnic-fuzz== UNCAUGHT EXCEPTION: %s\n", e.what());
    std::abort();
  }
  return 0;
}

}  // namespace secnic::fuzz
