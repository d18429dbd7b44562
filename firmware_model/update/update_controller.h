// The contract between the access-register layer (MCC / MCDA registers, firmware_model/regs) and
// the firmware's component update state machine (UpdateFsm, firmware_model/update). Field meanings
// follow the MCC/MCDA register layouts; see ../shared/reference/update_flow_and_image.md A.4.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace secnic::fw {

// Access-register status returned in the operation TLV.
enum class RegStatus : uint8_t {
  kOk = 0,
  kDevBusy = 1,
  kVersionNotSupported = 2,
  kUnknownTlv = 3,
  kRegNotSupported = 4,
  kClassNotSupported = 5,
  kMethodNotSupported = 6,
  kBadParam = 7,
  kResourceNotAvailable = 8,
  kMsgReceiptAck = 9,
  kInternalError = 0x70,
};

// MCC.control_state
enum class FsmState : uint8_t {
  kIdle = 0,
  kLocked = 1,
  kInitialize = 2,
  kDownload = 3,
  kVerify = 4,
  kApply = 5,
  kActivate = 6,
  kUpload = 7,
  kUploadPending = 8,
};

// MCC.instruction
enum class MccInstruction : uint8_t {
  kQuery = 0,
  kLockUpdateHandle = 1,
  kReleaseUpdateHandle = 2,
  kUpdateComponent = 3,
  kVerifyComponent = 4,
  kActivateComponent = 5,
  kActivate = 6,
  kReadComponent = 7,
  kCancel = 8,
  kCheckUpdateHandle = 9,
  kForceHandleRelease = 0xA,
  kReadPendingComponent = 0xB,
};

// MCC.error_code (the tool decodes it only when the register status is non-zero).
enum class MccError : uint8_t {
  kOk = 0,
  kError = 0x1,
  kRejectedDigestErr = 0x2,
  kRejectedNotApplicable = 0x3,
  kRejectedUnknownKey = 0x4,
  kRejectedAuthFailed = 0x5,
  kRejectedUnsigned = 0x6,
  kRejectedKeyNotApplicable = 0x7,
  kRejectedBadFormat = 0x8,
  kBlockedPendingReset = 0x9,
  kRejectedNotASecuredFw = 0xA,
  kRejectedMfgBaseMacNotListed = 0xB,
  kRejectedNoDebugToken = 0xC,
  kRejectedVersionNumMismatch = 0xD,
  kRejectedUserTimestampMismatch = 0xE,
  kRejectedForbiddenVersion = 0xF,
  kFlashEraseError = 0x10,
  kRejectedImageCanNotBootFromPartition = 0x11,
};

// One MCC access as the host sent it (GET = query, SET = command).
struct MccCommand {
  bool is_set = false;
  MccInstruction instruction = MccInstruction::kQuery;
  uint16_t component_index = 0;
  uint32_t update_handle = 0;  // 24 bits
  uint32_t component_size = 0;
  uint8_t device_type = 0;
  uint16_t device_index = 0;
};

// The register status plus the MCC fields the firmware fills in.
struct MccReply {
  RegStatus status = RegStatus::kOk;
  FsmState control_state = FsmState::kIdle;
  MccError error_code = MccError::kOk;
  uint8_t control_progress = 0;  // 0..100
  uint32_t update_handle = 0;
  uint16_t time_elapsed_since_last_cmd = 0;  // seconds, 12 bits
};

class UpdateController {
 public:
  virtual ~UpdateController() = default;

  virtual MccReply mcc(const MccCommand& cmd) = 0;
  // MCDA SET: `data` is the image byte stream (the register layer has already undone the per-dword
  // swap).
  virtual RegStatus mcda_write(uint32_t update_handle, uint32_t offset, const uint8_t* data,
                               size_t size) = 0;
  // MCDA GET (UPLOAD state): fills `out` with `size` image bytes from `offset`.
  virtual RegStatus mcda_read(uint32_t update_handle, uint32_t offset, size_t size,
                              std::vector<uint8_t>& out) = 0;
};

}  // namespace secnic::fw
