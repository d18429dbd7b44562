// `secnic run [--card DIR]... [--device BDF=SPEC]... -- COMMAND ARGS...`: runs any host program
// (the unmodified mstflint, mstreg, mstconfig, a shell, ...) with the host shim preloaded, so that
// the simulated cards appear at their PCI addresses. The exit code is the command's (128+n if a
// signal ended it).
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "tlm/hostlink/device_list.h"
#include "tlm/hostlink/device_spec_error.h"
#include "tlm/hostlink/pci_address.h"
#include "tools/hostshim/device_kinds.h"
#include "tools/secnic/command_registry.h"

extern char** environ;

namespace secnic::cli {
namespace {

constexpr const char* kShimLibraryName = "libsecnic_shim.so";
constexpr int kExitCommandNotExecutable = 126;  // shell conventions
constexpr int kExitCommandNotFound = 127;
constexpr int kExitSignalBase = 128;

struct RunOptions {
  std::vector<std::string> cards;
  std::vector<std::string> devices;
  std::vector<std::string> command;
};

// A command-line or card-directory problem, with the exit code it maps to.
struct RunError : std::runtime_error {
  RunError(int code, const std::string& message) : std::runtime_error(message), exit_code(code) {}
  int exit_code;
};

hostlink::DeviceAssignment device_for_card(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(dir, error))
    throw RunError(kExitBadInput, "card directory '" + dir + "' does not exist");
  if (!fs::is_directory(dir, error)) {
    throw RunError(kExitBadInput, "card directory '" + dir + "' is not a directory");
  }
  const fs::path config_path = fs::path(dir) / "card.json";
  std::ifstream config_file(config_path);
  if (!config_file) {
    throw RunError(kExitBadInput,
                   "'" + dir + "' is not a card directory: " + config_path.string() +
                       " is missing (create a card with `secnic card create DIR ...`)");
  }
  const nlohmann::json config =
      nlohmann::json::parse(config_file, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded() || !config.is_object()) {
    throw RunError(kExitBadInput, config_path.string() + ": not a JSON object");
  }
  const auto bdf = config.find("bdf");
  if (bdf == config.end() || !bdf->is_string()) {
    throw RunError(kExitBadInput, config_path.string() + ": no \"bdf\" string");
  }
  hostlink::DeviceAssignment device;
  try {
    device.address = hostlink::PciAddress::parse(bdf->get<std::string>());
  } catch (const hostlink::DeviceSpecError& e) {
    throw RunError(kExitBadInput, config_path.string() + ": " + e.what());
  }
  const std::string absolute = fs::canonical(dir, error).string();
  if (error)
    throw RunError(kExitIoError, "cannot resolve card directory '" + dir + "': " + error.message());
  if (absolute.find(';') != std::string::npos) {
    throw RunError(kExitUsage, "card directory '" + absolute +
                                   "' contains ';', which SECNIC_DEVICES cannot carry");
  }
  device.spec = "card:" + absolute;
  return device;
}

hostlink::DeviceAssignment device_for_option(const std::string& text) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos) {
    throw RunError(kExitUsage,
                   "--device " + text + ": expected BDF=SPEC, e.g. --device 03:00.0=null");
  }
  hostlink::DeviceAssignment device;
  device.spec = text.substr(equals + 1);
  try {
    device.address = hostlink::PciAddress::parse(text.substr(0, equals));
    if (device.spec.empty()) throw hostlink::DeviceSpecError("empty device spec");
    hostshim::device_kinds().check(device.spec);
  } catch (const hostlink::DeviceSpecError& e) {
    throw RunError(kExitUsage, "--device " + text + ": " + e.what());
  }
  return device;
}

std::string device_list(const RunOptions& options) {
  std::vector<hostlink::DeviceAssignment> devices;
  for (const std::string& dir : options.cards) devices.push_back(device_for_card(dir));
  for (const std::string& text : options.devices) devices.push_back(device_for_option(text));
  if (devices.empty())
    throw RunError(kExitUsage, "no device: give --card DIR or --device BDF=SPEC");
  try {
    return hostlink::format_device_list(devices);
  } catch (const hostlink::DeviceSpecError& e) {
    throw RunError(kExitUsage, e.what());
  }
}

