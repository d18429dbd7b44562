// Runs a program (the real mstflint under `secnic run`, `secnic card ...`) for a campaign: captures
// its combined stdout+stderr, enforces a deadline (the whole process group is killed: a host tool
// that hangs on a vanished card is a finding, never a stuck campaign) and can report progress
// while it runs.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace secnic::campaign {

struct ProcessResult {
  int exit_code = -1;  // exit status, 128+signal when a signal ended it, 127 when it did not start
  bool timed_out = false;
  std::string output;  // stdout and stderr as written
  double seconds = 0;
};

struct ProcessOptions {
  std::chrono::milliseconds timeout{std::chrono::minutes(5)};
  std::vector<std::string> env;  // NAME=VALUE, replacing inherited values of the same name
  // Called about every 200 ms while the program runs.
  std::function<void()> on_tick;
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// Shell-like word splitting of a scenario's command line: whitespace separates words, '...' and
// "..." group (no expansion inside), backslash escapes the next character. Throws
// std::invalid_argument on an unterminated quote.
std::vector<std::string> split_command_line(const std::string& text);

}  // namespace secnic::campaign
