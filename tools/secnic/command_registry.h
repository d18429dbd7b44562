// The secnic CLI is one CLI11 app; each area (image, card, run, bench, campaign) adds its subcommands from
// its own *_command.cpp through a static CommandArea object, so the areas stay independent files.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace secnic::cli {

// Shared by all commands of one invocation. A command's callback stores its process exit code here.
struct Context {
  int exit_code = 0;
};

using AddCommands = std::function<void(CLI::App& app, Context& ctx)>;

struct CommandArea {
  CommandArea(std::string name, AddCommands add);
};

// All areas registered in this binary, in name order.
const std::vector<std::pair<std::string, AddCommands>>& command_areas();

// Exit codes shared by all commands.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,     // the operation ran and failed (verification failed, tool failed, ...)
  kExitUsage = 2,       // bad command line
  kExitBadInput = 3,    // malformed input file (image, scenario, card directory)
  kExitIoError = 4,     // file could not be read or written
};

}  // namespace secnic::cli
