// The kinds of simulated PCI function the host link can open, by name. A device spec is "kind" or
// "kind:argument"; the registry turns it into a PciConfigPort.
//
// Built-in kinds:
//   null                       a ConnectX-4 Lx config header (15b3:1015) and nothing behind it
//   record:<trace>:<spec>      the function <spec>, with every access recorded to the file <trace>
//   replay:<trace>             answers from a recording, no model (the benchmark floor)
// Other kinds are added by the libraries that implement them, e.g. the simulated card adds
// `card:<dir>` (secnic::card::register_card_device_kind).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tlm/hostlink/pci_config_port.h"

namespace secnic::hostlink {

using DeviceFactory = std::function<std::unique_ptr<PciConfigPort>(const std::string& argument)>;

class DeviceRegistry {
 public:
  DeviceRegistry();  // with the built-in kinds
  DeviceRegistry(const DeviceRegistry&) = delete;
  DeviceRegistry& operator=(const DeviceRegistry&) = delete;

  // Registers a kind. The factory receives the text after "kind:" (empty if none) and throws
  // DeviceSpecError (or another std::exception naming the problem) if it cannot build the device.
  // A duplicate or malformed name (not [a-z0-9_-]+) is a programming error: std::invalid_argument.
  void add_kind(std::string name, DeviceFactory factory);

  bool has_kind(std::string_view name) const;
  std::vector<std::string> kinds() const;  // sorted

  // Builds the device a spec names. Throws DeviceSpecError for an unknown kind or a malformed
  // argument; the factory's own exceptions pass through.
  std::unique_ptr<PciConfigPort> create(const std::string& spec) const;

  // Checks that a spec names known kinds (including the inner spec of `record:`) without building
  // anything. Throws DeviceSpecError.
  void check(const std::string& spec) const;

 private:
  // "kind:argument" -> {kind, argument}; throws DeviceSpecError for an unknown kind.
  std::pair<std::string, std::string> split_spec(const std::string& spec) const;

  std::map<std::string, DeviceFactory, std::less<>> m_kinds;
};

}  // namespace secnic::hostlink
