// Byte-range access to a function's config space the way Linux sysfs does it: a read or write of
// any length at any offset becomes naturally aligned accesses of 1, 2 or 4 bytes (a byte to reach
// 2-byte alignment, a word to reach 4-byte alignment, dwords, then a trailing word and byte). The
// space ends at kConfigSpaceSize: bytes past it are not transferred.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tlm/hostlink/pci_config_port.h"

namespace secnic::hostlink {

// Returns the number of bytes transferred (0 at or past the end of the space), or -1 if the
// function refused one of the accesses (the host sees EIO; bytes before the refusal may have been
// transferred).
long read_config_bytes(PciConfigPort& port, uint64_t offset, void* buffer, size_t length);
long write_config_bytes(PciConfigPort& port, uint64_t offset, const void* buffer, size_t length);

}  // namespace secnic::hostlink
