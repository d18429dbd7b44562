// secnic-hostdrv: a host that talks to a ConnectX-4 Lx through PCI config space exactly as a host
// tool does (VSEC gateway, ICMD mailbox, access-register TLVs), but sends whatever a script says —
// including what no real tool would send. Run it against a simulated card under the host shim:
//
//   secnic run --card DIR -- secnic-hostdrv --device 03:00.0 SCRIPT.yaml
//
// Exit codes: 0 every step answered as the script expected; 1 some step did not (listed on
// stdout); 2 bad command line or script; 3 the device could not be driven (no such function, I/O
// error).
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "tools/hostdrv/config_space_file.h"
#include "tools/hostdrv/host_driver_error.h"
#include "tools/hostdrv/host_script.h"
#include "tools/hostdrv/host_script_runner.h"

namespace {

constexpr int kExitAsExpected = 0;
constexpr int kExitUnexpected = 1;
constexpr int kExitUsage = 2;
constexpr int kExitDevice = 3;

void usage(std::ostream& out) {
  out << "usage: secnic-hostdrv [--device BDF] [--check] SCRIPT.yaml\n"
         "  --device BDF  the PCI function to drive (default: the script's `device:`)\n"
         "  --check       parse and check the script only, touch no device\n"
         "  SCRIPT '-' reads the script from stdin\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::string device;
  std::string script_path;
  bool check_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--device" && i + 1 < argc) {
      device = argv[++i];
    } else if (arg == "--check") {
      check_only = true;
    } else if (arg == "-h" || arg == "--help") {
      usage(std::cout);
      return kExitAsExpected;
    } else if (script_path.empty() && (arg == "-" || arg.rfind("-", 0) != 0)) {
      script_path = arg;
    } else {
      std::cerr << "secnic-hostdrv: unexpected argument '" << arg << "'\n";
      usage(std::cerr);
      return kExitUsage;
    }
  }
  if (script_path.empty()) {
    usage(std::cerr);
    return kExitUsage;
  }

  std::string text;
  if (script_path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(script_path);
    if (!in) {
      std::cerr << "secnic-hostdrv: cannot read " << script_path << "\n";
      return kExitUsage;
    }
    text.assign(std::istreambuf_iterator<char>(in), {});
  }

  using namespace secnic::hostdrv;
  try {
    HostScript script = parse_host_script(text, script_path == "-" ? "<stdin>" : script_path);
    if (!device.empty()) script.device = device;
    if (check_only) {
      std::cout << script.origin << ": " << script.steps.size() << " steps, OK\n";
      return kExitAsExpected;
    }
    if (script.device.empty()) {
      std::cerr << "secnic-hostdrv: no device: give --device BDF or `device:` in the script\n";
      return kExitUsage;
    }
    ConfigSpaceFile config(script.device);
    HostScriptRunner runner(config, std::cout);
    const bool expected = runner.run(script);
    std::cout << (expected ? "all steps as expected" : "SOME STEPS UNEXPECTED") << " ("
              << script.steps.size() << " steps, " << config.accesses() << " config accesses)\n";
    return expected ? kExitAsExpected : kExitUnexpected;
  } catch (const ScriptError& e) {
    std::cout.flush();
    std::cerr << "secnic-hostdrv: " << e.what() << "\n";
    return kExitUsage;
  } catch (const HostDriverError& e) {
    std::cout.flush();
    std::cerr << "secnic-hostdrv: " << e.what() << "\n";
    return kExitDevice;
  }
}
