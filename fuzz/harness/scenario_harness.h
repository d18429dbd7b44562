// Harness 4: the scenario-file reader of `secnic campaign` (tools/campaign) on hostile text:
// parse_scenario_text (yaml-cpp behind the nesting limit), then, as the command dispatches on the
// top-level `kind:` (absent: powerfail), parse_powerfail_scenario or parse_attack_case with the
// typed YamlReader accessors, parse_size and parse_duration_us underneath. The shared keys/images/
// card sections are read by ScenarioFixture, whose constructor builds them with real processes:
// that part is not fuzzed here.
//
// Input: the bytes of a scenario file (YAML or JSON), given to the reader as kScenarioFuzzFileName.
//
// Invariants (each violation throws InvariantViolation naming it):
//  - nothing but ScenarioError escapes the reader (no YAML::Exception, no std::out_of_range, ...);
//  - a ScenarioError reads "<file>:<line>: <what>" or "<file>: <what>": it starts with the file
//    name given, a line is a number inside the text (1 .. line breaks + 1), and it says something;
//  - parse_size and parse_duration_us agree with an independent computation (exact decimal
//    arithmetic in 128 bits) on every scalar of a parsed document and on a short input taken as
//    one scalar: a value that fits is returned exactly (durations rounded to the microsecond),
//    nothing that overflows or is not a number is ever returned;
//  - an accepted powerfail scenario has a name usable as its case id and work directory (not
//    empty, one path component: no '/', no NUL, not "." or ".."), a host command line with text,
//    at least one sweep, and counts in range: random sweeps 1..10000000 cuts with at least one
//    mode, every-op sweeps at least one mode, times sweeps a non-zero period or instants, samples
//    (retry, nested, host_check) at most 100000, host_exit 0..255, host_check timeout >= 1 s;
//  - an accepted attack case has a case id of [a-z0-9_], at least one step, forged images with
//    valid, unique names derived from known images, edits in range (mask non-zero, append 1 byte ..
//    8 MiB), exact exit codes 1..255 and power cycles only in setup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace secnic::fuzz {

// The file name the reader gets; every refusal must start with it.
inline constexpr const char* kScenarioFuzzFileName = "fuzzed_scenario.yaml";

// Runs one input. Throws InvariantViolation on a finding.
void run_scenario_input(const uint8_t* data, size_t size);

// The independent computations the harness checks parse_size and parse_duration_us against
// (exposed for the regression tests). nullopt: not a number of that form, or too large.
std::optional<uint64_t> expected_size(const std::string& text);
struct ExpectedDuration {
  bool number = false;  // of the form DIGITS[.DIGITS] or .DIGITS, then s, ms or us
  // The exact value in microseconds is in [floor_us, floor_us + 1); saturated at 2^63.
  uint64_t floor_us = 0;
  bool whole = false;  // the exact value is floor_us
  // The first three decimals of the fraction (0..999), to tell the rounding direction.
  unsigned fraction_milli = 0;
};
ExpectedDuration expected_duration(const std::string& text);

}  // namespace secnic::fuzz
