// A PCI function's config space as a host reaches it: /sys/bus/pci/devices/<dbdf>/config opened
// with open64(O_RDWR | O_SYNC) and accessed with pread64/pwrite64 of 1, 2 or 4 little-endian bytes
// (device_contract.md §1.1). Under `secnic run` the host shim answers these calls for a simulated
// card; on a real machine they reach the real device.
#pragma once

#include <cstdint>
#include <string>

namespace secnic::hostdrv {

class ConfigSpaceFile {
 public:
  // `bdf` is "bb:dd.f" or "dddd:bb:dd.f". Throws HostDriverError when it is malformed or the file
  // does not open.
  explicit ConfigSpaceFile(const std::string& bdf);
  ~ConfigSpaceFile();
  ConfigSpaceFile(const ConfigSpaceFile&) = delete;
  ConfigSpaceFile& operator=(const ConfigSpaceFile&) = delete;

  // `size` is 1, 2 or 4. Throws HostDriverError when the call fails or transfers fewer bytes.
  uint32_t read(uint32_t offset, unsigned size);
  void write(uint32_t offset, unsigned size, uint32_t value);

  const std::string& path() const { return m_path; }
  uint64_t accesses() const { return m_accesses; }

 private:
  std::string m_path;
  int m_fd = -1;
  uint64_t m_accesses = 0;
};

// "03:00.0" -> "0000:03:00.0"; an empty string when `bdf` is not a PCI address.
std::string canonical_pci_address(const std::string& bdf);

}  // namespace secnic::hostdrv
