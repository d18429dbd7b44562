// `secnic campaign SCENARIO... [--jobs N] [--shard I/N] [--report DIR] [--replay ID [--vcd FILE]]`:
// runs scenario files (a directory runs every *.yaml / *.yml / *.json in it, in name order) of any
// registered kind — power-fail sweeps (tools/campaign/powerfail_*), the attack catalogue — prints
// one line per scenario (and per failure) and a summary, and writes JUnit XML and an HTML report.
// Exit status: 0 when everything passed, 1 when a case failed, 3 for a bad scenario file.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "tools/campaign/campaign_report.h"
#include "tools/campaign/scenario_kind.h"
#include "tools/campaign/scenario_yaml.h"
#include "tools/secnic/command_registry.h"

namespace secnic::campaign {
void link_powerfail_kind();
}  // namespace secnic::campaign

namespace secnic::cli {
namespace {

namespace fs = std::filesystem;

struct CampaignArgs {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  std::string shard;
  std::string report;
  std::string replay;
  std::string vcd;
  std::string work;
  bool verbose = false;
  bool memo = false;
};

std::string self_path() {
  std::error_code error;
  const fs::path p = fs::read_symlink("/proc/self/exe", error);
  return error ? "secnic" : p.string();
}

std::vector<std::string> scenario_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<std::string> found;
      for (const auto& entry : fs::directory_iterator(path)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty())
        throw campaign::ScenarioError(path + ": no scenario files (*.yaml, *.json)");
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, error)) {
      files.push_back(path);
    } else {
      throw campaign::ScenarioError(path + ": no such scenario file or directory");
    }
  }
  return files;
}

