#include "tools/campaign/powerfail_engine.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <thread>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/crypto/digest.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/mcc_component.h"
#include "model/card/card_config.h"

namespace secnic::campaign {
namespace fs = std::filesystem;
using power::BranchOutcome;
using power::CutPoint;
using power::CutTrigger;

namespace {

std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot read");
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

bool unhex32(const std::string& text, std::array<uint8_t, 32>& out) {
  if (text.size() != 64) return false;
  for (size_t i = 0; i < 32; ++i) {
    unsigned v = 0;
    if (std::sscanf(text.c_str() + 2 * i, "%2x", &v) != 1) return false;
    out[i] = static_cast<uint8_t>(v);
  }
  return true;
}

uint32_t parse_version_text(const std::string& text) {
  unsigned a = 0, b = 0, c = 0;
  if (std::sscanf(text.c_str(), "%u.%u.%u", &a, &b, &c) != 3) return 0;
  return (a & 0xff) << 24 | (b & 0xff) << 16 | (c & 0xffff);
}

std::string tail(const std::string& text, size_t max = 1500) {
  return text.size() <= max ? text : "..." + text.substr(text.size() - max);
}

size_t count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return static_cast<size_t>(
      std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

std::string cut_words(const power::CutFacts& cut) {
  std::string s = std::string("in ") + power::fsm_state_name(cut.fsm_state);
  if (cut.in_flash_operation) {
    char where[64];
    std::snprintf(where, sizeof where, " (%s at 0x%06x)", model::to_string(cut.op_kind),
                  cut.op_address);
    s += where;
  }
  return s;
}

}  // namespace

PowerfailEngine::PowerfailEngine(const ScenarioFixture& fixture, const PowerfailScenario& scenario,
                                 const CampaignOptions& options, std::ostream& progress)
    : m_fixture(fixture), m_scenario(scenario), m_options(options), m_progress(progress) {
  if (!m_scenario.installs.empty()) {
    // What the card must boot once the update is in: the component the tool sends, as the slot
    // holds it (FS3 magic restored).
    const std::string path = m_fixture.image(m_scenario.installs);
    auto parsed = image::parse_image(read_bytes(path));
    if (!parsed) {
      throw ScenarioError(m_fixture.reader().file() + ": expect.installs: " + path + ": " +
                          parsed.error().message);
    }
    auto slot = image::component_to_flash_image(image::make_component(*parsed));
    if (!slot) {
      throw ScenarioError(m_fixture.reader().file() + ": expect.installs: " + path + ": " +
                          slot.error().message);
    }
    const auto d = crypto::sha256(slot->data(), slot->size());
    std::array<uint8_t, 32> sha{};
    std::copy(d.begin(), d.end(), sha.begin());
    m_new_sha = sha;
    const image::FwVersion& v = parsed->image_info().fw_version;
    m_new_version = uint32_t{static_cast<uint8_t>(v.major)} << 24 |
                    uint32_t{static_cast<uint8_t>(v.minor)} << 16 | v.subminor;
  }
}

BootReference PowerfailEngine::reference_for(const std::string& card_dir) const {
  BootReference ref;
  const ProcessResult info = m_fixture.secnic({"card", "info", card_dir, "--json"});
  const nlohmann::json j = nlohmann::json::parse(info.output, nullptr, false);
  if (info.exit_code != 0 || j.is_discarded() || !j.value("booted", false) ||
      !j.contains("running")) {
    throw ScenarioError(m_fixture.reader().file() + ": the card in " + card_dir +
                        " does not boot before the action: " + tail(info.output));
  }
  if (!unhex32(j["running"].value("sha256", ""), ref.old_sha)) {
    throw ScenarioError("secnic card info: no running sha256");
  }
  ref.old_version = parse_version_text(j["running"].value("version", ""));
  ref.new_sha = m_new_sha;
  ref.new_version = m_new_version;
  // What the card computes as preserved_digest(): the flash between the slots and the normalised
  // configuration.
  const std::vector<uint8_t> flash = read_bytes(card_dir + "/flash.bin");
  if (flash.size() < fw::kSlotBBase) throw ScenarioError(card_dir + "/flash.bin: too small");
  std::vector<uint8_t> bytes(flash.begin() + fw::kSlotABase + fw::kSlotMaxSize,
                             flash.begin() + fw::kSlotBBase);
  std::ifstream config_file(card_dir + "/card.json");
  std::stringstream text;
  text << config_file.rdbuf();
  const std::string config =
      card::to_json(card::config_from_json(text.str(), card_dir + "/card.json"));
  bytes.insert(bytes.end(), config.begin(), config.end());
  const auto d = crypto::sha256(bytes.data(), bytes.size());
  std::copy(d.begin(), d.end(), ref.preserved.begin());
  return ref;
}

power::PowerPlan PowerfailEngine::plan_for(const std::string& card, const std::string& dir,
                                           power::PlanMode mode, std::vector<CutPoint> points,
                                           bool include_end) const {
  power::PowerPlan plan;
  plan.mode = mode;
  plan.card_dir = fs::weakly_canonical(card).string();
  plan.jobs = std::max(1u, m_options.jobs);
  plan.results = dir + "/outcomes.jsonl";
  plan.timeline = dir + "/timeline.jsonl";
  plan.dump_dir = dir + "/recovered";
  plan.points = std::move(points);
  plan.include_end = include_end;
  std::error_code error;
  fs::remove(plan.results, error);
  fs::remove(plan.timeline, error);
  return plan;
}

ProcessResult PowerfailEngine::run_with_plan(const std::string& host, const std::string& card,
                                             const power::PowerPlan& plan, const std::string& label,
                                             size_t expected_records,
                                             const std::vector<std::string>& progress_files) const {
  const std::string plan_path = fs::path(plan.results).parent_path().string() + "/plan.json";
  {
    std::ofstream out(plan_path, std::ios::trunc);
    out << power::to_json(plan);
  }
  ProcessOptions options;
  options.timeout = std::chrono::seconds(m_scenario.host_timeout_s);
  options.env = {std::string(power::kPowerPlanEnv) + "=" + plan_path};
  if (plan.mode == power::PlanMode::kBranch) {
    // Every branch is a fork() of the tool, whose cost is mostly copying its page tables: glibc's
    // malloc on transparent huge pages needs far fewer of them (measured: ~15% less CPU per point).
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    options.env.push_back(std::string("GLIBC_TUNABLES=") +
                          (tunables && *tunables ? std::string(tunables) + ":" : std::string()) +
                          "glibc.malloc.hugetlb=1");
  }
  const auto started = std::chrono::steady_clock::now();
  auto last_report = started;
  if (expected_records > 100 && !progress_files.empty()) {
    options.on_tick = [&, started] {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_report < std::chrono::seconds(2)) return;
      last_report = now;
      size_t done = 0;
      for (const auto& f : progress_files) done += count_lines(f);
      const double s = std::chrono::duration<double>(now - started).count();
      m_progress << "  " << label << ": " << done << "/" << expected_records << " points, "
                 << static_cast<uint64_t>(done / std::max(s, 1e-3)) << " points/s\n"
                 << std::flush;
    };
  }
  return m_fixture.run_host(host, card, options);
}

std::vector<BranchOutcome> PowerfailEngine::read_outcomes(const std::string& path) const {
  std::vector<BranchOutcome> outcomes;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::string error;
    auto o = power::branch_outcome_from_json(line, error);
    if (o) outcomes.push_back(std::move(*o));
  }
  return outcomes;
}

