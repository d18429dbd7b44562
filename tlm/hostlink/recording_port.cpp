#include "tlm/hostlink/recording_port.h"

namespace secnic::hostlink {

RecordingPort::RecordingPort(std::unique_ptr<PciConfigPort> inner,
                             std::unique_ptr<ConfigTraceWriter> trace)
    : m_inner(std::move(inner)), m_trace(std::move(trace)) {}

bool RecordingPort::config_read(uint32_t offset, unsigned size, uint32_t& value) {
  const bool completed = m_inner->config_read(offset, size, value);
  ConfigAccess access;
  access.direction = ConfigAccess::Direction::kRead;
  access.size = static_cast<uint8_t>(size);
  access.offset = static_cast<uint16_t>(offset);
  access.value = value;
  access.completed = completed;
  m_trace->append(access);
  return completed;
}

bool RecordingPort::config_write(uint32_t offset, unsigned size, uint32_t value) {
  const bool completed = m_inner->config_write(offset, size, value);
  ConfigAccess access;
  access.direction = ConfigAccess::Direction::kWrite;
  access.size = static_cast<uint8_t>(size);
  access.offset = static_cast<uint16_t>(offset);
  access.value = value;
  access.completed = completed;
  m_trace->append(access);
  return completed;
}

}  // namespace secnic::hostlink
