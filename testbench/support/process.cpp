#include "testbench/support/process.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace secnic::testing {

ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                          const std::vector<std::string>& extra_env) {
  if (argv.empty()) throw std::invalid_argument("run_process: empty argv");
  campaign::ProcessOptions options;
  options.timeout = timeout;
  options.env = extra_env;
  return campaign::run_process(argv, options);
}

std::string bin_path(const std::string& name) {
  const char* dir = std::getenv("SECNIC_BIN");
  if (!dir) throw std::runtime_error("SECNIC_BIN is not set (run the tests through ctest)");
  return std::string(dir) + "/" + name;
}

TempDir::TempDir(const std::string& prefix) {
  std::string templ = (std::filesystem::temp_directory_path() / (prefix + ".XXXXXX")).string();
  if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  m_path = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

bool have_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string p = path;
  size_t start = 0;
  while (start <= p.size()) {
    const size_t end = p.find(':', start);
    const std::string dir =
        p.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

std::string preload_env(const std::string& library) {
  const char* inherited = std::getenv("LD_PRELOAD");
  if (inherited == nullptr || *inherited == '\0') return "LD_PRELOAD=" + library;
  return "LD_PRELOAD=" + std::string(inherited) + ":" + library;
}

}  // namespace secnic::testing
