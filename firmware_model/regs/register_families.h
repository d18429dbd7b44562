// Internal to firmware_model/regs: each function declares one family of access registers into the
// table. The handlers keep references to their arguments, which must outlive the table.
#pragma once

#include <cstdint>

#include "firmware_model/regs/access_register.h"
#include "firmware_model/regs/device_profile.h"
#include "firmware_model/regs/image_status.h"
#include "firmware_model/regs/nv_config_store.h"
#include "firmware_model/update/update_controller.h"

namespace secnic::fw {

// MCAM: capability masks computed from the table's advertised declarations.
void declare_capability_register(AccessRegisterTable& table);
// MGIR.
void declare_general_information_register(AccessRegisterTable& table, const DeviceProfile& profile,
                                          const ImageStatus& images);
// MCQS, MCQI.
void declare_component_query_registers(AccessRegisterTable& table, const DeviceProfile& profile,
                                       const ImageStatus& images);
// MCC, MCDA (forwarded to the UpdateController) and MVTS.
void declare_component_update_registers(AccessRegisterTable& table, UpdateController& update);
// MQIS.
void declare_information_string_register(AccessRegisterTable& table, const DeviceProfile& profile);
// MNVA, NVQC, NVQGC.
void declare_nv_config_registers(AccessRegisterTable& table, NvConfigStore& store);

// A decimal number 0..9999 as BCD digits (2025 -> 0x2025), the way the registers carry dates.
constexpr uint32_t to_bcd(uint32_t decimal) {
  uint32_t bcd = 0;
  for (uint32_t shift = 0; decimal != 0 && shift < 32; shift += 4) {
    bcd |= (decimal % 10) << shift;
    decimal /= 10;
  }
  return bcd;
}

}  // namespace secnic::fw
