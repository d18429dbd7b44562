#include "tools/campaign/powerfail_plan.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace secnic::campaign {
namespace {

using power::CutPoint;
using power::CutTrigger;
using power::TimelineEvent;

uint64_t start_ps(const std::vector<TimelineEvent>& timeline) {
  for (const auto& e : timeline) {
    if (e.kind == TimelineEvent::Kind::kStart) return e.time_ps;
  }
  return 0;
}

CutPoint op_point(uint64_t index, model::CutMode mode, uint64_t seed) {
  CutPoint p;
  p.trigger = CutTrigger::kFlashOperation;
  p.op_index = index;
  p.mode = mode;
  p.seed = mode == model::CutMode::kTornOp ? seed : 0;
  return p;
}

}  // namespace

std::vector<size_t> sample_indices(size_t n, uint64_t count, uint64_t seed) {
  std::vector<size_t> all(n);
  for (size_t i = 0; i < n; ++i) all[i] = i;
  if (count >= n) return all;
  std::mt19937_64 rng(seed);
  // Partial Fisher-Yates: the first `count` entries become the sample.
  for (size_t i = 0; i < count; ++i) {
    std::uniform_int_distribution<size_t> pick(i, n - 1);
    std::swap(all[i], all[pick(rng)]);
  }
  all.resize(count);
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<CutPoint> plan_points(const std::vector<Sweep>& sweeps,
                                  const std::vector<TimelineEvent>& timeline) {
  std::vector<const TimelineEvent*> ops;
  std::vector<std::pair<fw::FsmState, uint32_t>> entries;
  std::map<fw::FsmState, uint32_t> seen;
  uint64_t end_ps = 0;
  for (const auto& e : timeline) {
    if (e.kind == TimelineEvent::Kind::kFlashOperation) ops.push_back(&e);
    if (e.kind == TimelineEvent::Kind::kFsmState) entries.push_back({e.state, ++seen[e.state]});
    end_ps = std::max(end_ps, e.time_ps);
  }
  const uint64_t begin_ps = start_ps(timeline);

  std::vector<CutPoint> points;
  for (const Sweep& s : sweeps) {
    switch (s.kind) {
      case SweepKind::kEveryOp:
        for (size_t i = 0; i < ops.size(); ++i) {
          for (model::CutMode mode : s.modes) points.push_back(op_point(i, mode, s.seed));
        }
        // Before every operation covers every boundary but the last: add "after the last".
        if (!ops.empty() && s.modes.size() == 1 && s.modes[0] == model::CutMode::kBeforeOp) {
          points.push_back(op_point(ops.size() - 1, model::CutMode::kAfterOp, 0));
        }
        break;
      case SweepKind::kStates:
        for (const auto& [state, n] : entries) {
          if (!s.only_states.empty() &&
              std::find(s.only_states.begin(), s.only_states.end(), state) == s.only_states.end()) {
            continue;
          }
          CutPoint p;
          p.trigger = CutTrigger::kFsmState;
          p.state = state;
          p.occurrence = n;
          points.push_back(p);
        }
        break;
      case SweepKind::kTimes: {
        std::vector<uint64_t> times = s.at_us;
        if (s.every_us) {
          const uint64_t span_us = end_ps > begin_ps ? (end_ps - begin_ps) / 1'000'000 : 0;
          for (uint64_t t = s.every_us; t <= span_us; t += s.every_us) times.push_back(t);
        }
        for (uint64_t t : times) {
          CutPoint p;
          p.trigger = CutTrigger::kTime;
          p.time_us = t;
          points.push_back(p);
        }
        break;
      }
      case SweepKind::kRandom: {
        if (ops.empty()) break;
        const uint64_t space = ops.size() * s.modes.size();
        for (size_t i : sample_indices(space, s.count, s.seed)) {
          const model::CutMode mode = s.modes[i % s.modes.size()];
          points.push_back(op_point(i / s.modes.size(), mode, s.seed));
        }
        break;
      }
    }
  }
  // Each point once, in the order the action reaches them.
  std::set<std::string> ids;
  std::vector<CutPoint> unique;
  for (const auto& p : points) {
    if (ids.insert(p.id()).second) unique.push_back(p);
  }
  std::stable_sort(unique.begin(), unique.end(), [&](const CutPoint& a, const CutPoint& b) {
    return point_position(a, timeline) < point_position(b, timeline);
  });
  return unique;
}

double point_position(const CutPoint& point, const std::vector<TimelineEvent>& timeline) {
  switch (point.trigger) {
    case CutTrigger::kFlashOperation:
      return static_cast<double>(point.op_index) + (point.mode == model::CutMode::kBeforeOp ? 0.0
                                                    : point.mode == model::CutMode::kTornOp ? 0.5
                                                                                            : 0.99);
    case CutTrigger::kEnd:
      break;
    case CutTrigger::kFsmState:
    case CutTrigger::kTime: {
      const uint64_t begin = start_ps(timeline);
      uint32_t entries = 0;
      double ops = 0;
      for (const auto& e : timeline) {
        if (point.trigger == CutTrigger::kFsmState && e.kind == TimelineEvent::Kind::kFsmState &&
            e.state == point.state && ++entries == point.occurrence) {
          return ops - 0.01;
        }
        if (point.trigger == CutTrigger::kTime && e.time_ps > begin &&
            (e.time_ps - begin) / 1'000'000 >= point.time_us) {
          return ops - 0.01;
        }
        if (e.kind == TimelineEvent::Kind::kFlashOperation) ops += 1;
      }
      return ops;
    }
  }
  double ops = 0;
  for (const auto& e : timeline) ops += e.kind == TimelineEvent::Kind::kFlashOperation ? 1 : 0;
  return ops + 0.5;
}

}  // namespace secnic::campaign
