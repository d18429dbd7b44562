// How a fuzz harness reports a finding. A harness checks invariants of the code under test (parse
// never throws, a rejected access changes no state, ...); a broken one throws InvariantViolation.
// The libFuzzer entry points turn it into a crash report (abort), the GoogleTest replay of corpora
// and reproducers (testbench/fuzz_regressions) into a test failure. Nothing else in a harness may
// throw: an exception escaping the code under test is itself reported as a violation.
#pragma once

#include <stdexcept>
#include <string>

namespace secnic::fuzz {

class InvariantViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] inline void violation(const std::string& what) { throw InvariantViolation(what); }

// Throws InvariantViolation("<what>") unless `holds`. `what` is only evaluated on failure when it
// is a callable returning std::string; a plain string literal costs nothing either way.
inline void require(bool holds, const char* what) {
  if (!holds) violation(what);
}
template <class MakeMessage>
inline auto require(bool holds, MakeMessage&& what) -> decltype(std::string(what()), void()) {
  if (!holds) violation(what());
}

// A finding reported to another area and not fixed yet (logged with its id in
// /work/notes/fuzz_findings.md and docs/fuzzing.md) can be listed in $SECNIC_FUZZ_KNOWN
// (comma-separated ids, e.g. "FZ-1,FZ-3") so that a long fuzzing run goes past it and keeps
// looking for new ones. The regression tests never set it: there an open finding fails.
bool known_finding(const char* id);

}  // namespace secnic::fuzz
