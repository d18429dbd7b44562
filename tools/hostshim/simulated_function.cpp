#include "tools/hostshim/simulated_function.h"

#include <cstdio>
#include <exception>

#include "tlm/hostlink/config_space_io.h"

namespace secnic::hostshim {

SimulatedFunction::SimulatedFunction(hostlink::PciAddress address, std::string spec,
                                     const hostlink::DeviceRegistry& kinds)
    : m_address(address), m_spec(std::move(spec)), m_kinds(kinds) {}

hostlink::PciConfigPort* SimulatedFunction::port_locked() {
  if (!m_build_attempted) {
    m_build_attempted = true;
    try {
      m_port = m_kinds.create(m_spec);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "secnic: cannot open simulated device %s (%s): %s\n",
                   m_address.to_string().c_str(), m_spec.c_str(), e.what());
    }
  }
  return m_port.get();
}

void SimulatedFunction::build() {
  std::lock_guard<std::mutex> lock(m_mutex);
  port_locked();
}

void SimulatedFunction::report_exception_locked(const char* what) {
  if (m_exception_reported) return;
  m_exception_reported = true;
  std::fprintf(stderr,
               "secnic: simulated device %s (%s) failed: %s (this and later failures refused)\n",
               m_address.to_string().c_str(), m_spec.c_str(), what);
}

bool SimulatedFunction::available() {
  std::lock_guard<std::mutex> lock(m_mutex);
  return port_locked() != nullptr;
}

long SimulatedFunction::read_bytes(uint64_t offset, void* buffer, size_t length) {
  std::lock_guard<std::mutex> lock(m_mutex);
  hostlink::PciConfigPort* port = port_locked();
  if (port == nullptr) return -1;
  try {
    return hostlink::read_config_bytes(*port, offset, buffer, length);
  } catch (const std::exception& e) {
    report_exception_locked(e.what());
  } catch (...) {
    report_exception_locked("unknown exception");
  }
  return -1;
}

long SimulatedFunction::write_bytes(uint64_t offset, const void* buffer, size_t length) {
  std::lock_guard<std::mutex> lock(m_mutex);
  hostlink::PciConfigPort* port = port_locked();
  if (port == nullptr) return -1;
  try {
    return hostlink::write_config_bytes(*port, offset, buffer, length);
  } catch (const std::exception& e) {
    report_exception_locked(e.what());
  } catch (...) {
    report_exception_locked("unknown exception");
  }
  return -1;
}

SimulatedFunction::Header SimulatedFunction::header() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_header_cached) return m_header;
  }
  Header header;
  if (read_bytes(0, header.data(), header.size()) != static_cast<long>(header.size())) {
    header.fill(0xff);
    return header;
  }
  std::lock_guard<std::mutex> lock(m_mutex);
  m_header = header;
  m_header_cached = true;
  return m_header;
}

}  // namespace secnic::hostshim
