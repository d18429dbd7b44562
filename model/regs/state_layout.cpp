#include "model/regs/state_layout.h"

#include <stdexcept>
#include <string>

namespace secnic::model {

bool adopt_state_layout(StateLayoutHeader& header, uint32_t version, uint32_t size,
                        const char* what) {
  if (header.version == 0 && header.size == 0) {
    header.version = version;
    header.size = size;
    return true;
  }
  if (header.version == version && header.size == size) return false;
  throw std::invalid_argument(std::string(what) + ": state has layout version " +
                              std::to_string(header.version) + ", size " +
                              std::to_string(header.size) + "; this model needs version " +
                              std::to_string(version) + ", size " + std::to_string(size));
}

}  // namespace secnic::model
