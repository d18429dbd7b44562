#include "tools/hostdrv/icmd_client.h"

#include <unistd.h>

#include "tools/hostdrv/device_interface.h"

namespace secnic::hostdrv {
namespace {

uint32_t load_be32(const std::vector<uint8_t>& bytes, size_t at) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4; ++i) {
    value = (value << 8) | (at + i < bytes.size() ? bytes[at + i] : 0);
  }
  return value;
}

// Semaphore-space accesses with the gateway semaphore held: take the ICMD word with our pid.
bool take_icmd_semaphore(VsecGatewayClient& gateway, uint32_t ticket, bool& syndrome) {
  for (unsigned attempt = 0; attempt < icmd::kMaxSemaphoreTries; ++attempt) {
    if (!gateway.select_space(space::kSemaphore)) return false;
    const GatewayResult current = gateway.read(icmd::kSemaphoreAddress);
    syndrome = syndrome || current.syndrome;
    if (current.completed && current.data == 0) {
      gateway.write(icmd::kSemaphoreAddress, ticket);
      const GatewayResult check = gateway.read(icmd::kSemaphoreAddress);
      if (check.completed && check.data == ticket) return true;
    }
    ::usleep(1000);
  }
  return false;
}

void release_icmd_semaphore(VsecGatewayClient& gateway) {
  if (gateway.select_space(space::kSemaphore)) gateway.write(icmd::kSemaphoreAddress, 0);
}

}  // namespace

IcmdResult IcmdClient::execute(const IcmdCommand& command) {
  IcmdResult result;
  result.gateway_semaphore = m_gateway.take_semaphore(vsec::kMaxSemaphoreTries);
  if (!result.gateway_semaphore) return result;
  const uint32_t ticket = static_cast<uint32_t>(::getpid());
  result.icmd_semaphore = take_icmd_semaphore(m_gateway, ticket, result.syndrome);
  if (!result.icmd_semaphore) {
    m_gateway.release_semaphore();
    return result;
  }

  auto note = [&result](const GatewayResult& r) {
    result.syndrome = result.syndrome || r.syndrome || !r.completed;
    return r;
  };
  m_gateway.select_space(space::kIcmd);
  // Opcode with GO clear (read-modify-write like the tool), request, BUSY check, GO.
  const uint32_t ctrl = note(m_gateway.read(icmd::kCtrl)).data;
  uint32_t setup = (ctrl & 0xffffu) & ~(icmd::kBusyBit | icmd::kExmbBit);
  setup |= uint32_t{command.opcode} << icmd::kOpcodeShift;
  if (command.exmb) setup |= icmd::kExmbBit;
  note(m_gateway.write(icmd::kCtrl, setup));
  for (size_t at = 0; at < command.request.size(); at += 4) {
    note(m_gateway.write(command.mailbox_address + static_cast<uint32_t>(at),
                         load_be32(command.request, at)));
  }
  note(m_gateway.write(icmd::kCtrl, setup | icmd::kBusyBit));
  uint32_t status_word = 0;
  for (unsigned poll = 0; poll < icmd::kMaxBusyPolls; ++poll) {
    const GatewayResult r = note(m_gateway.read(icmd::kCtrl));
    if (r.completed && (r.data & icmd::kBusyBit) == 0) {
      result.completed = true;
      status_word = r.data;
      break;
    }
  }
  if (result.completed) {
    result.status = static_cast<uint8_t>((status_word >> icmd::kStatusShift) & icmd::kStatusMask);
    result.mailbox.resize(command.response_size);
    for (size_t at = 0; at < command.response_size; at += 4) {
      const uint32_t word =
          note(m_gateway.read(command.mailbox_address + static_cast<uint32_t>(at))).data;
      for (size_t i = 0; i < 4 && at + i < command.response_size; ++i) {
        result.mailbox[at + i] = static_cast<uint8_t>(word >> (24 - 8 * i));
      }
    }
  }
  release_icmd_semaphore(m_gateway);
  m_gateway.release_semaphore();
  return result;
}

}  // namespace secnic::hostdrv
