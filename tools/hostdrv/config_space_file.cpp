#include "tools/hostdrv/config_space_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "tools/hostdrv/host_driver_error.h"

namespace secnic::hostdrv {
namespace {

bool all_hex(const std::string& text, size_t begin, size_t count) {
  if (begin + count > text.size()) return false;
  for (size_t i = begin; i < begin + count; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

void check_size(unsigned size) {
  if (size != 1 && size != 2 && size != 4) {
    throw HostDriverError("config access size must be 1, 2 or 4 bytes, not " +
                          std::to_string(size));
  }
}

}  // namespace

std::string canonical_pci_address(const std::string& bdf) {
  // bb:dd.f (7 characters) or dddd:bb:dd.f (12); the function is one octal digit 0..7.
  std::string text = bdf;
  if (text.size() == 7) text = "0000:" + text;
  if (text.size() != 12 || text[4] != ':' || text[7] != ':' || text[10] != '.') return "";
  if (!all_hex(text, 0, 4) || !all_hex(text, 5, 2) || !all_hex(text, 8, 2)) return "";
  if (text[11] < '0' || text[11] > '7') return "";
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

ConfigSpaceFile::ConfigSpaceFile(const std::string& bdf) {
  const std::string address = canonical_pci_address(bdf);
  if (address.empty()) {
    throw HostDriverError("'" + bdf + "' is not a PCI address (bb:dd.f or dddd:bb:dd.f)");
  }
  m_path = "/sys/bus/pci/devices/" + address + "/config";
  m_fd = ::open64(m_path.c_str(), O_RDWR | O_SYNC);
  if (m_fd < 0) {
    throw HostDriverError("cannot open " + m_path + ": " + std::strerror(errno));
  }
}

ConfigSpaceFile::~ConfigSpaceFile() {
  if (m_fd >= 0) ::close(m_fd);
}

uint32_t ConfigSpaceFile::read(uint32_t offset, unsigned size) {
  check_size(size);
  uint8_t bytes[4] = {0, 0, 0, 0};
  ++m_accesses;
  const ssize_t got = ::pread64(m_fd, bytes, size, offset);
  if (got != static_cast<ssize_t>(size)) {
    throw HostDriverError("config read of " + std::to_string(size) + " bytes at " +
                          std::to_string(offset) +
                          " failed: " + (got < 0 ? std::strerror(errno) : "short read"));
  }
  return uint32_t{bytes[0]} | (uint32_t{bytes[1]} << 8) | (uint32_t{bytes[2]} << 16) |
         (uint32_t{bytes[3]} << 24);
}

void ConfigSpaceFile::write(uint32_t offset, unsigned size, uint32_t value) {
  check_size(size);
  const uint8_t bytes[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                            static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 24)};
  ++m_accesses;
  const ssize_t put = ::pwrite64(m_fd, bytes, size, offset);
  if (put != static_cast<ssize_t>(size)) {
    throw HostDriverError("config write of " + std::to_string(size) + " bytes at " +
                          std::to_string(offset) +
                          " failed: " + (put < 0 ? std::strerror(errno) : "short write"));
  }
}

}  // namespace secnic::hostdrv
