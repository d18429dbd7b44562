#include "testbench/pcie/mtcr_driver.h"

#include <algorithm>

namespace secnic::testing {

namespace {

constexpr uint32_t kCapPointer = 0x34;
constexpr uint32_t kHeaderEnd = 0x40;
constexpr uint32_t kStandardSpaceEnd = 0xff;
constexpr uint8_t kVsecCapId = 0x09;

constexpr uint32_t kCtrl = 0x04;
constexpr uint32_t kCounter = 0x08;
constexpr uint32_t kSemaphore = 0x0c;
constexpr uint32_t kAddress = 0x10;
constexpr uint32_t kData = 0x14;
constexpr uint32_t kFlag = 1u << 31;

constexpr uint32_t kIcmdCtrl = 0x0;
constexpr uint32_t kIcmdMailboxSize = 0x1000;
constexpr uint32_t kIcmdMailbox = 0x100000;
constexpr uint32_t kIcmdSemaphore = 0x0;
constexpr uint32_t kCrHwId = 0xf0014;
constexpr uint32_t kCrStaticCfg = 0xb0004;

// mtcr_pciconf_open probes the spaces in this order.
constexpr uint16_t kProbeOrder[] = {0x3, 0x4, 0x5, 0x6, 0x7, 0xf, 0x1, 0xa, 0x2};

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

const char* to_string(MtcrResult result) {
  switch (result) {
    case MtcrResult::kOk:
      return "OK";
    case MtcrResult::kPciReadError:
      return "PCI_READ_ERROR";
    case MtcrResult::kPciWriteError:
      return "PCI_WRITE_ERROR";
    case MtcrResult::kSemLocked:
      return "SEM_LOCKED";
    case MtcrResult::kSpaceNotSupported:
      return "PCI_SPACE_NOT_SUPPORTED";
    case MtcrResult::kBadParams:
      return "BAD_PARAMS";
    case MtcrResult::kIfcTimeout:
      return "PCI_IFC_TOUT";
    case MtcrResult::kIcmdSizeExceedsLimit:
      return "ICMD_SIZE_EXCEEDS_LIMIT";
    case MtcrResult::kIcmdNotReady:
      return "ICMD_NOT_READY";
    case MtcrResult::kIcmdSemaphoreTimeout:
      return "ICMD_SEMAPHORE_TO";
    case MtcrResult::kIcmdExecuteTimeout:
      return "ICMD_EXECUTE_TO";
    case MtcrResult::kIcmdBusyBeforeGo:
      return "ICMD_BUSY_BEFORE_GO";
    case MtcrResult::kIcmdStatus:
      return "ICMD_STATUS";
  }
  return "?";
}

MtcrDriver::MtcrDriver(hostlink::PciConfigPort& port, uint32_t pid) : m_port(port), m_pid(pid) {}

bool MtcrDriver::rd(uint32_t offset, unsigned size, uint32_t& value) {
  value = 0;
  const bool ok = m_port.config_read(offset, size, value);
  m_ops.push_back(ConfigOp{false, offset, size, value});
  return ok;
}

bool MtcrDriver::wr(uint32_t offset, unsigned size, uint32_t value) {
  m_ops.push_back(ConfigOp{true, offset, size, value});
  return m_port.config_write(offset, size, value);
}

uint32_t MtcrDriver::find_capability(uint8_t id) {
  uint32_t value = 0;
  if (!rd(kCapPointer, 1, value)) return 0;
  uint32_t offset = value & 0xff;
  bool visited[256] = {};
  while (offset >= kHeaderEnd && offset <= kStandardSpaceEnd) {
    if (!rd(offset, 2, value)) return 0;
    visited[offset] = true;
    if ((value & 0xff) == id) return offset;
    offset = (value >> 8) & 0xff;
    if (visited[offset]) return 0;
  }
  return 0;
}

MtcrResult MtcrDriver::open() {
  m_supported_spaces.clear();
  m_vsec = find_capability(kVsecCapId);
  if (m_vsec == 0) return MtcrResult::kSpaceNotSupported;
  if (const MtcrResult r = lock_semaphore(); r != MtcrResult::kOk) return r;
  for (uint16_t space : kProbeOrder) {
    if (set_space(space) == MtcrResult::kOk) m_supported_spaces.push_back(space);
  }
  return unlock_semaphore();
}

bool MtcrDriver::space_probed_supported(uint16_t space) const {
  return std::find(m_supported_spaces.begin(), m_supported_spaces.end(), space) !=
         m_supported_spaces.end();
}

bool MtcrDriver::vsec_supported() const {
  return space_probed_supported(mtcr::kSpaceCr) && space_probed_supported(mtcr::kSpaceIcmdExt) &&
         space_probed_supported(mtcr::kSpaceSemaphore) && space_probed_supported(mtcr::kSpaceIcmd);
}

MtcrResult MtcrDriver::lock_semaphore() {
  uint32_t lock = 0;
  uint32_t ticket = 0;
  int retries = 0;
  do {
    if (retries > mtcr::kIfcMaxRetries) return MtcrResult::kSemLocked;
    if (!rd(m_vsec + kSemaphore, 4, lock)) return MtcrResult::kPciReadError;
    if (lock != 0) {
      ++retries;
      continue;
    }
    if (!rd(m_vsec + kCounter, 4, ticket)) return MtcrResult::kPciReadError;
    if (!wr(m_vsec + kSemaphore, 4, ticket)) return MtcrResult::kPciWriteError;
    if (!rd(m_vsec + kSemaphore, 4, lock)) return MtcrResult::kPciReadError;
    ++retries;
  } while (ticket != lock);
  return MtcrResult::kOk;
}

MtcrResult MtcrDriver::unlock_semaphore() {
  return wr(m_vsec + kSemaphore, 4, 0) ? MtcrResult::kOk : MtcrResult::kPciWriteError;
}

MtcrResult MtcrDriver::set_space(uint16_t space) {
  uint32_t value = 0;
  if (!rd(m_vsec + kCtrl, 4, value)) return MtcrResult::kPciReadError;
  value = (value & 0xffff0000u) | space;
  if (!wr(m_vsec + kCtrl, 4, value)) return MtcrResult::kPciWriteError;
  if (!rd(m_vsec + kCtrl, 4, value)) return MtcrResult::kPciReadError;
  return (value >> 29) != 0 ? MtcrResult::kOk : MtcrResult::kSpaceNotSupported;
}

MtcrResult MtcrDriver::wait_on_flag(uint32_t expected) {
  int retries = 0;
  uint32_t value = 0;
  do {
    if (retries > mtcr::kIfcMaxRetries) return MtcrResult::kIfcTimeout;
    if (!rd(m_vsec + kAddress, 4, value)) return MtcrResult::kPciReadError;
    ++retries;
  } while ((value >> 31) != expected);
  return MtcrResult::kOk;
}

MtcrResult MtcrDriver::gateway_rw(uint32_t address, uint32_t& data, bool write) {
  if (address >> 30) return MtcrResult::kBadParams;
  if (write) {
    if (!wr(m_vsec + kData, 4, data)) return MtcrResult::kPciWriteError;
    if (!wr(m_vsec + kAddress, 4, address | kFlag)) return MtcrResult::kPciWriteError;
    return wait_on_flag(0);
  }
  if (!wr(m_vsec + kAddress, 4, address)) return MtcrResult::kPciWriteError;
  const MtcrResult r = wait_on_flag(1);
  if (!rd(m_vsec + kData, 4, data)) return MtcrResult::kPciReadError;
  return r;
}

MtcrResult MtcrDriver::transaction(uint16_t space, uint32_t address, uint32_t& value, bool write) {
  if (const MtcrResult r = lock_semaphore(); r != MtcrResult::kOk) return r;
  MtcrResult r = set_space(space);
  if (r == MtcrResult::kOk) r = gateway_rw(address, value, write);
  unlock_semaphore();
  return r;
}

MtcrResult MtcrDriver::read4(uint16_t space, uint32_t address, uint32_t& value) {
  return transaction(space, address, value, false);
}

MtcrResult MtcrDriver::write4(uint16_t space, uint32_t address, uint32_t value) {
  return transaction(space, address, value, true);
}

MtcrResult MtcrDriver::read_block(uint16_t space, uint32_t address, std::vector<uint32_t>& dwords) {
  if (const MtcrResult r = lock_semaphore(); r != MtcrResult::kOk) return r;
  MtcrResult r = set_space(space);
  for (size_t i = 0; r == MtcrResult::kOk && i < dwords.size(); ++i) {
    r = gateway_rw(address + 4 * static_cast<uint32_t>(i), dwords[i], false);
  }
  unlock_semaphore();
  return r;
}

MtcrResult MtcrDriver::write_block(uint16_t space, uint32_t address,
                                   const std::vector<uint32_t>& dwords) {
  if (const MtcrResult r = lock_semaphore(); r != MtcrResult::kOk) return r;
  MtcrResult r = set_space(space);
  for (size_t i = 0; r == MtcrResult::kOk && i < dwords.size(); ++i) {
    uint32_t value = dwords[i];
    r = gateway_rw(address + 4 * static_cast<uint32_t>(i), value, true);
  }
  unlock_semaphore();
  return r;
}

MtcrResult MtcrDriver::read_buffer(uint16_t space, uint32_t address, std::vector<uint8_t>& bytes) {
  if (bytes.size() % 4 != 0) return MtcrResult::kPciReadError;
  std::vector<uint32_t> dwords(bytes.size() / 4);
  const MtcrResult r = read_block(space, address, dwords);
  for (size_t i = 0; i < dwords.size(); ++i) {
    bytes[4 * i] = static_cast<uint8_t>(dwords[i] >> 24);
    bytes[4 * i + 1] = static_cast<uint8_t>(dwords[i] >> 16);
    bytes[4 * i + 2] = static_cast<uint8_t>(dwords[i] >> 8);
    bytes[4 * i + 3] = static_cast<uint8_t>(dwords[i]);
  }
  return r;
}

MtcrResult MtcrDriver::write_buffer(uint16_t space, uint32_t address,
                                    const std::vector<uint8_t>& bytes) {
  if (bytes.size() % 4 != 0) return MtcrResult::kPciWriteError;
  std::vector<uint32_t> dwords(bytes.size() / 4);
  for (size_t i = 0; i < dwords.size(); ++i) dwords[i] = be32(&bytes[4 * i]);
  return write_block(space, address, dwords);
}

MtcrResult MtcrDriver::icmd_take_semaphore() {
  uint32_t value = 0;
  for (int tries = 1; tries <= mtcr::kIcmdSemaphoreTries; ++tries) {
    if (write4(mtcr::kSpaceSemaphore, kIcmdSemaphore, m_pid) != MtcrResult::kOk ||
        read4(mtcr::kSpaceSemaphore, kIcmdSemaphore, value) != MtcrResult::kOk) {
      return MtcrResult::kPciReadError;
    }
    if (value == m_pid) return MtcrResult::kOk;
  }
  return MtcrResult::kIcmdSemaphoreTimeout;
}

MtcrResult MtcrDriver::icmd_release_semaphore() {
  return write4(mtcr::kSpaceSemaphore, kIcmdSemaphore, 0);
}

MtcrResult MtcrDriver::icmd_open() {
  if (MtcrResult r = icmd_take_semaphore(); r != MtcrResult::kOk) return r;
  MtcrResult r = read4(mtcr::kSpaceIcmd, kIcmdMailboxSize, m_max_cmd_size);
  icmd_release_semaphore();
  if (r != MtcrResult::kOk) return r;
  if (r = icmd_take_semaphore(); r != MtcrResult::kOk) return r;
  r = read4(mtcr::kSpaceCr, kCrHwId, m_hw_id);
  icmd_release_semaphore();
  return r;
}

MtcrResult MtcrDriver::icmd_send(uint16_t opcode, std::vector<uint8_t>& data, uint32_t write_size,
                                 uint32_t read_size) {
  m_icmd_status = 0;
  if (write_size > m_max_cmd_size || read_size > m_max_cmd_size) {
    return MtcrResult::kIcmdSizeExceedsLimit;
  }
  if (data.size() < std::max(write_size, read_size)) data.resize(std::max(write_size, read_size));
  uint32_t static_cfg = 0;
  if (MtcrResult r = read4(mtcr::kSpaceCr, kCrStaticCfg, static_cfg); r != MtcrResult::kOk)
    return r;
  if (static_cfg >> 31) return MtcrResult::kIcmdNotReady;
  if (MtcrResult r = icmd_take_semaphore(); r != MtcrResult::kOk) return r;

  MtcrResult result = MtcrResult::kOk;
  uint32_t ctrl = 0;
  // set_opcode: read-modify-write of CTRL, old STATUS bits written back.
  result = read4(mtcr::kSpaceIcmd, kIcmdCtrl, ctrl);
  if (result == MtcrResult::kOk) {
    ctrl = (ctrl & 0x0000fffdu) | (uint32_t{opcode} << 16);
    result = write4(mtcr::kSpaceIcmd, kIcmdCtrl, ctrl);
  }
  if (result == MtcrResult::kOk) {
    result = write_buffer(mtcr::kSpaceIcmd, kIcmdMailbox,
                          std::vector<uint8_t>(data.begin(), data.begin() + write_size));
  }
  if (result != MtcrResult::kOk) {
    icmd_release_semaphore();
    return result;
  }
  if (MtcrResult r = read4(mtcr::kSpaceIcmd, kIcmdCtrl, ctrl); r != MtcrResult::kOk) return r;
  if (ctrl & 1u) return MtcrResult::kIcmdBusyBeforeGo;  // mtcr returns here without releasing
  ctrl |= 1u;
  result = write4(mtcr::kSpaceIcmd, kIcmdCtrl, ctrl);
  int polls = 0;
  while (result == MtcrResult::kOk) {
    if (++polls > mtcr::kIcmdBusyPolls) {
      result = MtcrResult::kIcmdExecuteTimeout;
      break;
    }
    result = read4(mtcr::kSpaceIcmd, kIcmdCtrl, ctrl);
    if ((ctrl & 1u) == 0) break;
  }
  if (result == MtcrResult::kOk) {
    m_icmd_status = static_cast<uint8_t>(ctrl >> 8);
    if (m_icmd_status != 0) result = MtcrResult::kIcmdStatus;
  }
  if (result == MtcrResult::kOk) {
    std::vector<uint8_t> reply(read_size);
    result = read_buffer(mtcr::kSpaceIcmd, kIcmdMailbox, reply);
    std::copy(reply.begin(), reply.end(), data.begin());
  }
  icmd_release_semaphore();
  return result;
}

}  // namespace secnic::testing
