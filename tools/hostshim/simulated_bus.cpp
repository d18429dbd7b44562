#include "tools/hostshim/simulated_bus.h"

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "tlm/hostlink/device_list.h"
#include "tools/hostshim/device_kinds.h"

namespace secnic::hostshim {
namespace {

std::vector<hostlink::PciAddress> addresses_of(
    const std::vector<hostlink::DeviceAssignment>& list) {
  std::vector<hostlink::PciAddress> addresses;
  for (const auto& device : list) addresses.push_back(device.address);
  return addresses;
}

std::vector<hostlink::DeviceAssignment> checked_list(std::string_view text,
                                                     const hostlink::DeviceRegistry& kinds) {
  std::vector<hostlink::DeviceAssignment> list = hostlink::parse_device_list(text);
  for (const auto& device : list) kinds.check(device.spec);
  return list;
}

SimulatedBus* build_from_environment() {
  const char* text = std::getenv(hostlink::kDevicesEnvironmentVariable);
  const hostlink::DeviceRegistry& kinds = device_kinds();
  try {
    return new SimulatedBus(text == nullptr ? "" : text, kinds);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "secnic: %s: %s; no simulated devices in this process\n",
                 hostlink::kDevicesEnvironmentVariable, e.what());
  }
  return new SimulatedBus("", kinds);
}

thread_local bool t_building = false;

}  // namespace

SimulatedBus::SimulatedBus(std::string_view device_list, const hostlink::DeviceRegistry& kinds)
    : SimulatedBus(checked_list(device_list, kinds), kinds) {}

SimulatedBus::SimulatedBus(std::vector<hostlink::DeviceAssignment> list,
                           const hostlink::DeviceRegistry& kinds)
    : m_paths(addresses_of(list)) {
  for (auto& device : list) {
    m_functions.push_back(
        std::make_unique<SimulatedFunction>(device.address, std::move(device.spec), kinds));
  }
}

SimulatedFunction& SimulatedBus::function(size_t index) {
  std::call_once(m_built, [this] {
    for (auto& function : m_functions) function->build();
  });
  return *m_functions.at(index);
}

SimulatedBus* simulated_bus() {
  if (t_building) return nullptr;
  static SimulatedBus* const bus = [] {
    t_building = true;
    SimulatedBus* built = build_from_environment();
    t_building = false;
    return built;
  }();
  return bus;
}

}  // namespace secnic::hostshim
