// The simulated PCI functions of this process, as SECNIC_DEVICES lists them, and the sysfs paths
// they own.
#pragma once

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "tlm/hostlink/device_list.h"
#include "tlm/hostlink/device_registry.h"
#include "tools/hostshim/simulated_function.h"
#include "tools/hostshim/sysfs_namespace.h"

namespace secnic::hostshim {

class SimulatedBus {
 public:
  // Parses a device list and checks every spec names a known kind; builds no device yet. Throws
  // hostlink::DeviceSpecError.
  SimulatedBus(std::string_view device_list, const hostlink::DeviceRegistry& kinds);
  SimulatedBus(const SimulatedBus&) = delete;
  SimulatedBus& operator=(const SimulatedBus&) = delete;

  bool empty() const { return m_functions.empty(); }
  const SysfsNamespace& paths() const { return m_paths; }
  // Function `index`. The first call builds every function's device, in list order (building
  // nothing before a simulated function is actually used keeps `ls /sys/bus/pci/devices` free of
  // model start-up).
  SimulatedFunction& function(size_t index);

 private:
  SimulatedBus(std::vector<hostlink::DeviceAssignment> list, const hostlink::DeviceRegistry& kinds);

  std::vector<std::unique_ptr<SimulatedFunction>> m_functions;
  SysfsNamespace m_paths;
  std::once_flag m_built;
};

// This process's bus, from SECNIC_DEVICES on first use, never destroyed. A malformed SECNIC_DEVICES
// is reported once on stderr and gives an empty bus (every path passes through). Returns nullptr
// while the bus is being built on the calling thread (a hook re-entered from that work passes
// through).
SimulatedBus* simulated_bus();

}  // namespace secnic::hostshim
