// The host side of the ICMD interface behind the VSEC gateway (space 3, device_contract.md §4):
// take the ICMD semaphore (space 0xa, the host's pid), set the opcode, write the request into the
// mailbox (dword k = big-endian value of bytes 4k..4k+3), set GO, poll BUSY, read STATUS and the
// response. Device answers are results; only I/O failures throw HostDriverError.
#pragma once

#include <cstdint>
#include <vector>

#include "tools/hostdrv/vsec_gateway_client.h"

namespace secnic::hostdrv {

struct IcmdResult {
  bool gateway_semaphore = false;  // the VSEC semaphore was obtained
  bool icmd_semaphore = false;     // the ICMD semaphore (space 0xa) was obtained
  bool completed = false;          // BUSY cleared within the tool's poll budget
  bool syndrome = false;           // some gateway transaction of the command reported a failure
  uint8_t status = 0;              // CTRL[15:8] after completion
  std::vector<uint8_t> mailbox;    // the response (as many bytes as asked for)
};

struct IcmdCommand {
  uint16_t opcode = 0;
  std::vector<uint8_t> request;  // written from mailbox byte 0 (padded to whole dwords)
  size_t response_size = 0;      // bytes read back from the mailbox
  bool exmb = false;             // CTRL[1]: external mailbox (a real host would never set it)
  // Where the request goes: kMailbox normally; a driver may aim elsewhere (past the mailbox) to
  // see the device refuse it.
  uint32_t mailbox_address = 0x100000;
};

class IcmdClient {
 public:
  explicit IcmdClient(VsecGatewayClient& gateway) : m_gateway(gateway) {}

  IcmdResult execute(const IcmdCommand& command);

 private:
  VsecGatewayClient& m_gateway;
};

}  // namespace secnic::hostdrv