SweepRun PowerfailEngine::sweep(const std::string& card, const std::string& host,
                                const std::vector<Sweep>& sweeps, const std::string& dir,
                                bool shard, uint64_t dump_count, uint64_t dump_seed) {
  SweepRun run;
  fs::create_directories(dir + "/probe");
  fs::create_directories(dir + "/branch");
  // 1. The uncut action, recorded.
  const std::string probe_card = dir + "/probe/card";
  ScenarioFixture::clone_card(card, probe_card);
  const power::PowerPlan probe_plan =
      plan_for(probe_card, dir + "/probe", power::PlanMode::kRecord, {}, false);
  run.probe = run_with_plan(host, probe_card, probe_plan, "probe", 0);
  try {
    run.timeline = power::read_timeline(probe_plan.timeline);
  } catch (const std::exception& e) {
    throw ScenarioError(m_fixture.reader().file() + ": the uncut action left no timeline (" +
                        e.what() + "); it printed: " + tail(run.probe.output));
  }
  // 2. The points, this shard's share, the ones whose recovered card is kept.
  std::vector<CutPoint> points = plan_points(sweeps, run.timeline);
  if (shard && m_options.shard_count > 1) {
    std::vector<CutPoint> mine;
    for (size_t i = 0; i < points.size(); ++i) {
      if (i % m_options.shard_count == m_options.shard_index) mine.push_back(points[i]);
    }
    points = std::move(mine);
  }
  for (size_t i : sample_indices(points.size(), dump_count, dump_seed)) points[i].dump_card = true;
  run.points = points;
  // 3. The branching run, in `jobs` lanes: each lane runs the whole action and forks at its share
  // of the points (every jobs-th), so the forking — the serial part of a lane — is spread over the
  // cores.
  const size_t lanes = std::max<size_t>(1, std::min<size_t>(m_options.jobs, points.size()));
  std::vector<power::PowerPlan> plans;
  std::vector<std::string> cards, progress_files;
  for (size_t lane = 0; lane < lanes; ++lane) {
    const std::string lane_dir = dir + "/branch/" + std::to_string(lane);
    fs::create_directories(lane_dir);
    cards.push_back(lane_dir + "/card");
    ScenarioFixture::clone_card(card, cards.back());
    std::vector<CutPoint> share;
    for (size_t i = lane; i < points.size(); i += lanes) share.push_back(points[i]);
    plans.push_back(
        plan_for(cards.back(), lane_dir, power::PlanMode::kBranch, std::move(share), lane == 0));
    plans.back().jobs = 2;  // branches of one lane evaluating while the lane goes on
    plans.back().memo = m_options.memo;
    progress_files.push_back(plans.back().results);
  }
  const auto started = std::chrono::steady_clock::now();
  std::vector<ProcessResult> lane_runs(lanes);
  {
    std::vector<std::thread> threads;
    for (size_t lane = 0; lane < lanes; ++lane) {
      threads.emplace_back([&, lane] {
        lane_runs[lane] = run_with_plan(host, cards[lane], plans[lane], "sweep", points.size() + 1,
                                        lane == 0 ? progress_files : std::vector<std::string>{});
      });
    }
    for (auto& t : threads) t.join();
  }
  run.sweep_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  run.branch = lane_runs[0];
  for (size_t lane = 1; lane < lanes; ++lane) {
    if (lane_runs[lane].exit_code != lane_runs[0].exit_code || lane_runs[lane].timed_out) {
      run.branch.output += "\n[lane " + std::to_string(lane) + " exited with " +
                           std::to_string(lane_runs[lane].exit_code) + "]\n" +
                           tail(lane_runs[lane].output, 400);
    }
  }
  for (const auto& plan : plans) {
    for (auto& o : read_outcomes(plan.results)) {
      const std::string id = o.id;
      run.outcomes.emplace(id, std::move(o));
    }
  }
  return run;
}

