#include "tools/hostdrv/protocol_names.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>

#include "firmware_model/update/update_controller.h"
#include "model/icmd/icmd_handler.h"
#include "tools/hostdrv/device_interface.h"

namespace secnic::hostdrv {
namespace {

struct Name {
  uint32_t value;
  const char* name;
};

template <class E>
constexpr uint32_t v(E e) {
  return static_cast<uint32_t>(e);
}

using fw::FsmState;
using fw::MccError;
using fw::MccInstruction;
using fw::RegStatus;
using model::IcmdStatus;

// The access-register status the firmware reports for a body shorter than the register.
constexpr uint32_t kLenTooSmall = 0x24;

constexpr Name kRegisterStatus[] = {
    {v(RegStatus::kOk), "OK"},
    {v(RegStatus::kDevBusy), "DEV_BUSY"},
    {v(RegStatus::kVersionNotSupported), "VERSION_NOT_SUPPORTED"},
    {v(RegStatus::kUnknownTlv), "UNKNOWN_TLV"},
    {v(RegStatus::kRegNotSupported), "REG_NOT_SUPPORTED"},
    {v(RegStatus::kClassNotSupported), "CLASS_NOT_SUPPORTED"},
    {v(RegStatus::kMethodNotSupported), "METHOD_NOT_SUPPORTED"},
    {v(RegStatus::kBadParam), "BAD_PARAM"},
    {v(RegStatus::kResourceNotAvailable), "RESOURCE_NOT_AVAILABLE"},
    {v(RegStatus::kMsgReceiptAck), "MSG_RECEIPT_ACK"},
    {kLenTooSmall, "LEN_TOO_SMALL"},
    {v(RegStatus::kInternalError), "INTERNAL_ERROR"},
};

constexpr Name kMccInstruction[] = {
    {v(MccInstruction::kQuery), "QUERY"},
    {v(MccInstruction::kLockUpdateHandle), "LOCK_UPDATE_HANDLE"},
    {v(MccInstruction::kReleaseUpdateHandle), "RELEASE_UPDATE_HANDLE"},
    {v(MccInstruction::kUpdateComponent), "UPDATE_COMPONENT"},
    {v(MccInstruction::kVerifyComponent), "VERIFY_COMPONENT"},
    {v(MccInstruction::kActivateComponent), "ACTIVATE_COMPONENT"},
    {v(MccInstruction::kActivate), "ACTIVATE"},
    {v(MccInstruction::kReadComponent), "READ_COMPONENT"},
    {v(MccInstruction::kCancel), "CANCEL"},
    {v(MccInstruction::kCheckUpdateHandle), "CHECK_UPDATE_HANDLE"},
    {v(MccInstruction::kForceHandleRelease), "FORCE_HANDLE_RELEASE"},
    {v(MccInstruction::kReadPendingComponent), "READ_PENDING_COMPONENT"},
};

constexpr Name kFsmState[] = {
    {v(FsmState::kIdle), "IDLE"},
    {v(FsmState::kLocked), "LOCKED"},
    {v(FsmState::kInitialize), "INITIALIZE"},
    {v(FsmState::kDownload), "DOWNLOAD"},
    {v(FsmState::kVerify), "VERIFY"},
    {v(FsmState::kApply), "APPLY"},
    {v(FsmState::kActivate), "ACTIVATE"},
    {v(FsmState::kUpload), "UPLOAD"},
    {v(FsmState::kUploadPending), "UPLOAD_PENDING"},
};

constexpr Name kMccError[] = {
    {v(MccError::kOk), "OK"},
    {v(MccError::kError), "ERROR"},
    {v(MccError::kRejectedDigestErr), "REJECTED_DIGEST_ERR"},
    {v(MccError::kRejectedNotApplicable), "REJECTED_NOT_APPLICABLE"},
    {v(MccError::kRejectedUnknownKey), "REJECTED_UNKNOWN_KEY"},
    {v(MccError::kRejectedAuthFailed), "REJECTED_AUTH_FAILED"},
    {v(MccError::kRejectedUnsigned), "REJECTED_UNSIGNED"},
    {v(MccError::kRejectedKeyNotApplicable), "REJECTED_KEY_NOT_APPLICABLE"},
    {v(MccError::kRejectedBadFormat), "REJECTED_BAD_FORMAT"},
    {v(MccError::kBlockedPendingReset), "BLOCKED_PENDING_RESET"},
    {v(MccError::kRejectedNotASecuredFw), "REJECTED_NOT_A_SECURED_FW"},
    {v(MccError::kRejectedMfgBaseMacNotListed), "REJECTED_MFG_BASE_MAC_NOT_LISTED"},
    {v(MccError::kRejectedNoDebugToken), "REJECTED_NO_DEBUG_TOKEN"},
    {v(MccError::kRejectedVersionNumMismatch), "REJECTED_VERSION_NUM_MISMATCH"},
    {v(MccError::kRejectedUserTimestampMismatch), "REJECTED_USER_TIMESTAMP_MISMATCH"},
    {v(MccError::kRejectedForbiddenVersion), "REJECTED_FORBIDDEN_VERSION"},
    {v(MccError::kFlashEraseError), "FLASH_ERASE_ERROR"},
    {v(MccError::kRejectedImageCanNotBootFromPartition),
     "REJECTED_IMAGE_CAN_NOT_BOOT_FROM_PARTITION"},
};

constexpr Name kIcmdStatus[] = {
    {v(IcmdStatus::kOk), "OK"},
    {v(IcmdStatus::kInvalidOpcode), "INVALID_OPCODE"},
    {v(IcmdStatus::kInvalidCmd), "INVALID_CMD"},
    {v(IcmdStatus::kOperationalError), "OPERATIONAL_ERROR"},
    {v(IcmdStatus::kBadParam), "BAD_PARAM"},
    {v(IcmdStatus::kBusy), "BUSY"},
    {v(IcmdStatus::kIcmNotAvail), "ICM_NOT_AVAILABLE"},
    {v(IcmdStatus::kWriteProtect), "WRITE_PROTECT"},
};

constexpr Name kSpace[] = {
    {space::kIcmdExt, "icmd_ext"},
    {space::kCrSpace, "cr_space"},
    {space::kIcmd, "icmd"},
    {space::kSemaphore, "semaphore"},
};

constexpr Name kBurnStage[] = {
    {burn_stage::kNone, "NONE"},
    {v(MccInstruction::kLockUpdateHandle), "LOCK_UPDATE_HANDLE"},
    {v(MccInstruction::kUpdateComponent), "UPDATE_COMPONENT"},
    {burn_stage::kInitialize, "INITIALIZE"},
    {burn_stage::kMcda, "MCDA"},
    {v(MccInstruction::kVerifyComponent), "VERIFY_COMPONENT"},
    {v(MccInstruction::kActivate), "ACTIVATE"},
};

constexpr Name kVsecRegister[] = {
    {vsec::kCapHeader, "cap_header"}, {vsec::kCtrl, "ctrl"},       {vsec::kCounter, "counter"},
    {vsec::kSemaphore, "semaphore"},  {vsec::kAddress, "address"}, {vsec::kData, "data"},
};

template <size_t N>
std::optional<uint32_t> find_value(const Name (&names)[N], const std::string& name) {
  auto same = [&name](const char* candidate) {
    const std::string c = candidate;
    return c.size() == name.size() &&
           std::equal(c.begin(), c.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (const Name& n : names) {
    if (same(n.name)) return n.value;
  }
  return std::nullopt;
}

template <size_t N>
const char* find_name(const Name (&names)[N], uint32_t value) {
  for (const Name& n : names) {
    if (n.value == value) return n.name;
  }
  return nullptr;
}

template <class Fn>
auto with_table(NameTable table, Fn&& fn) {
  switch (table) {
    case NameTable::kRegisterStatus:
      return fn(kRegisterStatus);
    case NameTable::kMccInstruction:
      return fn(kMccInstruction);
    case NameTable::kFsmState:
      return fn(kFsmState);
    case NameTable::kMccError:
      return fn(kMccError);
    case NameTable::kIcmdStatus:
      return fn(kIcmdStatus);
    case NameTable::kBurnStage:
      return fn(kBurnStage);
    case NameTable::kVsecRegister:
      return fn(kVsecRegister);
    case NameTable::kSpace:
      break;
  }
  return fn(kSpace);
}

}  // namespace

std::string hex(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

std::optional<uint32_t> value_of(NameTable table, const std::string& name) {
  return with_table(table, [&name](const auto& names) { return find_value(names, name); });
}

std::string name_of(NameTable table, uint32_t value) {
  const char* name =
      with_table(table, [value](const auto& names) { return find_name(names, value); });
  return name != nullptr ? name : hex(value);
}

std::string describe(NameTable table, uint32_t value) {
  const char* name =
      with_table(table, [value](const auto& names) { return find_name(names, value); });
  return name != nullptr ? hex(value) + " " + name : hex(value);
}

}  // namespace secnic::hostdrv
