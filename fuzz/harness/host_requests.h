// ICMD requests exactly as the Debian mstflint 4.21 tools send them (device_contract.md 4.4, 5.2):
// the registers of `mstflint q`, mstreg's ICMD_QUERY_CAP, mstconfig's NVQC, and the MCC/MCDA steps
// of a burn. The seed corpora of the access-register and VSEC/ICMD harnesses are built from them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace secnic::fuzz {

struct HostRequest {
  std::string name;
  uint16_t opcode;
  std::vector<uint8_t> mailbox;  // the request bytes; the rest of the mailbox is zero
};

std::vector<HostRequest> host_requests();

}  // namespace secnic::fuzz