std::string PowerfailEngine::point_name(const CutPoint& point, const BranchOutcome* o) const {
  std::string s;
  switch (point.trigger) {
    case CutTrigger::kFlashOperation:
      s = std::string(point.mode == model::CutMode::kBeforeOp  ? "before"
                      : point.mode == model::CutMode::kAfterOp ? "after"
                                                               : "torn in") +
          " flash operation #" + std::to_string(point.op_index);
      break;
    case CutTrigger::kFsmState:
      s = std::string("entering ") + power::fsm_state_name(point.state) + " (#" +
          std::to_string(point.occurrence) + ")";
      break;
    case CutTrigger::kTime:
      s = "at " + std::to_string(point.time_us / 1000) + " ms";
      break;
    case CutTrigger::kEnd:
      s = "after the action";
      break;
  }
  if (o && o->reached && o->error.empty()) s += " " + cut_words(o->cut);
  return s;
}

void PowerfailEngine::add_point_cases(const SweepRun& run, const BootReference& ref,
                                      const std::string& prefix, ScenarioResult& result) const {
  for (const CutPoint& p : run.points) {
    CaseResult c;
    c.id = prefix + p.id();
    auto it = run.outcomes.find(p.id());
    c.name = point_name(p, it == run.outcomes.end() ? nullptr : &it->second);
    if (it == run.outcomes.end()) {
      c.message = "no outcome was recorded for this point (the branching run printed: " +
                  tail(run.branch.output, 400) + ")";
    } else {
      const auto violations = check_outcome(it->second, ref, m_scenario.invariants);
      c.passed = violations.empty();
      for (const auto& v : violations) c.message += (c.message.empty() ? "" : "\n") + v;
      c.detail = "boots " + describe_boot(it->second, ref) + "\n" + it->second.boot.summary;
      if (!it->second.evaluated_by.empty()) {
        c.detail +=
            "(memoised: the power-up reads the same bytes as at " + it->second.evaluated_by + ")\n";
      }
    }
    result.cases.push_back(std::move(c));
  }
}

