#include "tlm/hostlink/replaying_port.h"

#include <cstdio>

namespace secnic::hostlink {

ReplayingPort::ReplayingPort(std::vector<ConfigAccess> trace, std::string origin)
    : m_trace(std::move(trace)), m_origin(std::move(origin)) {}

const ConfigAccess* ReplayingPort::match(const ConfigAccess& request) {
  if (m_diverged) return nullptr;
  if (m_next < m_trace.size()) {
    const ConfigAccess& recorded = m_trace[m_next];
    const bool same =
        recorded.direction == request.direction && recorded.size == request.size &&
        recorded.offset == request.offset &&
        (request.direction == ConfigAccess::Direction::kRead || recorded.value == request.value);
    if (same) {
      ++m_next;
      return &recorded;
    }
  }
  m_diverged = true;
  const std::string expected =
      m_next < m_trace.size() ? describe(m_trace[m_next]) : std::string("the end of the recording");
  ConfigAccess shown = request;
  shown.completed = true;
  std::string asked = describe(shown);
  if (request.direction == ConfigAccess::Direction::kRead)
    asked = asked.substr(0, asked.find(" ->"));
  std::fprintf(
      stderr,
      "secnic: replay of '%s' diverged at access #%zu: the host did %s, the recording has %s; "
      "refusing it and every later access\n",
      m_origin.c_str(), m_next, asked.c_str(), expected.c_str());
  return nullptr;
}

bool ReplayingPort::config_read(uint32_t offset, unsigned size, uint32_t& value) {
  ConfigAccess request;
  request.direction = ConfigAccess::Direction::kRead;
  request.size = static_cast<uint8_t>(size);
  request.offset = static_cast<uint16_t>(offset);
  const ConfigAccess* recorded = match(request);
  if (recorded == nullptr) return false;
  value = recorded->value;
  return recorded->completed;
}

bool ReplayingPort::config_write(uint32_t offset, unsigned size, uint32_t value) {
  ConfigAccess request;
  request.direction = ConfigAccess::Direction::kWrite;
  request.size = static_cast<uint8_t>(size);
  request.offset = static_cast<uint16_t>(offset);
  request.value = value;
  const ConfigAccess* recorded = match(request);
  return recorded != nullptr && recorded->completed;
}

}  // namespace secnic::hostlink