// <directory of the secnic binary>/../lib/libsecnic_shim.so
std::string shim_library() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw RunError(kExitIoError, "cannot locate the secnic binary: " + error.message());
  const std::filesystem::path shim = self.parent_path().parent_path() / "lib" / kShimLibraryName;
  if (::access(shim.c_str(), R_OK) != 0) {
    throw RunError(kExitIoError, "the host shim " + shim.string() + " is missing (" +
                                     std::strerror(errno) + "); build the secnic_shim target");
  }
  return shim.string();
}

std::vector<std::string> command_environment(const std::string& shim, const std::string& devices) {
  std::string preload = shim;
  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text = *entry;
    if (text.rfind("LD_PRELOAD=", 0) == 0) {
      const std::string existing = text.substr(std::strlen("LD_PRELOAD="));
      // Keep the user's preloads, after the shim; never load the shim twice.
      if (!existing.empty() && existing.find(shim) == std::string::npos) preload += ":" + existing;
      continue;
    }
    if (text.rfind(std::string(hostlink::kDevicesEnvironmentVariable) + "=", 0) == 0) continue;
    environment.push_back(text);
  }
  environment.push_back("LD_PRELOAD=" + preload);
  environment.push_back(std::string(hostlink::kDevicesEnvironmentVariable) + "=" + devices);
  return environment;
}

pid_t g_child = 0;

void forward_signal(int signal_number) {
  if (g_child > 0) ::kill(g_child, signal_number);
}

int run_command(const std::vector<std::string>& command,
                const std::vector<std::string>& environment) {
  std::vector<char*> argv;
  for (const std::string& argument : command) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const std::string& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);

  // Like system(): while the command runs, the terminal's SIGINT/SIGQUIT are its business; SIGTERM
  // and SIGHUP sent to secnic are passed on to it.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction forward {};
  forward.sa_handler = forward_signal;
  struct sigaction old_int, old_quit, old_term, old_hup;
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGQUIT, &ignore, &old_quit);
  sigaction(SIGTERM, &forward, &old_term);
  sigaction(SIGHUP, &forward, &old_hup);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal_number : {SIGINT, SIGQUIT, SIGTERM, SIGHUP}) sigaddset(&defaults, signal_number);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);

  pid_t child = 0;
  const int spawn_error =
      posix_spawnp(&child, argv[0], nullptr, &attributes, argv.data(), envp.data());
  posix_spawnattr_destroy(&attributes);
  int exit_code = 0;
  if (spawn_error != 0) {
    std::cerr << "secnic run: cannot run '" << command[0] << "': " << std::strerror(spawn_error)
              << "\n";
    exit_code = spawn_error == ENOENT ? kExitCommandNotFound : kExitCommandNotExecutable;
  } else {
    g_child = child;
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    g_child = 0;
    exit_code = WIFSIGNALED(status) ? kExitSignalBase + WTERMSIG(status) : WEXITSTATUS(status);
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGQUIT, &old_quit, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  sigaction(SIGHUP, &old_hup, nullptr);
  return exit_code;
}

int run(const RunOptions& options) {
  try {
    if (options.command.empty())
      throw RunError(kExitUsage, "no command: secnic run ... -- COMMAND ARGS...");
    const std::string devices = device_list(options);
    const std::string shim = shim_library();
    return run_command(options.command, command_environment(shim, devices));
  } catch (const RunError& e) {
    std::cerr << "secnic run: " << e.what() << "\n";
    return e.exit_code;
  }
}

void add_run_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run_app = app.add_subcommand(
      "run", "Run a host command (mstflint, mstreg, mstconfig, ...) against simulated cards");
  run_app
      ->add_option(
          "--card", options->cards,
          "A card directory (secnic card create); the card appears at the bdf of its card.json")
      ->type_name("DIR")
      ->allow_extra_args(false);
  run_app
      ->add_option(
          "--device", options->devices,
          "A simulated function at BDF: null, record:<trace>:<spec>, replay:<trace>, card:<dir>")
      ->type_name("BDF=SPEC")
      ->allow_extra_args(false);
  // After --, every argument is the command's, options included.
  run_app->add_option("command", options->command,
                      "The command to run and its arguments (after --)");
  run_app->footer(
      "Usage: secnic run [--card DIR]... [--device BDF=SPEC]... [--] COMMAND [ARGS...]\n"
      "Example: secnic run --card mycard -- mstflint -d 03:00.0 q\n"
      "The exit code is the command's (128+n if signal n ended it).");
  run_app->callback([&ctx, options] { ctx.exit_code = run(*options); });
}

const CommandArea kRunArea("run", add_run_command);

}  // namespace
}  // namespace secnic::cli
