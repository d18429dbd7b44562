// The `replay:<trace>` device kind: answers config accesses from a recorded trace, with no model
// behind it. It is the tool-only floor for benchmarks: the same tool, shim and access sequence,
// zero model cost.
//
// Every access must match the next record (direction, size, offset, and the value for writes). The
// first one that does not, or one past the end of the recording, is a divergence: it is reported
// once on stderr and that access and every later one is refused (the host sees EIO). Tools that
// write their pid (mstflint's semaphore tickets) replay only with the same SECNIC_FIXED_PID as the
// recording.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tlm/hostlink/config_trace.h"
#include "tlm/hostlink/pci_config_port.h"

namespace secnic::hostlink {

class ReplayingPort : public PciConfigPort {
 public:
  // `origin` names the recording in the divergence report (usually the trace file).
  ReplayingPort(std::vector<ConfigAccess> trace, std::string origin);
  ReplayingPort(const ReplayingPort&) = delete;
  ReplayingPort& operator=(const ReplayingPort&) = delete;

  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override;
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override;

  size_t position() const { return m_next; }
  size_t size() const { return m_trace.size(); }
  bool diverged() const { return m_diverged; }

 private:
  // The next record if it matches the request; nullptr after reporting a divergence.
  const ConfigAccess* match(const ConfigAccess& request);

  std::vector<ConfigAccess> m_trace;
  std::string m_origin;
  size_t m_next = 0;
  bool m_diverged = false;
};

}  // namespace secnic::hostlink
