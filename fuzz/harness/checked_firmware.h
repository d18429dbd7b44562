// The card firmware's ICMD side (the real AccessRegisterDispatch over the scripted doubles of
// access_register_doubles.h) wrapped so that every command it runs is checked against the
// access-register invariants (see access_register_harness.h). Used directly by the access-register
// harness and bound to the ICMD controller by the VSEC/ICMD harness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "firmware_model/regs/access_register_dispatch.h"
#include "fuzz/harness/access_register_doubles.h"
#include "model/icmd/icmd_handler.h"

namespace secnic::fuzz {

class CheckedFirmware final : public model::IcmdHandler {
 public:
  explicit CheckedFirmware(const FirmwareScript& script = {});
  CheckedFirmware(const CheckedFirmware&) = delete;
  CheckedFirmware& operator=(const CheckedFirmware&) = delete;
  ~CheckedFirmware() override;

  // A fresh firmware (no NV writes, no calls) answering as `script` says from now on.
  void reset(const FirmwareScript& script);

  // Runs the command on the dispatch and checks the outcome; throws InvariantViolation.
  model::IcmdStatus execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) override;

  const FirmwareCalls& calls() const { return m_calls; }
  uint64_t commands() const { return m_commands; }

 private:
  struct Firmware;
  void check_query_cap(const std::vector<uint8_t>& request, const uint8_t* mailbox, size_t size,
                       model::IcmdStatus status) const;
  void check_access_register(const std::vector<uint8_t>& request, const uint8_t* mailbox,
                             size_t size, model::IcmdStatus status,
                             const FirmwareCalls& before) const;

  FirmwareScript m_script;
  FirmwareCalls m_calls;
  std::unique_ptr<Firmware> m_firmware;
  uint64_t m_commands = 0;
};

}  // namespace secnic::fuzz
