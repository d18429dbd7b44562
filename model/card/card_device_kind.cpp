#include "model/card/card_device_kind.h"

#include <string>
#include <systemc>

#include "model/card/card.h"
#include "model/sysc/sysc_runtime.h"
#include "tlm/hostlink/device_spec_error.h"

namespace secnic::card {

void register_card_device_kind(hostlink::DeviceRegistry& registry) {
  registry.add_kind("card", [](const std::string& dir) -> std::unique_ptr<hostlink::PciConfigPort> {
    if (dir.empty()) throw hostlink::DeviceSpecError("card: needs a card directory (card:<dir>)");
    // SystemC builds the module hierarchy once, before the kernel first runs.
    if (sc_core::sc_get_status() != sc_core::SC_ELABORATION) {
      throw hostlink::DeviceSpecError("card:" + dir +
                                      ": cards must all be opened before the first access");
    }
    sysc::quiet_systemc();
    static unsigned count = 0;
    const std::string name = "card" + std::to_string(count++);
    return std::make_unique<Card>(name.c_str(), dir);
  });
}

}  // namespace secnic::card
