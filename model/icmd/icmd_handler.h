// The firmware side of the ICMD mailbox: the ICMD controller (model/icmd) calls execute() when the host
// sets GO; the access-register dispatch (firmware_model/regs) implements it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secnic::model {

// ICMD CTRL[15:8] status values as the host tool translates them.
enum class IcmdStatus : uint8_t {
  kOk = 0,
  kInvalidOpcode = 1,
  kInvalidCmd = 2,
  kOperationalError = 3,
  kBadParam = 4,
  kBusy = 5,
  kIcmNotAvail = 6,
  kWriteProtect = 7,
};

class IcmdHandler {
 public:
  virtual ~IcmdHandler() = default;

  // Runs one command synchronously. `mailbox` holds the request as the host left it (the whole mailbox,
  // `mailbox_size` bytes; lengths inside the request are host-controlled and must be checked) and receives
  // the response in place.
  virtual IcmdStatus execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) = 0;
};

}  // namespace secnic::model
