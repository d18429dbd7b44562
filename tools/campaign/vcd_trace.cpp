// VCD (IEEE 1364 value change dump) of a replayed cut point, for GTKWave: the update FSM's state,
// the flash operation in progress (kind, address, index), the verifier's acceptance and the power,
// from the start of the action to the cut, then the boot. Times are card time in ns since the
// action's start.
#include <algorithm>
#include <bitset>
#include <sstream>

#include "model/power/cut_point.h"
#include "tools/campaign/powerfail_engine.h"

namespace secnic::campaign {
namespace {

using power::TimelineEvent;

template <size_t N>
std::string bits(uint64_t value) {
  return "b" + std::bitset<N>(value).to_string() + " ";
}

unsigned op_code(model::FlashOperationKind kind) {
  switch (kind) {
    case model::FlashOperationKind::kPageProgram:
      return 1;
    case model::FlashOperationKind::kSubsectorErase:
      return 2;
    case model::FlashOperationKind::kSectorErase:
      return 3;
    case model::FlashOperationKind::kBulkErase:
      return 4;
  }
  return 0;
}

}  // namespace

std::string vcd_trace(const std::vector<TimelineEvent>& timeline, const power::BranchOutcome& o,
                      const std::string& scenario_name) {
  uint64_t start = 0;
  for (const auto& e : timeline) {
    if (e.kind == TimelineEvent::Kind::kStart) start = e.time_ps;
  }
  auto ns = [&](uint64_t ps) { return ps > start ? (ps - start) / 1000 : 0; };
  std::ostringstream v;
  v << "$date secnic campaign replay $end\n$version secnic $end\n$timescale 1ns $end\n";
  v << "$comment scenario " << scenario_name << ", cut point " << o.id
    << "; fsm_state: 0 IDLE 1 LOCKED 2 INITIALIZE 3 DOWNLOAD 4 VERIFY 5 APPLY 6 ACTIVATE; "
       "flash_op: 0 none 1 page program 2 subsector erase 3 sector erase 4 bulk erase $end\n";
  v << "$scope module card $end\n"
       "$var wire 1 p power $end\n"
       "$var wire 4 s fsm_state $end\n"
       "$var wire 3 k flash_op $end\n"
       "$var wire 24 a flash_address $end\n"
       "$var wire 32 i flash_op_index $end\n"
       "$var wire 1 v verified $end\n"
       "$var wire 1 c power_cut $end\n"
       "$var wire 2 b booted $end\n"
       "$upscope $end\n$enddefinitions $end\n";
  v << "#0\n$dumpvars\n1p\n"
    << bits<4>(0) << "s\n"
    << bits<3>(0) << "k\n"
    << bits<24>(0) << "a\n"
    << bits<32>(0) << "i\n0v\n0c\n"
    << bits<2>(0) << "b\n$end\n";
  // Events sorted by time; an operation also ends (flash_op back to 0) after its duration.
  struct Change {
    uint64_t t;
    int order;
    std::string text;
  };
  std::vector<Change> changes;
  for (const auto& e : timeline) {
    switch (e.kind) {
      case TimelineEvent::Kind::kFsmState:
        changes.push_back({ns(e.time_ps), 1, bits<4>(static_cast<unsigned>(e.state)) + "s\n"});
        break;
      case TimelineEvent::Kind::kFlashOperation:
        changes.push_back({ns(e.time_ps), 2,
                           bits<3>(op_code(e.op_kind)) + "k\n" + bits<24>(e.address) + "a\n" +
                               bits<32>(e.op_index) + "i\n"});
        changes.push_back({ns(e.time_ps + e.duration_ps), 0, bits<3>(0) + "k\n"});
        break;
      case TimelineEvent::Kind::kVerified:
        changes.push_back({ns(e.time_ps), 3, "1v\n"});
        break;
      default:
        break;
    }
  }
  const uint64_t cut = ns(o.cut.time_ps);
  std::vector<Change> kept;
  for (auto& c : changes) {
    if (c.t <= cut) kept.push_back(std::move(c));
  }
  kept.push_back({cut, 9, "0p\n1c\n" + bits<3>(0) + "k\n"});
  const unsigned booted = !o.boot.booted ? 3 : o.boot.slot == 0 ? 1 : 2;
  kept.push_back({cut + 1000, 10,
                  "1p\n0c\n0v\n" + bits<4>(static_cast<unsigned>(o.boot.fsm_state)) + "s\n" +
                      bits<2>(booted) + "b\n"});
  std::stable_sort(kept.begin(), kept.end(), [](const Change& a, const Change& b) {
    return a.t != b.t ? a.t < b.t : a.order < b.order;
  });
  uint64_t last = UINT64_MAX;
  for (const auto& c : kept) {
    if (c.t != last) {
      v << "#" << c.t << "\n";
      last = c.t;
    }
    v << c.text;
  }
  v << "$comment booted: 1 slot A, 2 slot B, 3 nothing $end\n";
  return v.str();
}

}  // namespace secnic::campaign
