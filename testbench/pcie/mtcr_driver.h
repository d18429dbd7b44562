// A test-side host driver that issues config-space accesses in exactly the order mstflint 4.21's
// mtcr_ul does over the VSEC gateway (capability walk, semaphore, space select, address/flag/data,
// block transfers, ICMD commands), written from the contract in
// /work/shared/reference/device_contract.md §2-§4. Every access is recorded so tests can check the
// sequences op by op.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tlm/hostlink/pci_config_port.h"

namespace secnic::testing {

// Outcomes, named after the mtcr error codes they stand for.
enum class MtcrResult {
  kOk,
  kPciReadError,  // the port refused an access
  kPciWriteError,
  kSemLocked,          // VSEC semaphore not obtained within 2048 tries
  kSpaceNotSupported,  // CTRL status 0 after selecting the space
  kBadParams,          // address bits 31:30 set (refused before touching the device)
  kIfcTimeout,         // FLAG never reached the expected value
  kIcmdSizeExceedsLimit,
  kIcmdNotReady,  // CR 0xb0004 bit 31 set
  kIcmdSemaphoreTimeout,
  kIcmdExecuteTimeout,
  kIcmdBusyBeforeGo,  // BUSY already set before GO (mtcr leaks the semaphore in this case)
  kIcmdStatus,        // the command completed with a nonzero status (see icmd_status)
};

const char* to_string(MtcrResult result);

struct ConfigOp {
  bool write;
  uint32_t offset;
  unsigned size;
  uint32_t value;
};

namespace mtcr {
inline constexpr uint16_t kSpaceIcmdExt = 0x1;
inline constexpr uint16_t kSpaceCr = 0x2;
inline constexpr uint16_t kSpaceIcmd = 0x3;
inline constexpr uint16_t kSpaceSemaphore = 0xa;
inline constexpr int kIfcMaxRetries = 2048;
inline constexpr int kIcmdSemaphoreTries = 256;
inline constexpr int kIcmdBusyPolls = 5120;
}  // namespace mtcr

class MtcrDriver {
 public:
  // `pid` is what this "process" writes to the ICMD semaphore.
  MtcrDriver(hostlink::PciConfigPort& port, uint32_t pid = 4242);

  // --- config-space level
  // pci_find_capability: 1-byte read of 0x34, then 2-byte reads (ID, next) while 0x40 <= offset <=
  // 0xff and not yet visited. Returns the offset or 0.
  uint32_t find_capability(uint8_t id);
  // mtcr_pciconf_open's VSEC part: find cap 9, take the semaphore, probe the spaces in mtcr's
  // order, release. Fills supported(); returns kOk even when spaces are missing (as the tool does).
  MtcrResult open();
  bool space_probed_supported(uint16_t space) const;
  // VSEC_SUPPORTED_UL (CR, ICMD_EXT, SEMAPHORE) and ICMD.
  bool vsec_supported() const;

  // --- VSEC gateway level (requires open() or set_vsec_base())
  void set_vsec_base(uint32_t base) { m_vsec = base; }
  MtcrResult lock_semaphore();
  MtcrResult unlock_semaphore();
  MtcrResult set_space(uint16_t space);
  MtcrResult gateway_rw(uint32_t address, uint32_t& data, bool write);

  // mread4/mwrite4 in `space`: one full transaction (the 11-op read).
  MtcrResult read4(uint16_t space, uint32_t address, uint32_t& value);
  MtcrResult write4(uint16_t space, uint32_t address, uint32_t value);
  // mread4_block/mwrite4_block: one semaphore and space selection around all dwords.
  MtcrResult read_block(uint16_t space, uint32_t address, std::vector<uint32_t>& dwords);
  MtcrResult write_block(uint16_t space, uint32_t address, const std::vector<uint32_t>& dwords);
  // mread_buffer/mwrite_buffer: block transfers with each dword converted big-endian <-> bytes.
  MtcrResult read_buffer(uint16_t space, uint32_t address, std::vector<uint8_t>& bytes);
  MtcrResult write_buffer(uint16_t space, uint32_t address, const std::vector<uint8_t>& bytes);

  // --- ICMD level (icmd_open + icmd_send_command_com, VCR variant)
  MtcrResult icmd_open();
  uint32_t max_cmd_size() const { return m_max_cmd_size; }
  MtcrResult icmd_take_semaphore();
  MtcrResult icmd_release_semaphore();
  // Writes `data` (write_size bytes), runs `opcode`, reads read_size bytes back into `data`.
  MtcrResult icmd_send(uint16_t opcode, std::vector<uint8_t>& data, uint32_t write_size,
                       uint32_t read_size);
  uint8_t icmd_status() const { return m_icmd_status; }

  const std::vector<ConfigOp>& ops() const { return m_ops; }
  void clear_ops() { m_ops.clear(); }

 private:
  bool rd(uint32_t offset, unsigned size, uint32_t& value);
  bool wr(uint32_t offset, unsigned size, uint32_t value);
  MtcrResult wait_on_flag(uint32_t expected);
  MtcrResult transaction(uint16_t space, uint32_t address, uint32_t& value, bool write);

  hostlink::PciConfigPort& m_port;
  uint32_t m_pid;
  uint32_t m_vsec = 0;
  std::vector<uint16_t> m_supported_spaces;
  uint32_t m_max_cmd_size = 0;
  uint32_t m_hw_id = 0;
  uint8_t m_icmd_status = 0;
  std::vector<ConfigOp> m_ops;
};

}  // namespace secnic::testing
