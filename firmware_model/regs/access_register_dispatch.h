// The firmware side of the ICMD mailbox: access registers (opcode 0x9001) and ICMD_QUERY_CAP
// (0x8400).
//
// An access-register request is an operation TLV (16 bytes: type 1, len 4, status, register id,
// method GET=1/SET=2, class 1), a reg TLV header (type 3, len = body dwords + 1) and the register
// body, all big-endian (layout::access_tlv). The dispatch validates the TLVs against the mailbox,
// finds the register's declaration and calls it; the register status goes into the operation TLV
// and the ICMD status stays OK. Bad requests get the protocol's own status and a log line
// (firmware_log.h), never an exception:
//
//   first TLV is not an operation TLV, reg TLV type is not 3   UNKNOWN_TLV (3)
//   operation TLV len != 4, reg TLV longer than the mailbox     BAD_PARAM (7)
//   class != 1                                                  CLASS_NOT_SUPP (5)
//   register id not declared                                    REG_NOT_SUPP (4)
//   method other than GET/SET, or not declared for the id      METHOD_NOT_SUPP (6)
//   body shorter / longer than the register                    LEN_TOO_SMALL (0x24) / BAD_PARAM (7)
//
// A rejected request leaves the mailbox as the host wrote it apart from the operation TLV's status
// and response bit, so the tool's re-send of a failed small register (device_contract.md §4.4) is
// answered the same way. Unknown ICMD opcodes get ICMD status INVALID_OPCODE and an untouched
// mailbox.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware_model/regs/access_register.h"
#include "firmware_model/regs/device_profile.h"
#include "firmware_model/regs/image_status.h"
#include "firmware_model/regs/nv_config_store.h"
#include "firmware_model/update/update_controller.h"
#include "model/icmd/icmd_handler.h"

namespace secnic::fw {

class AccessRegisterDispatch final : public model::IcmdHandler {
 public:
  // Declares MCAM, MGIR, MCQS, MCQI, MCC, MCDA, MQIS, MVTS, MNVA, NVQC and NVQGC. `images`,
  // `update` and `nv_config` must outlive the dispatch. Throws std::invalid_argument when `profile`
  // is invalid.
  AccessRegisterDispatch(const DeviceProfile& profile, const ImageStatus& images,
                         UpdateController& update, NvConfigStore& nv_config);
  AccessRegisterDispatch(const AccessRegisterDispatch&) = delete;
  AccessRegisterDispatch& operator=(const AccessRegisterDispatch&) = delete;

  model::IcmdStatus execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) override;

  const AccessRegisterTable& registers() const { return m_registers; }
  const DeviceProfile& profile() const { return m_profile; }

 private:
  model::IcmdStatus access_register(uint8_t* mailbox, size_t mailbox_size);
  model::IcmdStatus query_cap(uint8_t* mailbox, size_t mailbox_size);
  RegStatus dispatch(uint8_t* mailbox, size_t mailbox_size);

  const DeviceProfile m_profile;
  AccessRegisterTable m_registers;
  std::vector<uint8_t> m_body;  // scratch copy of the register body of the access in progress
};

}  // namespace secnic::fw
