// The one error channel of secnic-hostdrv for a device it cannot drive (the config file does not
// open, an I/O call fails, no vendor-specific capability). What the device answers — a status, a
// syndrome, a refused semaphore — is a result, never this error.
#pragma once

#include <stdexcept>

namespace secnic::hostdrv {

class HostDriverError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace secnic::hostdrv
