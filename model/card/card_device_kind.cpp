#include "model/card/card_device_kind.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <systemc>

#include "model/card/card.h"
#include "model/power/power_plan.h"
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
    // A power-fail campaign names its plan in the environment; it applies to the card it names.
    const char* plan_path = std::getenv(power::kPowerPlanEnv);
    if (plan_path == nullptr || *plan_path == '\0')
      return std::make_unique<Card>(name.c_str(), dir);
    power::PowerPlan plan;
    try {
      plan = power::load_power_plan(plan_path);
    } catch (const power::PowerPlanError& e) {
      throw hostlink::DeviceSpecError(std::string(power::kPowerPlanEnv) + ": " + e.what());
    }
    std::error_code error;
    const auto here = std::filesystem::weakly_canonical(dir, error);
    if (error || here != std::filesystem::weakly_canonical(plan.card_dir, error)) {
      return std::make_unique<Card>(name.c_str(), dir);
    }
    const Card::Sharing sharing =
        plan.mode == power::PlanMode::kBranch ? Card::Sharing::kIsolated : Card::Sharing::kShared;
    auto card = std::make_unique<Card>(name.c_str(), dir, Card::OnOpen::kPowerOnIfFresh, sharing);
    try {
      card->attach_power_plan(std::move(plan));
    } catch (const power::PowerPlanError& e) {
      throw hostlink::DeviceSpecError(std::string(power::kPowerPlanEnv) + ": " + e.what());
    }
    return card;
  });
}

}  // namespace secnic::card
