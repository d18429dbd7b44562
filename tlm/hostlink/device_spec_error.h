// The one error the host link throws for bad configuration: a malformed BDF, device list or device
// spec, an unknown device kind, an unreadable or corrupt trace file. The message names the
// offending text.
#pragma once

#include <stdexcept>

namespace secnic::hostlink {

class DeviceSpecError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace secnic::hostlink