CaseResult PowerfailEngine::end_case(const SweepRun& run, const BootReference& ref,
                                     const std::string& prefix) const {
  CaseResult c;
  c.id = prefix + "end";
  c.name = "the uncut action, then a power cycle";
  std::vector<std::string> problems;
  const bool exit_ok = m_scenario.host_exit ? run.probe.exit_code == *m_scenario.host_exit
                                            : run.probe.exit_code != 0;
  if (run.probe.timed_out) {
    problems.push_back("the host action timed out");
  } else if (!exit_ok) {
    problems.push_back("the host action exited with " + std::to_string(run.probe.exit_code) +
                       ", expected " +
                       (m_scenario.host_exit ? std::to_string(*m_scenario.host_exit) : "non-zero"));
  }
  auto it = run.outcomes.find("end");
  if (it == run.outcomes.end()) {
    problems.push_back("no outcome for the end of the action");
  } else {
    for (const auto& v : check_outcome(it->second, ref, m_scenario.invariants))
      problems.push_back(v);
    const BranchOutcome& o = it->second;
    const bool boots_new =
        ref.new_sha && o.boot.booted &&
        std::equal(ref.new_sha->begin(), ref.new_sha->end(), o.boot.running.sha256);
    const bool boots_old =
        o.boot.booted && std::equal(ref.old_sha.begin(), ref.old_sha.end(), o.boot.running.sha256);
    if (ref.new_sha && !boots_new) {
      problems.push_back("after the uncut action the card boots " + describe_boot(o, ref) +
                         ", expected NEW");
    } else if (!ref.new_sha && !boots_old) {
      problems.push_back("after the uncut action the card boots " + describe_boot(o, ref) +
                         ", expected OLD (the action installs nothing)");
    }
    c.detail = "boots " + describe_boot(o, ref) + "\n";
  }
  c.detail += "host action output (tail):\n" + tail(run.probe.output, 800);
  c.passed = problems.empty();
  for (const auto& p : problems) c.message += (c.message.empty() ? "" : "\n") + p;
  return c;
}