int run_campaign(const CampaignArgs& args, const std::string& command_line) {
  campaign::link_powerfail_kind();
  campaign::CampaignOptions options;
  options.jobs =
      args.jobs ? args.jobs : std::max(1u, static_cast<unsigned>(::sysconf(_SC_NPROCESSORS_ONLN)));
  if (!args.shard.empty()) {
    unsigned index = 0, count = 0;
    char slash = 0;
    std::istringstream in(args.shard);
    if (!(in >> index >> slash >> count) || slash != '/' || count == 0 || index >= count ||
        !in.eof()) {
      std::cerr << "secnic campaign: --shard " << args.shard << ": expected I/N with 0 <= I < N\n";
      return kExitUsage;
    }
    options.shard_index = index;
    options.shard_count = count;
  }
  if (!args.replay.empty()) options.replay_id = args.replay;
  if (!args.vcd.empty() && args.replay.empty()) {
    std::cerr << "secnic campaign: --vcd needs --replay ID\n";
    return kExitUsage;
  }
  options.vcd_path = args.vcd;
  options.report_dir = args.report;
  options.secnic_binary = self_path();
  options.verbose = args.verbose;
  options.memo = args.memo;
  options.work_dir =
      !args.work.empty() ? args.work
      : !args.report.empty()
          ? args.report + "/work"
          : (fs::temp_directory_path() / ("secnic-campaign-" + std::to_string(::getpid())))
                .string();
  const std::vector<std::string> files = scenario_files(args.paths);
  if (options.replay_id && files.size() != 1) {
    std::cerr << "secnic campaign: --replay needs exactly one scenario file\n";
    return kExitUsage;
  }

  const auto started = std::chrono::steady_clock::now();
  std::vector<campaign::ScenarioResult> results;
  bool bad_file = false;
  for (const auto& file : files) {
    campaign::ScenarioResult result;
    result.file = file;
    try {
      const YAML::Node doc = campaign::load_scenario_file(file);
      const std::string kind = doc["kind"] ? doc["kind"].Scalar() : "powerfail";
      result.kind = kind;
      result.name = doc["name"] && doc["name"].IsScalar() ? doc["name"].Scalar()
                                                          : fs::path(file).stem().string();
      auto runner = campaign::scenario_kinds().find(kind);
      if (runner == campaign::scenario_kinds().end()) {
        std::string known;
        for (const auto& [name, r] : campaign::scenario_kinds()) known += " " + name;
        throw campaign::ScenarioError(file + ": unknown kind '" + kind + "' (known:" + known + ")");
      }
      if (files.size() == 1 || kind == "powerfail")
        std::cout << "== " << file << "\n" << std::flush;
      result = runner->second(doc, file, options, std::cout);
      if (result.name.empty()) result.name = fs::path(file).stem().string();
      if (result.kind.empty()) result.kind = kind;
    } catch (const campaign::ScenarioError& e) {
      result.error = e.what();
      bad_file = true;
    } catch (const std::exception& e) {
      result.error = std::string("internal error: ") + e.what();
    }
    campaign::print_scenario_summary(result, std::cout, options.replay_id ? 100 : 20);
    if (options.replay_id) {
      for (const auto& c : result.cases) {
        std::cout << "\n"
                  << c.id << ": " << c.name << "\n"
                  << (c.passed ? "passed" : c.message) << "\n"
                  << c.detail << "\n";
      }
    }
    std::cout << std::flush;
    results.push_back(std::move(result));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  uint64_t cases = 0, passed = 0, failed = 0, errors = 0;
  for (const auto& r : results) {
    cases += r.cases.size();
    passed += r.passed();
    failed += r.failed();
    errors += r.error.empty() ? 0 : 1;
  }
  std::cout << "\nsummary: " << results.size() << " scenarios, " << cases << " cases, " << passed
            << " passed, " << failed << " failed, " << errors << " errors in " << std::fixed
            << std::setprecision(1) << seconds << " s\n";

  if (!args.report.empty()) {
    std::error_code error;
    fs::create_directories(args.report, error);
    std::ofstream junit(args.report + "/junit.xml", std::ios::trunc);
    junit << campaign::junit_xml(results);
    std::ofstream html(args.report + "/report.html", std::ios::trunc);
    html << campaign::html_report(results, command_line);
    for (const auto& r : results) {
      for (const auto& a : r.artefacts) {
        fs::copy_file(a, fs::path(args.report) / (r.name + "." + fs::path(a).filename().string()),
                      fs::copy_options::overwrite_existing, error);
      }
    }
    if (!junit || !html) {
      std::cerr << "secnic campaign: cannot write the report in " << args.report << "\n";
      return kExitIoError;
    }
    std::cout << "report: " << args.report << "/report.html, " << args.report << "/junit.xml\n";
  }
  if (failed || errors) return bad_file && !failed ? kExitBadInput : kExitFailure;
  return kExitOk;
}

const CommandArea kCampaignArea("campaign", [](CLI::App& app, Context& ctx) {
  auto args = std::make_shared<CampaignArgs>();
  CLI::App* cmd = app.add_subcommand(
      "campaign", "Run scenario files: power-fail sweeps and the attack catalogue");
  cmd->add_option("scenario", args->paths, "Scenario files or directories")->required();
  cmd->add_option("-j,--jobs", args->jobs, "Cut points evaluated at once (default: CPUs)");
  cmd->add_option("--shard", args->shard, "Run only shard I of N (I/N), e.g. a Slurm array task");
  cmd->add_option("--report", args->report, "Write junit.xml and report.html here");
  cmd->add_option("--replay", args->replay, "Run exactly one case again, by its id");
  cmd->add_option("--vcd", args->vcd, "With --replay: write a VCD trace (GTKWave) here");
  cmd->add_option("--work", args->work, "Scratch directory (default: REPORT/work or /tmp)");
  cmd->add_flag("-v,--verbose", args->verbose, "More detail");
  cmd->add_flag("--memo", args->memo,
                "Power-fail sweeps: reuse the outcome of a branch whose power-up read the same "
                "bytes instead of forking (exact; see docs/verification_guide.md)");
  cmd->callback([args, &ctx, cmd] {
    std::string line = "secnic campaign";
    for (const auto& p : args->paths) line += " " + p;
    try {
      ctx.exit_code = run_campaign(*args, line);
    } catch (const campaign::ScenarioError& e) {
      std::cerr << "secnic campaign: " << e.what() << "\n";
      ctx.exit_code = kExitBadInput;
    } catch (const std::exception& e) {
      std::cerr << "secnic campaign: " << e.what() << "\n";
      ctx.exit_code = kExitFailure;
    }
    (void)cmd;
  });
});

}  // namespace
}  // namespace secnic::cli
