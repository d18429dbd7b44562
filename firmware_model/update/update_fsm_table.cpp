#include "firmware_model/update/update_fsm_table.h"

#include <array>

namespace secnic::fw {
namespace {

using S = FsmState;
using I = MccInstruction;
using H = HandleRule;
using A = FsmAction;

// clang-format off
constexpr std::array kRules{
  //      state           instruction                  handle          action                 next
  FsmRule{S::kIdle,       I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kIdle},
  FsmRule{S::kIdle,       I::kLockUpdateHandle,        H::kAnyHandle,   A::kLock,             S::kLocked},
  FsmRule{S::kIdle,       I::kReleaseUpdateHandle,     H::kAnyHandle,   A::kNothing,          S::kIdle},
  FsmRule{S::kIdle,       I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},

  FsmRule{S::kLocked,     I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kLocked},
  FsmRule{S::kLocked,     I::kLockUpdateHandle,        H::kOwnerHandle, A::kNothing,          S::kLocked},
  FsmRule{S::kLocked,     I::kCheckUpdateHandle,       H::kOwnerHandle, A::kNothing,          S::kLocked},
  FsmRule{S::kLocked,     I::kReleaseUpdateHandle,     H::kOwnerHandle, A::kRelease,          S::kIdle},
  FsmRule{S::kLocked,     I::kUpdateComponent,         H::kOwnerHandle, A::kStartUpdate,      S::kInitialize},
  FsmRule{S::kLocked,     I::kActivate,                H::kOwnerHandle, A::kActivate,         S::kLocked},
  FsmRule{S::kLocked,     I::kActivateComponent,       H::kOwnerHandle, A::kActivate,         S::kLocked},
  FsmRule{S::kLocked,     I::kReadComponent,           H::kOwnerHandle, A::kStartRead,        S::kUpload},
  FsmRule{S::kLocked,     I::kReadPendingComponent,    H::kOwnerHandle, A::kStartReadPending, S::kUpload},
  FsmRule{S::kLocked,     I::kCancel,                  H::kOwnerHandle, A::kCancel,           S::kLocked},
  FsmRule{S::kLocked,     I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},

  FsmRule{S::kInitialize, I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kInitialize},
  FsmRule{S::kInitialize, I::kCheckUpdateHandle,       H::kOwnerHandle, A::kNothing,          S::kInitialize},
  FsmRule{S::kInitialize, I::kCancel,                  H::kOwnerHandle, A::kCancel,           S::kLocked},
  FsmRule{S::kInitialize, I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},

  FsmRule{S::kDownload,   I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kDownload},
  FsmRule{S::kDownload,   I::kCheckUpdateHandle,       H::kOwnerHandle, A::kNothing,          S::kDownload},
  FsmRule{S::kDownload,   I::kVerifyComponent,         H::kOwnerHandle, A::kVerify,           S::kLocked},
  FsmRule{S::kDownload,   I::kCancel,                  H::kOwnerHandle, A::kCancel,           S::kLocked},
  FsmRule{S::kDownload,   I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},

  FsmRule{S::kVerify,     I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kVerify},
  FsmRule{S::kVerify,     I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},
  FsmRule{S::kApply,      I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kApply},
  FsmRule{S::kApply,      I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},
  FsmRule{S::kActivate,   I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kActivate},
  FsmRule{S::kActivate,   I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},

  FsmRule{S::kUpload,     I::kQuery,                   H::kAnyHandle,   A::kReport,           S::kUpload},
  FsmRule{S::kUpload,     I::kCheckUpdateHandle,       H::kOwnerHandle, A::kNothing,          S::kUpload},
  FsmRule{S::kUpload,     I::kReleaseUpdateHandle,     H::kOwnerHandle, A::kRelease,          S::kIdle},
  FsmRule{S::kUpload,     I::kCancel,                  H::kOwnerHandle, A::kCancel,           S::kLocked},
  FsmRule{S::kUpload,     I::kForceHandleRelease,      H::kAnyHandle,   A::kForceRelease,     S::kIdle},
};
// clang-format on

}  // namespace

const FsmRule* fsm_rules_begin() { return kRules.data(); }
const FsmRule* fsm_rules_end() { return kRules.data() + kRules.size(); }
size_t fsm_rule_count() { return kRules.size(); }

const FsmRule* find_fsm_rule(FsmState state, MccInstruction instruction) {
  for (const FsmRule& rule : kRules) {
    if (rule.state == state && rule.instruction == instruction) return &rule;
  }
  return nullptr;
}

const char* to_string(FsmState state) {
  switch (state) {
    case FsmState::kIdle:
      return "IDLE";
    case FsmState::kLocked:
      return "LOCKED";
    case FsmState::kInitialize:
      return "INITIALIZE";
    case FsmState::kDownload:
      return "DOWNLOAD";
    case FsmState::kVerify:
      return "VERIFY";
    case FsmState::kApply:
      return "APPLY";
    case FsmState::kActivate:
      return "ACTIVATE";
    case FsmState::kUpload:
      return "UPLOAD";
    case FsmState::kUploadPending:
      return "UPLOAD_PENDING";
  }
  return "UNKNOWN_STATE";
}

const char* to_string(MccInstruction instruction) {
  switch (instruction) {
    case MccInstruction::kQuery:
      return "QUERY";
    case MccInstruction::kLockUpdateHandle:
      return "LOCK_UPDATE_HANDLE";
    case MccInstruction::kReleaseUpdateHandle:
      return "RELEASE_UPDATE_HANDLE";
    case MccInstruction::kUpdateComponent:
      return "UPDATE_COMPONENT";
    case MccInstruction::kVerifyComponent:
      return "VERIFY_COMPONENT";
    case MccInstruction::kActivateComponent:
      return "ACTIVATE_COMPONENT";
    case MccInstruction::kActivate:
      return "ACTIVATE";
    case MccInstruction::kReadComponent:
      return "READ_COMPONENT";
    case MccInstruction::kCancel:
      return "CANCEL";
    case MccInstruction::kCheckUpdateHandle:
      return "CHECK_UPDATE_HANDLE";
    case MccInstruction::kForceHandleRelease:
      return "FORCE_HANDLE_RELEASE";
    case MccInstruction::kReadPendingComponent:
      return "READ_PENDING_COMPONENT";
  }
  return "UNKNOWN_INSTRUCTION";
}

const char* to_string(FsmAction action) {
  switch (action) {
    case FsmAction::kReport:
      return "report";
    case FsmAction::kLock:
      return "lock";
    case FsmAction::kNothing:
      return "nothing";
    case FsmAction::kRelease:
      return "release";
    case FsmAction::kStartUpdate:
      return "start_update";
    case FsmAction::kVerify:
      return "verify";
    case FsmAction::kActivate:
      return "activate";
    case FsmAction::kStartRead:
      return "start_read";
    case FsmAction::kStartReadPending:
      return "start_read_pending";
    case FsmAction::kCancel:
      return "cancel";
    case FsmAction::kForceRelease:
      return "force_release";
  }
  return "unknown_action";
}

const char* to_string(MccError error) {
  switch (error) {
    case MccError::kOk:
      return "OK";
    case MccError::kError:
      return "ERROR";
    case MccError::kRejectedDigestErr:
      return "REJECTED_DIGEST_ERR";
    case MccError::kRejectedNotApplicable:
      return "REJECTED_NOT_APPLICABLE";
    case MccError::kRejectedUnknownKey:
      return "REJECTED_UNKNOWN_KEY";
    case MccError::kRejectedAuthFailed:
      return "REJECTED_AUTH_FAILED";
    case MccError::kRejectedUnsigned:
      return "REJECTED_UNSIGNED";
    case MccError::kRejectedKeyNotApplicable:
      return "REJECTED_KEY_NOT_APPLICABLE";
    case MccError::kRejectedBadFormat:
      return "REJECTED_BAD_FORMAT";
    case MccError::kBlockedPendingReset:
      return "BLOCKED_PENDING_RESET";
    case MccError::kRejectedNotASecuredFw:
      return "REJECTED_NOT_A_SECURED_FW";
    case MccError::kRejectedMfgBaseMacNotListed:
      return "REJECTED_MFG_BASE_MAC_NOT_LISTED";
    case MccError::kRejectedNoDebugToken:
      return "REJECTED_NO_DEBUG_TOKEN";
    case MccError::kRejectedVersionNumMismatch:
      return "REJECTED_VERSION_NUM_MISMATCH";
    case MccError::kRejectedUserTimestampMismatch:
      return "REJECTED_USER_TIMESTAMP_MISMATCH";
    case MccError::kRejectedForbiddenVersion:
      return "REJECTED_FORBIDDEN_VERSION";
    case MccError::kFlashEraseError:
      return "FLASH_ERASE_ERROR";
    case MccError::kRejectedImageCanNotBootFromPartition:
      return "REJECTED_IMAGE_CAN_NOT_BOOT_FROM_PARTITION";
  }
  return "UNKNOWN_ERROR";
}

}  // namespace secnic::fw
