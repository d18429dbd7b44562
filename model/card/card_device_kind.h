// The `card:<dir>` device kind of the host link: the host shim opens a simulated card by its state
// directory (secnic run --card DIR sets SECNIC_DEVICES="<bdf>=card:<dir>").
#pragma once

#include "tlm/hostlink/device_registry.h"

namespace secnic::card {

void register_card_device_kind(hostlink::DeviceRegistry& registry);

}  // namespace secnic::card