CaseResult PowerfailEngine::retry_case(const std::string& id, const BranchOutcome& o) const {
  CaseResult c;
  c.id = id + "/retry";
  c.name = "retry the update on the card recovered from " + id;
  const auto started = std::chrono::steady_clock::now();
  const std::string host = m_scenario.retry_host.empty() ? m_scenario.host : m_scenario.retry_host;
  ProcessOptions options;
  options.timeout = std::chrono::seconds(m_scenario.host_timeout_s);
  const ProcessResult tool = m_fixture.run_host(host, o.dump_dir, options);
  std::vector<std::string> problems;
  const bool exit_ok =
      m_scenario.host_exit ? tool.exit_code == *m_scenario.host_exit : tool.exit_code != 0;
  if (tool.timed_out || !exit_ok) {
    problems.push_back("the retried action exited with " + std::to_string(tool.exit_code) +
                       (tool.timed_out ? " (timed out)" : ""));
  }
  const ProcessResult cycle = m_fixture.secnic({"card", "power-cycle", o.dump_dir});
  const ProcessResult info = m_fixture.secnic({"card", "info", o.dump_dir, "--json"});
  const nlohmann::json j = nlohmann::json::parse(info.output, nullptr, false);
  std::array<uint8_t, 32> sha{};
  const bool booted = !j.is_discarded() && j.value("booted", false) && j.contains("running") &&
                      unhex32(j["running"].value("sha256", ""), sha);
  if (cycle.exit_code != 0 || !booted) {
    problems.push_back("after the retry and a power cycle the card does not boot: " +
                       tail(cycle.output + info.output, 400));
  } else if (m_new_sha && sha != *m_new_sha) {
    problems.push_back("after the retry and a power cycle the card runs " +
                       j["running"].value("version", std::string("?")) + ", not NEW");
  }
  c.passed = problems.empty();
  for (const auto& p : problems) c.message += (c.message.empty() ? "" : "\n") + p;
  c.detail = "retried action output (tail):\n" + tail(tool.output, 800);
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return c;
}

std::optional<BranchOutcome> PowerfailEngine::run_inline(
    const CutPoint& point, const std::string& card, const std::string& host, const std::string& dir,
    ProcessResult& tool, std::vector<power::TimelineEvent>* timeline) const {
  fs::create_directories(dir);
  const std::string inline_card = dir + "/card";
  ScenarioFixture::clone_card(card, inline_card);
  const bool is_end = point.trigger == CutTrigger::kEnd;
  const power::PowerPlan plan =
      plan_for(inline_card, dir, power::PlanMode::kInline,
               is_end ? std::vector<CutPoint>{} : std::vector<CutPoint>{point}, is_end);
  tool = run_with_plan(host, inline_card, plan, "replay", 0);
  if (timeline) {
    try {
      *timeline = power::read_timeline(plan.timeline);
    } catch (const std::exception&) {
      timeline->clear();
    }
  }
  auto outcomes = read_outcomes(plan.results);
  if (outcomes.empty()) return std::nullopt;
  return outcomes.front();
}

CaseResult PowerfailEngine::host_case(const CutPoint& point, const BranchOutcome& branch,
                                      const BootReference& ref, const std::string& dir) const {
  CaseResult c;
  c.id = point.id() + "/host";
  c.name = "cut for real " + point_name(point, &branch) + ": the tool fails, the card agrees";
  ProcessResult tool;
  const auto inline_outcome =
      run_inline(point, m_fixture.card_dir(), m_scenario.host, dir, tool, nullptr);
  std::vector<std::string> problems;
  if (tool.timed_out) {
    problems.push_back("the tool hung after the card lost power (killed after " +
                       std::to_string(m_scenario.host_timeout_s) + " s)");
  } else if (tool.exit_code == 0) {
    problems.push_back("the tool reported success although the card lost power mid-action");
  }
  if (!inline_outcome) {
    problems.push_back("no outcome was recorded");
  } else {
    for (const auto& v : check_outcome(*inline_outcome, ref, m_scenario.invariants)) {
      problems.push_back(v);
    }
    if (describe_boot(*inline_outcome, ref) != describe_boot(branch, ref)) {
      problems.push_back("the real cut boots " + describe_boot(*inline_outcome, ref) +
                         " but the branched one " + describe_boot(branch, ref));
    }
  }
  c.passed = problems.empty();
  for (const auto& p : problems) c.message += (c.message.empty() ? "" : "\n") + p;
  c.detail = "tool exit " + std::to_string(tool.exit_code) + " after " +
             std::to_string(tool.seconds) + " s; output (tail):\n" + tail(tool.output, 600);
  c.seconds = tool.seconds;
  return c;
}

