#include "tools/hostdrv/vsec_gateway_client.h"

#include <unistd.h>

#include <set>
#include <string>

#include "tools/hostdrv/device_interface.h"
#include "tools/hostdrv/host_driver_error.h"

namespace secnic::hostdrv {
namespace {

constexpr unsigned kRetryPauseMicroseconds = 1000;  // the tool's msleep(1) between tries

}  // namespace

VsecGatewayClient::VsecGatewayClient(ConfigSpaceFile& config) : m_config(config) {
  std::set<uint32_t> visited;
  uint32_t offset = m_config.read(pci::kCapabilityPointer, 1);
  while (offset >= pci::kFirstCapabilityOffset && offset <= pci::kLastCapabilityOffset &&
         visited.insert(offset).second) {
    const uint32_t header = m_config.read(offset, 2);
    if ((header & 0xff) == pci::kVendorSpecificCapabilityId) {
      m_base = offset;
      return;
    }
    offset = header >> 8;
  }
  throw HostDriverError("no vendor-specific capability (ID 9) in " + m_config.path());
}

uint32_t VsecGatewayClient::read_register(uint32_t offset) {
  return m_config.read(m_base + offset, 4);
}

void VsecGatewayClient::write_register(uint32_t offset, uint32_t value) {
  m_config.write(m_base + offset, 4, value);
}

bool VsecGatewayClient::take_semaphore(unsigned max_tries) {
  for (unsigned attempt = 0; attempt < max_tries; ++attempt) {
    if (attempt != 0) ::usleep(kRetryPauseMicroseconds);
    if (read_register(vsec::kSemaphore) != 0) continue;
    m_ticket = read_register(vsec::kCounter);
    write_register(vsec::kSemaphore, m_ticket);
    if (m_ticket != 0 && read_register(vsec::kSemaphore) == m_ticket) return true;
  }
  return false;
}

void VsecGatewayClient::release_semaphore() { write_register(vsec::kSemaphore, 0); }

bool VsecGatewayClient::select_space(uint16_t space) {
  const uint32_t ctrl = read_register(vsec::kCtrl);
  write_register(vsec::kCtrl, (ctrl & ~vsec::kSpaceMask) | space);
  return (read_register(vsec::kCtrl) >> vsec::kStatusShift) != 0;
}

GatewayResult VsecGatewayClient::wait_for_flag(bool flag_when_done, uint32_t data_on_success) {
  GatewayResult result;
  for (unsigned poll = 0; poll < vsec::kMaxFlagPolls; ++poll) {
    const uint32_t address = read_register(vsec::kAddress);
    if (((address & vsec::kFlagBit) != 0) == flag_when_done) {
      result.completed = true;
      result.syndrome = (address & vsec::kSyndromeBit) != 0;
      result.data = data_on_success;
      return result;
    }
  }
  return result;
}

GatewayResult VsecGatewayClient::read(uint32_t address) {
  if (address > vsec::kAddressMask) {
    throw HostDriverError("gateway address " + std::to_string(address) + " does not fit 30 bits");
  }
  write_register(vsec::kAddress, address);
  GatewayResult result = wait_for_flag(true, 0);
  if (result.completed) result.data = read_register(vsec::kData);
  return result;
}

GatewayResult VsecGatewayClient::write(uint32_t address, uint32_t data) {
  if (address > vsec::kAddressMask) {
    throw HostDriverError("gateway address " + std::to_string(address) + " does not fit 30 bits");
  }
  write_register(vsec::kData, data);
  write_register(vsec::kAddress, address | vsec::kFlagBit);
  return wait_for_flag(false, data);
}

}  // namespace secnic::hostdrv
