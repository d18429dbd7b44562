#include "tools/hostshim/device_kinds.h"

#ifdef SECNIC_WITH_CARD
namespace secnic::card {
void register_card_device_kind(hostlink::DeviceRegistry& registry);
}  // namespace secnic::card
#endif

namespace secnic::hostshim {

const hostlink::DeviceRegistry& device_kinds() {
  static const hostlink::DeviceRegistry* registry = [] {
    auto* kinds = new hostlink::DeviceRegistry;
#ifdef SECNIC_WITH_CARD
    secnic::card::register_card_device_kind(*kinds);
#endif
    return kinds;
  }();
  return *registry;
}

}  // namespace secnic::hostshim
