// Test support: run a real program (secnic, mstflint, openssl, ...) with arguments, capture its
// combined stdout+stderr and exit status, and kill it (its whole process group) if it outlives a
// deadline — an end-to-end test must fail, never hang. The campaign's process runner does the work.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "tools/campaign/process_runner.h"

namespace secnic::testing {

// exit_code, timed_out and output (stdout and stderr interleaved as written), as the runner
// reports.
using ProcessResult = campaign::ProcessResult;

// `extra_env` entries (NAME=VALUE) replace inherited variables of the same name.
ProcessResult run_process(const std::vector<std::string>& argv,
                          std::chrono::seconds timeout = std::chrono::seconds(120),
                          const std::vector<std::string>& extra_env = {});

// Path of a program built by this project (SECNIC_BIN, set by CTest), e.g. bin_path("secnic").
std::string bin_path(const std::string& name);
// A fresh empty directory under the system temp dir, removed by the returned object's destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "secnic-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }
  std::string file(const std::string& name) const { return m_path + "/" + name; }

 private:
  std::string m_path;
};

// True when the program is on PATH (e.g. mstflint in CI).
bool have_program(const std::string& name);

// "LD_PRELOAD=..." for a program that gets `library` (the host shim) preloaded without `secnic
// run`: the test runner's own preloads (the ASan runtime in the Sanitize build,
// cmake/SecnicDefaults.cmake) stay first, as they must, and `library` follows them.
std::string preload_env(const std::string& library);

}  // namespace secnic::testing
