// secnic: one CLI for images, simulated cards, running host tools against them, campaigns and benchmarks.
#include <exception>
#include <iostream>

#include "tools/secnic/command_registry.h"

int main(int argc, char** argv) {
  secnic::cli::Context ctx;
  CLI::App app{"secnic: a simulated secure ConnectX-4 Lx that the unmodified mstflint drives"};
  app.set_version_flag("--version", std::string("secnic ") + SECNIC_VERSION);
  app.require_subcommand(1);
  for (const auto& [name, add] : secnic::cli::command_areas()) add(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : secnic::cli::kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "secnic: error: " << e.what() << "\n";
    return secnic::cli::kExitFailure;
  }
  return ctx.exit_code;
}
