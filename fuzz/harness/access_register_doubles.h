// Test doubles behind the access-register dispatch for the fuzz harnesses: what the firmware would
// answer is chosen by the fuzz input (a FirmwareScript), and every call is counted so a harness
// can check which accesses reached the firmware and which changed its state. The doubles also check
// that the register layer bounded the host's sizes before calling them (InvariantViolation).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware_model/regs/image_status.h"
#include "firmware_model/regs/nv_config_store.h"
#include "firmware_model/update/update_controller.h"

namespace secnic::fuzz {

// How the doubles answer, decoded from two input bytes.
struct FirmwareScript {
  bool pending_image = false;
  fw::RegStatus mcc_status = fw::RegStatus::kOk;
  fw::FsmState mcc_state = fw::FsmState::kIdle;
  fw::MccError mcc_error = fw::MccError::kOk;
  fw::RegStatus mcda_status = fw::RegStatus::kOk;
  fw::RegStatus nv_write_status = fw::RegStatus::kOk;

  static FirmwareScript decode(uint8_t a, uint8_t b);
};

// Everything the doubles were asked, split by whether it may change firmware state.
struct FirmwareCalls {
  uint64_t mcc_queries = 0;   // MCC GET
  uint64_t mcc_commands = 0;  // MCC SET (state changing)
  uint64_t mcda_writes = 0;   // state changing
  uint64_t mcda_reads = 0;
  uint64_t nv_reads = 0;
  uint64_t nv_writes = 0;  // state changing
  uint64_t capability_queries = 0;

  uint64_t state_changing() const { return mcc_commands + mcda_writes + nv_writes; }
  uint64_t total() const {
    return mcc_queries + mcc_commands + mcda_writes + mcda_reads + nv_reads + nv_writes +
           capability_queries;
  }
};

class ScriptedImageStatus final : public fw::ImageStatus {
 public:
  explicit ScriptedImageStatus(const FirmwareScript& script) : m_script(script) {}
  fw::BootImageInfo running_image() const override;
  std::optional<fw::BootImageInfo> pending_image() const override;

 private:
  const FirmwareScript& m_script;
};

class ScriptedUpdateController final : public fw::UpdateController {
 public:
  ScriptedUpdateController(const FirmwareScript& script, FirmwareCalls& calls)
      : m_script(script), m_calls(calls) {}

  fw::MccReply mcc(const fw::MccCommand& cmd) override;
  fw::RegStatus mcda_write(uint32_t update_handle, uint32_t offset, const uint8_t* data,
                           size_t size) override;
  fw::RegStatus mcda_read(uint32_t update_handle, uint32_t offset, size_t size,
                          std::vector<uint8_t>& out) override;

 private:
  const FirmwareScript& m_script;
  FirmwareCalls& m_calls;
};

// Knows a few TLV types (base MAC/GUID read-only, one writable) and stores writes in memory.
class ScriptedNvConfigStore final : public fw::NvConfigStore {
 public:
  ScriptedNvConfigStore(const FirmwareScript& script, FirmwareCalls& calls);

  std::optional<fw::NvTlvCapability> capability(uint32_t type) const override;
  std::optional<std::vector<uint8_t>> read(uint32_t type, fw::NvReadKind kind) const override;
  fw::RegStatus write(uint32_t type, const std::vector<uint8_t>& data) override;
  // Forgets every write.
  void reset();

 private:
  const FirmwareScript& m_script;
  FirmwareCalls& m_calls;
  std::vector<uint8_t> m_writable_next;  // the writable TLV's next value
};

}  // namespace secnic::fuzz
