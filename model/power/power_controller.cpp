#include "model/power/power_controller.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace secnic::power {
namespace {

// One write() per record: O_APPEND keeps records of concurrent branches whole.
void append_line(int fd, std::string line) {
  line.push_back('\n');
  const char* p = line.data();
  size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere to report it; the campaign sees the point without a record
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

PowerController::PowerController(PoweredDevice& device, PowerPlan plan)
    : m_device(device), m_plan(std::move(plan)) {
  m_results_fd = ::open(m_plan.results.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (m_results_fd < 0) {
    throw PowerPlanError(m_plan.results +
                         ": cannot open for the outcomes: " + std::strerror(errno));
  }
  for (const CutPoint& p : m_plan.points) {
    switch (p.trigger) {
      case CutTrigger::kFlashOperation:
        m_by_operation[p.op_index].push_back(p);
        break;
      case CutTrigger::kFsmState:
        m_by_state[{p.state, p.occurrence}].push_back(p);
        break;
      case CutTrigger::kTime:
        m_by_time.push_back(p);
        break;
      case CutTrigger::kEnd:
        break;
    }
  }
  std::stable_sort(m_by_time.begin(), m_by_time.end(),
                   [](const CutPoint& a, const CutPoint& b) { return a.time_us < b.time_us; });
  m_start_ps = m_device.card_time_ps();
  m_last_state = m_device.fsm_state();
}

PowerController::~PowerController() {
  if (m_results_fd >= 0) ::close(m_results_fd);
}

uint64_t PowerController::action_time_us(uint64_t card_time_ps) const {
  return card_time_ps > m_start_ps ? (card_time_ps - m_start_ps) / 1'000'000 : 0;
}

CutFacts PowerController::facts_now(const model::FlashOperationStart* op) const {
  CutFacts f;
  f.fsm_state = m_device.fsm_state();
  f.time_ps = op ? static_cast<uint64_t>(op->start.value()) : m_device.card_time_ps();
  if (op) {
    f.in_flash_operation = true;
    f.op_kind = op->kind;
    f.op_address = op->address;
    f.op_length = op->length;
  }
  return f;
}

void PowerController::on_flash_operation(const model::FlashOperationStart& op) {
  if (m_branch) return;  // a branch cut its power already; nothing more to plan
  TimelineEvent e;
  e.kind = TimelineEvent::Kind::kFlashOperation;
  e.time_ps = static_cast<uint64_t>(op.start.value());
  e.op_index = op.op_index;
  e.op_kind = op.kind;
  e.address = op.address;
  e.length = op.length;
  e.duration_ps = static_cast<uint64_t>(op.duration.value());
  e.state = m_device.fsm_state();
  record(e);

  check_state_and_time(&op);
  if (m_branch) return;
  auto it = m_by_operation.find(op.op_index);
  if (it == m_by_operation.end()) return;
  for (const CutPoint& point : it->second) {
    reach(point, &op);
    if (m_branch) return;  // the child: its cut is armed, let the operation meet it
  }
}

void PowerController::record(TimelineEvent event) {
  if (!m_timeline.empty()) event.time_ps = std::max(event.time_ps, m_timeline.back().time_ps);
  m_timeline.push_back(event);
}

void PowerController::on_component_verified(const fw::ComponentInfo& verified) {
  if (m_branch) return;
  std::array<uint8_t, 32> digest{};
  std::copy(std::begin(verified.sha256), std::end(verified.sha256), digest.begin());
  m_verified.push_back(digest);
  TimelineEvent e;
  e.kind = TimelineEvent::Kind::kVerified;
  e.time_ps = m_device.card_time_ps();
  record(e);
}

void PowerController::after_access() {
  if (m_branch) {
    if (m_plan.mode == PlanMode::kBranch) evaluate_branch_and_exit();
    return;  // inline: the tool goes on against a card without power
  }
  ++m_accesses;
  check_state_and_time(nullptr);
  if (m_branch && m_plan.mode == PlanMode::kBranch) evaluate_branch_and_exit();
}

void PowerController::check_state_and_time(const model::FlashOperationStart* op) {
  const fw::FsmState state = m_device.fsm_state();
  if (state != m_last_state) {
    m_last_state = state;
    const uint32_t n = ++m_state_entries[state];
    TimelineEvent e;
    e.kind = TimelineEvent::Kind::kFsmState;
    e.time_ps = op ? static_cast<uint64_t>(op->start.value()) : m_device.card_time_ps();
    e.state = state;
    record(e);
    auto it = m_by_state.find({state, n});
    if (it != m_by_state.end()) {
      for (const CutPoint& point : it->second) {
        reach(point, nullptr);
        if (m_branch) return;
      }
    }
  }
  const uint64_t now_us =
      action_time_us(op ? static_cast<uint64_t>(op->start.value()) : m_device.card_time_ps());
  while (m_next_time < m_by_time.size() && m_by_time[m_next_time].time_us <= now_us) {
    reach(m_by_time[m_next_time++], nullptr);
    if (m_branch) return;
  }
}

void PowerController::reach(const CutPoint& point, const model::FlashOperationStart* op) {
  switch (m_plan.mode) {
    case PlanMode::kRecord:
      return;
    case PlanMode::kInline:
      if (m_inline_cut_done) return;
      m_inline_cut_done = true;
      m_branch = Branch{point, facts_now(op)};
      apply_cut(point, op);
      return;
    case PlanMode::kBranch:
      if (m_plan.memo && !point.dump_card && point.trigger == CutTrigger::kFlashOperation && op) {
        // The flash the branch would boot: as now, plus the cut operation unless it is cut before.
        const bool changes = point.mode != model::CutMode::kBeforeOp;
        BranchOutcome o;
        if (m_device.recall_outcome(changes ? op->address : 0, changes ? op->length : 0, o.boot,
                                    o.preserved, o.evaluated_by)) {
          o.id = point.id();
          o.cut = facts_now(op);
          o.verified = m_verified;
          write_record(to_json_line(o));
          return;
        }
      }
      if (fork_branch(point)) {
        m_branch = Branch{point, facts_now(op)};
        apply_cut(point, op);
      }
      return;
  }
}

void PowerController::apply_cut(const CutPoint& point, const model::FlashOperationStart* op) {
  if (point.trigger == CutTrigger::kFlashOperation && op) {
    m_device.arm_flash_cut(op->op_index, point.mode, point.seed);
    return;
  }
  uint64_t at = op ? static_cast<uint64_t>(op->start.value()) : m_device.card_time_ps();
  if (point.trigger == CutTrigger::kTime) at = m_start_ps + point.time_us * 1'000'000;
  m_device.cut_power_at(at);
  m_branch->cut.time_ps = at;
}

bool PowerController::fork_branch(const CutPoint& point) {
  reap(m_plan.jobs > 0 ? m_plan.jobs - 1 : 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    m_live.clear();  // the parent's branches are not this process's children
    m_device.begin_branch();
    return true;
  }
  if (pid < 0) {
    BranchOutcome o;
    o.id = point.id();
    o.error = std::string("fork failed: ") + std::strerror(errno);
    write_record(to_json_line(o));
    return false;
  }
  m_live.push_back(LiveBranch{pid, point.id()});
  return false;
}

void PowerController::reap(size_t keep_at_most) {
  // Collect finished branches without blocking, then wait for the oldest while there are too many.
  auto collect = [&](size_t index, int status) {
    const LiveBranch b = m_live[index];
    m_live.erase(m_live.begin() + static_cast<long>(index));
    const bool clean = WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3);
    if (clean) return;  // the branch wrote its record
    BranchOutcome o;
    o.id = b.id;
    o.error = WIFSIGNALED(status)
                  ? "the branch process was killed by signal " + std::to_string(WTERMSIG(status))
                  : "the branch process exited with status " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    write_record(to_json_line(o));
  };
  for (size_t i = 0; i < m_live.size();) {
    int status = 0;
    const pid_t r = ::waitpid(m_live[i].pid, &status, WNOHANG);
    if (r == m_live[i].pid) {
      collect(i, status);
    } else if (r < 0 && errno != EINTR) {
      m_live.erase(m_live.begin() + static_cast<long>(i));  // not our child any more
    } else {
      ++i;
    }
  }
  while (m_live.size() > keep_at_most) {
    int status = 0;
    const pid_t r = ::waitpid(m_live.front().pid, &status, 0);
    if (r == m_live.front().pid) {
      collect(0, status);
    } else if (r < 0 && errno != EINTR) {
      m_live.erase(m_live.begin());
    }
  }
}

BranchOutcome PowerController::evaluate(const CutPoint& point, const CutFacts& cut) {
  BranchOutcome o;
  o.id = point.id();
  o.cut = cut;
  o.verified = m_verified;
  try {
    o.boot = m_device.power_up();
    o.preserved = m_device.preserved_digest();
    if (m_plan.memo) m_device.remember_outcome(o.boot, o.preserved, o.id);
    if (point.dump_card || (point.trigger == CutTrigger::kEnd && m_plan.dump_end)) {
      o.dump_dir = m_plan.dump_dir + "/" + o.id;
      m_device.save_card(o.dump_dir);
    }
  } catch (const std::exception& e) {
    o.error = e.what();
  }
  return o;
}

void PowerController::evaluate_branch_and_exit() {
  const BranchOutcome o = evaluate(m_branch->point, m_branch->cut);
  write_record(to_json_line(o));
  // No exit handlers, no stdio flush: the tool's buffered output belongs to the parent.
  ::_exit(o.error.empty() ? 0 : 3);
}

void PowerController::write_record(const std::string& line) { append_line(m_results_fd, line); }

void PowerController::finish() {
  if (m_finished) return;
  if (m_branch && m_plan.mode == PlanMode::kBranch) return;  // a branch never finishes the action
  m_finished = true;
  TimelineEvent end;
  end.kind = TimelineEvent::Kind::kEnd;
  end.time_ps = m_device.card_time_ps();
  end.accesses = m_accesses;
  record(end);

  switch (m_plan.mode) {
    case PlanMode::kRecord:
      break;
    case PlanMode::kInline:
      if (m_branch) {
        write_record(to_json_line(evaluate(m_branch->point, m_branch->cut)));
      } else if (!m_plan.points.empty()) {
        BranchOutcome o;
        o.id = m_plan.points.front().id();
        o.reached = false;
        write_record(to_json_line(o));
      } else if (m_plan.include_end) {
        CutPoint end_point;
        m_device.cut_power_at(m_device.card_time_ps());
        write_record(to_json_line(evaluate(end_point, facts_now(nullptr))));
      }
      break;
    case PlanMode::kBranch: {
      // Points the action never reached are reported as such (a shorter action than planned).
      auto unreached = [&](const CutPoint& p) {
        BranchOutcome o;
        o.id = p.id();
        o.reached = false;
        write_record(to_json_line(o));
      };
      const uint64_t ops = std::count_if(m_timeline.begin(), m_timeline.end(), [](const auto& e) {
        return e.kind == TimelineEvent::Kind::kFlashOperation;
      });
      for (const auto& [index, points] : m_by_operation) {
        if (index >= ops) {
          for (const auto& p : points) unreached(p);
        }
      }
      for (const auto& [key, points] : m_by_state) {
        if (m_state_entries[key.first] < key.second) {
          for (const auto& p : points) unreached(p);
        }
      }
      for (size_t i = m_next_time; i < m_by_time.size(); ++i) unreached(m_by_time[i]);
      if (m_plan.include_end) {
        CutPoint end_point;
        if (fork_branch(end_point)) {
          m_branch = Branch{end_point, facts_now(nullptr)};
          m_device.cut_power_at(m_device.card_time_ps());
          evaluate_branch_and_exit();
        }
      }
      reap(0);
      break;
    }
  }
  write_timeline();
}

void PowerController::write_timeline() {
  if (m_plan.timeline.empty()) return;
  std::ofstream out(m_plan.timeline, std::ios::trunc);
  TimelineEvent start;
  start.kind = TimelineEvent::Kind::kStart;
  start.time_ps = m_start_ps;
  out << to_json_line(start) << "\n";
  for (const TimelineEvent& e : m_timeline) out << to_json_line(e) << "\n";
}

}  // namespace secnic::power
