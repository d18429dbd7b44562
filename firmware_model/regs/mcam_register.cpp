// MCAM: which access registers this firmware implements, per access-register group, derived from
// the declarations themselves so the mask can never advertise a register the table does not answer.
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace mcam = layout::mcam;

namespace {

// Groups 0..3 cover the management registers 0x9000..0x91FF.
constexpr uint32_t kAccessRegGroups = 4;

RegStatus get_mcam(const AccessRegisterTable& table, std::vector<uint8_t>& body) {
  const uint32_t group = layout::get(body, mcam::access_reg_group);
  if (group >= kAccessRegGroups) {
    firmware_log()->warn("MCAM: access_reg_group {} is not implemented", group);
    return RegStatus::kBadParam;
  }
  layout::set(body, mcam::mng_access_reg_cap_mask, nullptr, 0);
  layout::set(body, mcam::mng_feature_cap_mask, nullptr, 0);
  for (const auto& [id, reg] : table.registers()) {
    if (!reg.advertised() || id < mcam::kFirstRegisterId ||
        mcam::access_reg_group_of(id) != group) {
      continue;
    }
    body[mcam::cap_mask_byte(id)] |= static_cast<uint8_t>(1u << mcam::cap_mask_bit(id));
  }
  return RegStatus::kOk;
}

}  // namespace

void declare_capability_register(AccessRegisterTable& table) {
  table.declare(mcam::kId, "MCAM", mcam::kSize).on_get([&table](std::vector<uint8_t>& body) {
    return get_mcam(table, body);
  });
}

}  // namespace secnic::fw
