// One simulated PCI function of the host tool's process: its address, its device spec, and the
// device itself, built on first use (listing /sys/bus/pci/devices builds nothing). Accesses are
// serialised per function.
//
// Errors never reach the host tool as crashes: a device that cannot be built is reported once on
// stderr and then reads like an empty slot (config header all ones, config refused); an exception
// from the device during an access is reported once and that access is refused (EIO).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "tlm/hostlink/device_registry.h"
#include "tlm/hostlink/pci_address.h"
#include "tlm/hostlink/pci_config_port.h"
#include "tlm/hostlink/pci_header.h"

namespace secnic::hostshim {

class SimulatedFunction {
 public:
  using Header = std::array<uint8_t, hostlink::kConfigHeaderSize>;

  SimulatedFunction(hostlink::PciAddress address, std::string spec,
                    const hostlink::DeviceRegistry& kinds);
  SimulatedFunction(const SimulatedFunction&) = delete;
  SimulatedFunction& operator=(const SimulatedFunction&) = delete;

  const hostlink::PciAddress& address() const { return m_address; }
  const std::string& spec() const { return m_spec; }

  // Builds the device now if not attempted yet (a failure is reported once on stderr). SimulatedBus
  // builds every function before it hands out the first one: a SystemC card must be elaborated
  // before any device of the process runs.
  void build();

  // Builds the device if needed; false if it cannot be built.
  bool available();

  // sysfs-style byte access (config_space_io.h): bytes transferred, or -1 if refused or
  // unavailable.
  long read_bytes(uint64_t offset, void* buffer, size_t length);
  long write_bytes(uint64_t offset, const void* buffer, size_t length);

  // The config header as enumeration saw it: read from the device once, then cached like the
  // kernel's copy (vendor, device, class never change). All ones while the device cannot answer.
  Header header();

 private:
  hostlink::PciConfigPort* port_locked();  // m_mutex held; builds on first use
  void report_exception_locked(const char* what);

  const hostlink::PciAddress m_address;
  const std::string m_spec;
  const hostlink::DeviceRegistry& m_kinds;
  std::mutex m_mutex;
  std::unique_ptr<hostlink::PciConfigPort> m_port;
  bool m_build_attempted = false;
  bool m_exception_reported = false;
  bool m_header_cached = false;
  Header m_header{};
};

}  // namespace secnic::hostshim
