#include "tlm/hostlink/config_space_io.h"

#include <cstring>

#include "tlm/hostlink/pci_header.h"

namespace secnic::hostlink {
namespace {

// The size of the next access at `offset` with `remaining` bytes left, as the kernel chooses it.
unsigned next_access_size(uint64_t offset, size_t remaining) {
  if ((offset & 1) != 0 || remaining == 1) return 1;
  if ((offset & 2) != 0 || remaining < 4) return 2;
  return 4;
}

size_t clamp_length(uint64_t offset, size_t length) {
  if (offset >= kConfigSpaceSize) return 0;
  const uint64_t available = kConfigSpaceSize - offset;
  return length < available ? length : static_cast<size_t>(available);
}

}  // namespace

long read_config_bytes(PciConfigPort& port, uint64_t offset, void* buffer, size_t length) {
  auto* out = static_cast<uint8_t*>(buffer);
  const size_t total = clamp_length(offset, length);
  size_t done = 0;
  while (done < total) {
    const unsigned size = next_access_size(offset + done, total - done);
    uint32_t value = 0;
    if (!port.config_read(static_cast<uint32_t>(offset + done), size, value)) return -1;
    for (unsigned i = 0; i < size; ++i) out[done + i] = static_cast<uint8_t>(value >> (8 * i));
    done += size;
  }
  return static_cast<long>(done);
}

long write_config_bytes(PciConfigPort& port, uint64_t offset, const void* buffer, size_t length) {
  const auto* in = static_cast<const uint8_t*>(buffer);
  const size_t total = clamp_length(offset, length);
  size_t done = 0;
  while (done < total) {
    const unsigned size = next_access_size(offset + done, total - done);
    uint32_t value = 0;
    for (unsigned i = 0; i < size; ++i) value |= uint32_t{in[done + i]} << (8 * i);
    if (!port.config_write(static_cast<uint32_t>(offset + done), size, value)) return -1;
    done += size;
  }
  return static_cast<long>(done);
}

}  // namespace secnic::hostlink