ScenarioResult PowerfailEngine::run() {
  ScenarioResult result;
  result.kind = "powerfail";
  result.name = m_scenario.name;
  const auto started = std::chrono::steady_clock::now();
  const BootReference ref = reference_for(m_fixture.card_dir());
  const std::string dir = m_fixture.work_dir() + "/sweep";
  const uint64_t dumps = m_scenario.invariants.retry_succeeds
                             ? std::max(m_scenario.retry.count, m_scenario.nested.count)
                             : m_scenario.nested.count;
  SweepRun run = sweep(m_fixture.card_dir(), m_scenario.host, m_scenario.sweeps, dir, true, dumps,
                       m_scenario.retry.seed);
  size_t memoised = 0;
  for (const auto& [id, o] : run.outcomes) memoised += o.evaluated_by.empty() ? 0 : 1;
  m_progress << "  " << run.points.size() << " points in " << run.sweep_seconds << " s ("
             << static_cast<uint64_t>(run.points.size() / std::max(run.sweep_seconds, 1e-3))
             << " points/s, jobs " << m_options.jobs;
  if (m_options.memo) m_progress << ", " << memoised << " memoised";
  m_progress << ")\n";
  result.cases.push_back(end_case(run, ref, ""));
  add_point_cases(run, ref, "", result);

  // The real tool again, on recovered cards.
  std::vector<const CutPoint*> dumped;
  for (const auto& p : run.points) {
    auto it = run.outcomes.find(p.id());
    if (p.dump_card && it != run.outcomes.end() && !it->second.dump_dir.empty())
      dumped.push_back(&p);
  }
  if (m_scenario.invariants.retry_succeeds) {
    for (size_t i = 0; i < dumped.size() && i < m_scenario.retry.count; ++i) {
      result.cases.push_back(retry_case(dumped[i]->id(), run.outcomes.at(dumped[i]->id())));
    }
  }
  for (size_t i = 0; i < dumped.size() && i < m_scenario.nested.count; ++i) {
    const BranchOutcome& outer = run.outcomes.at(dumped[i]->id());
    // The recovered card runs what it booted; the retry installs NEW on it.
    BootReference inner_ref = reference_for(outer.dump_dir);
    const std::string prefix = dumped[i]->id() + "/";
    const std::string host =
        m_scenario.retry_host.empty() ? m_scenario.host : m_scenario.retry_host;
    SweepRun inner = sweep(outer.dump_dir, host, m_scenario.nested_sweeps,
                           m_fixture.work_dir() + "/nested/" + dumped[i]->id(), false, 0, 1);
    result.cases.push_back(end_case(inner, inner_ref, prefix));
    add_point_cases(inner, inner_ref, prefix, result);
  }
  // Cut for real at a few points: the tool must fail (not hang) and the card must agree with the
  // branch.
  std::vector<const CutPoint*> op_points;
  for (const auto& p : run.points) op_points.push_back(&p);
  for (size_t i :
       sample_indices(op_points.size(), m_scenario.host_check.count, m_scenario.host_check.seed)) {
    const CutPoint& p = *op_points[i];
    auto it = run.outcomes.find(p.id());
    if (it == run.outcomes.end()) continue;
    result.cases.push_back(host_case(p, it->second, ref, m_fixture.work_dir() + "/host/" + p.id()));
  }

  result.html_section = timeline_html(run.timeline, run.points, run.outcomes, ref, result.cases);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Benchmark-friendly numbers for the summary.
  result.artefacts.push_back(dir + "/probe/timeline.jsonl");
  return result;
}

