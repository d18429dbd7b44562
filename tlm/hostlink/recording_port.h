// The `record:<trace>:<inner spec>` device kind: forwards every config access to an inner function
// and appends it, with the inner function's answer, to a config trace.
#pragma once

#include <memory>

#include "tlm/hostlink/config_trace.h"
#include "tlm/hostlink/pci_config_port.h"

namespace secnic::hostlink {

class RecordingPort : public PciConfigPort {
 public:
  RecordingPort(std::unique_ptr<PciConfigPort> inner, std::unique_ptr<ConfigTraceWriter> trace);
  RecordingPort(const RecordingPort&) = delete;
  RecordingPort& operator=(const RecordingPort&) = delete;

  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override;

  ConfigTraceWriter& trace() { return *m_trace; }

 private:
  std::unique_ptr<PciConfigPort> m_inner;
  std::unique_ptr<ConfigTraceWriter> m_trace;
};

}  // namespace secnic::hostlink
