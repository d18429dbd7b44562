// The power-fail report's picture: one SVG, x = flash operations of the action in order. Top band:
// the update FSM's state; middle: the flash operations (program / erase) and the verifier's
// acceptance; bottom: the outcome at the cut points (what the card booted), binned to pixels, red
// where any point of the bin failed.
#include <algorithm>
#include <map>
#include <sstream>

#include "model/power/cut_point.h"
#include "tools/campaign/powerfail_engine.h"

namespace secnic::campaign {
namespace {

using power::TimelineEvent;

const char* state_colour(fw::FsmState s) {
  switch (s) {
    case fw::FsmState::kIdle:
      return "#d9d9d9";
    case fw::FsmState::kLocked:
      return "#9ecae1";
    case fw::FsmState::kInitialize:
      return "#fdae6b";
    case fw::FsmState::kDownload:
      return "#74c476";
    case fw::FsmState::kVerify:
      return "#9e9ac8";
    case fw::FsmState::kApply:
    case fw::FsmState::kActivate:
      return "#fb6a4a";
    default:
      return "#bdbdbd";
  }
}

}  // namespace

std::string timeline_html(const std::vector<TimelineEvent>& timeline,
                          const std::vector<power::CutPoint>& points,
                          const std::map<std::string, power::BranchOutcome>& outcomes,
                          const BootReference& reference, const std::vector<CaseResult>& cases) {
  size_t ops = 0;
  for (const auto& e : timeline) ops += e.kind == TimelineEvent::Kind::kFlashOperation ? 1 : 0;
  const double width = 1200;
  const double scale = width / static_cast<double>(std::max<size_t>(ops, 1) + 1);
  std::ostringstream svg;
  svg << "<svg xmlns='http://www.w3.org/2000/svg' width='" << width + 120
      << "' height='150' font-family='sans-serif' font-size='11'>\n";
  svg << "<text x='0' y='22'>FSM state</text><text x='0' y='62'>flash ops</text>"
         "<text x='0' y='112'>outcome</text>\n";
  svg << "<g transform='translate(110,0)'>\n";
  // FSM state band.
  fw::FsmState state = fw::FsmState::kIdle;
  double from = 0;
  size_t op = 0;
  auto band = [&](double to) {
    if (to <= from) return;
    svg << "<rect x='" << from * scale << "' y='10' width='" << std::max((to - from) * scale, 0.5)
        << "' height='20' fill='" << state_colour(state) << "'><title>"
        << power::fsm_state_name(state) << "</title></rect>\n";
  };
  for (const auto& e : timeline) {
    if (e.kind == TimelineEvent::Kind::kFsmState) {
      band(static_cast<double>(op));
      from = static_cast<double>(op);
      state = e.state;
    } else if (e.kind == TimelineEvent::Kind::kFlashOperation) {
      ++op;
    } else if (e.kind == TimelineEvent::Kind::kVerified) {
      svg << "<line x1='" << op * scale << "' x2='" << op * scale
          << "' y1='40' y2='85' stroke='#6a51a3' stroke-width='2'><title>verifier accepted the "
             "component</title></line>\n";
    }
  }
  band(static_cast<double>(op));
  // Flash operations, binned per pixel: erase bins dark, program bins light.
  std::map<int, std::pair<int, int>> bins;  // pixel -> (programs, erases)
  op = 0;
  for (const auto& e : timeline) {
    if (e.kind != TimelineEvent::Kind::kFlashOperation) continue;
    auto& b = bins[static_cast<int>(op++ * scale)];
    (e.op_kind == model::FlashOperationKind::kPageProgram ? b.first : b.second)++;
  }
  for (const auto& [x, b] : bins) {
    svg << "<rect x='" << x << "' y='" << (b.second ? 45 : 55) << "' width='1' height='"
        << (b.second ? 30 : 15) << "' fill='" << (b.second ? "#d94801" : "#41ab5d") << "'/>\n";
  }
  // Outcomes per pixel.
  std::map<std::string, const CaseResult*> by_id;
  for (const auto& c : cases) by_id[c.id] = &c;
  std::map<int, std::tuple<int, int, int>> outcome_bins;  // pixel -> (old, new, failed)
  for (const auto& p : points) {
    const int x = static_cast<int>(point_position(p, timeline) * scale);
    auto& b = outcome_bins[x];
    auto c = by_id.find(p.id());
    auto o = outcomes.find(p.id());
    if (c == by_id.end() || !c->second->passed || o == outcomes.end()) {
      std::get<2>(b)++;
    } else if (describe_boot(o->second, reference).rfind("NEW", 0) == 0) {
      std::get<1>(b)++;
    } else {
      std::get<0>(b)++;
    }
  }
  for (const auto& [x, b] : outcome_bins) {
    const auto [old_boots, new_boots, failed] = b;
    const char* colour = failed ? "#cb181d" : new_boots ? "#2171b5" : "#9ecae1";
    svg << "<rect x='" << x << "' y='" << (failed ? 95 : 100) << "' width='1' height='"
        << (failed ? 30 : 20) << "' fill='" << colour << "'><title>" << old_boots << " boot OLD, "
        << new_boots << " boot NEW, " << failed << " failed</title></rect>\n";
  }
  svg << "<text x='0' y='145'>flash operation 0</text><text x='" << width - 60 << "' y='145'>"
      << ops << "</text>\n";
  svg << "</g></svg>\n";

  std::ostringstream html;
  html << "<h3>Timeline of the uncut action and outcome at every cut point</h3>\n" << svg.str();
  html << "<p class='legend'>FSM: <span style='background:#9ecae1'>LOCKED</span> "
          "<span style='background:#fdae6b'>INITIALIZE</span> "
          "<span style='background:#74c476'>DOWNLOAD</span> "
          "<span style='background:#9e9ac8'>VERIFY</span> "
          "<span style='background:#fb6a4a'>ACTIVATE</span> &middot; flash: "
          "<span style='color:#41ab5d'>program</span> <span style='color:#d94801'>erase</span> "
          "&middot; outcome: <span style='color:#9ecae1'>boots OLD</span> "
          "<span style='color:#2171b5'>boots NEW</span> <span style='color:#cb181d'>failed</span>"
          "</p>\n";
  return html.str();
}

}  // namespace secnic::campaign