ScenarioResult PowerfailEngine::replay(const std::string& id) {
  ScenarioResult result;
  result.kind = "powerfail";
  result.name = m_scenario.name;
  const auto started = std::chrono::steady_clock::now();
  const BootReference ref = reference_for(m_fixture.card_dir());
  const size_t slash = id.find('/');
  const std::string outer_id = id.substr(0, slash);
  const std::string inner_id = slash == std::string::npos ? "" : id.substr(slash + 1);
  auto outer = power::parse_cut_point_id(outer_id);
  if (!outer) throw ScenarioError("--replay " + id + ": '" + outer_id + "' is not a cut point id");
  const std::string dir = m_fixture.work_dir() + "/replay";
  ProcessResult tool;
  std::vector<power::TimelineEvent> timeline;
  auto o = run_inline(*outer, m_fixture.card_dir(), m_scenario.host, dir, tool, &timeline);
  CaseResult c;
  c.id = outer_id;
  c.name = point_name(*outer, o ? &*o : nullptr);
  if (!o) {
    c.message = "no outcome was recorded; the tool printed: " + tail(tool.output, 600);
  } else {
    const auto violations = check_outcome(*o, ref, m_scenario.invariants);
    c.passed = violations.empty();
    for (const auto& v : violations) c.message += (c.message.empty() ? "" : "\n") + v;
    c.detail = "boots " + describe_boot(*o, ref) + "\n" + o->boot.summary + "tool exit " +
               std::to_string(tool.exit_code) + "; output (tail):\n" + tail(tool.output, 800);
    if (!m_options.vcd_path.empty()) {
      std::ofstream vcd(m_options.vcd_path, std::ios::trunc);
      vcd << vcd_trace(timeline, *o, m_scenario.name);
      if (!vcd) throw ScenarioError(m_options.vcd_path + ": cannot write the VCD trace");
      m_progress << "  VCD trace: " << m_options.vcd_path << "\n";
    }
  }
  result.cases.push_back(c);
  if (!inner_id.empty() && o) {
    // The recovered card is the inline card (powered up at the tool's exit).
    const std::string recovered = dir + "/card";
    if (inner_id == "retry") {
      BranchOutcome with_dump = *o;
      with_dump.dump_dir = recovered;
      result.cases.push_back(retry_case(outer_id, with_dump));
    } else if (inner_id == "host") {
      result.cases.back().detail += "\n(the replay above is the real cut the host check makes)";
    } else {
      auto inner = power::parse_cut_point_id(inner_id);
      if (!inner)
        throw ScenarioError("--replay " + id + ": '" + inner_id + "' is not a cut point id");
      const BootReference inner_ref = reference_for(recovered);
      const std::string host =
          m_scenario.retry_host.empty() ? m_scenario.host : m_scenario.retry_host;
      ProcessResult inner_tool;
      auto io = run_inline(*inner, recovered, host, dir + "/inner", inner_tool, nullptr);
      CaseResult ic;
      ic.id = id;
      ic.name = point_name(*inner, io ? &*io : nullptr) + " of the retry";
      if (!io) {
        ic.message = "no outcome was recorded";
      } else {
        const auto violations = check_outcome(*io, inner_ref, m_scenario.invariants);
        ic.passed = violations.empty();
        for (const auto& v : violations) ic.message += (ic.message.empty() ? "" : "\n") + v;
        ic.detail = "boots " + describe_boot(*io, inner_ref) + "\n" + io->boot.summary;
      }
      result.cases.push_back(ic);
    }
  }
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace secnic::campaign
