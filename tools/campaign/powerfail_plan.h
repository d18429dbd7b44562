// From sweeps and the uncut action's timeline to the list of cut points (each once, in the order
// the action reaches them), and the position of a point on the timeline (for reports).
#pragma once

#include <cstdint>
#include <vector>

#include "model/power/cut_point.h"
#include "model/power/timeline.h"
#include "tools/campaign/powerfail_scenario.h"

namespace secnic::campaign {

std::vector<power::CutPoint> plan_points(const std::vector<Sweep>& sweeps,
                                         const std::vector<power::TimelineEvent>& timeline);

// How many flash operations had started when the point cut (its x position on the timeline).
double point_position(const power::CutPoint& point,
                      const std::vector<power::TimelineEvent>& timeline);

// `count` distinct indices of [0, n), chosen reproducibly from `seed`, in increasing order.
std::vector<size_t> sample_indices(size_t n, uint64_t count, uint64_t seed);

}  // namespace secnic::campaign
