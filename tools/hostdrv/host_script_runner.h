// Runs a HostScript against one PCI function, printing one line per step: what was sent, what the
// device answered, and whether that is what the script expected.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tools/hostdrv/config_space_file.h"
#include "tools/hostdrv/host_script.h"
#include "tools/hostdrv/icmd_client.h"
#include "tools/hostdrv/vsec_gateway_client.h"

namespace secnic::hostdrv {

// One observed value of a step, with the table that names it (for printing and comparing).
struct Observation {
  std::string key;
  uint64_t value = 0;
  std::optional<NameTable> names;
  bool boolean = false;
};

struct StepReport {
  std::string summary;  // "mcc LOCK_UPDATE_HANDLE handle=0xb2b2b2"
  std::vector<Observation> observations;
  std::vector<std::string> mismatches;  // "status: expected 0x0 OK, got 0x7 BAD_PARAM"
};

class HostScriptRunner {
 public:
  HostScriptRunner(ConfigSpaceFile& config, std::ostream& out);

  // Runs the steps in order; true when every expectation held. Throws ScriptError for a value that
  // cannot be resolved at run time, HostDriverError when the device cannot be driven.
  bool run(const HostScript& script);

 private:
  StepReport run_step(const ScriptStep& step);

  uint64_t number(const ScriptStep& step, const std::string& key, uint64_t fallback,
                  std::optional<NameTable> names = std::nullopt) const;
  bool flag(const ScriptStep& step, const std::string& key, bool fallback) const;
  const std::vector<uint8_t>& file_bytes(const ScriptStep& step, const std::string& path);

  struct MccAnswer {
    uint32_t status = 0;
    uint32_t control_state = 0;
    uint32_t error_code = 0;
    uint32_t update_handle = 0;
    uint32_t control_progress = 0;
    uint32_t icmd_status = 0;
  };
  MccAnswer mcc(uint32_t instruction, uint32_t handle, uint32_t component_size,
                uint32_t component_index, bool is_set);
  uint32_t mcda_write(uint32_t handle, uint32_t offset, uint32_t size, const uint8_t* data,
                      size_t available);
  uint32_t mcda_read(uint32_t handle, uint32_t offset, uint32_t size);

  StepReport gateway_step(const ScriptStep& step, bool is_write);
  StepReport register_step(const ScriptStep& step);
  StepReport download_step(const ScriptStep& step);
  StepReport burn_step(const ScriptStep& step);

  ConfigSpaceFile& m_config;
  VsecGatewayClient m_gateway;
  IcmdClient m_icmd;
  std::ostream& m_out;
  bool m_holding_semaphore = false;
  std::vector<std::pair<std::string, uint64_t>> m_variables;
  std::map<std::string, std::vector<uint8_t>> m_files;
};

}  // namespace secnic::hostdrv
