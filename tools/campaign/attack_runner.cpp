#include "tools/campaign/attack_runner.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>

#include "firmware_model/crypto/digest.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/mcc_component.h"
#include "tools/campaign/attack_card_snapshot.h"
#include "tools/campaign/attack_case.h"
#include "tools/campaign/attack_image_forgery.h"
#include "tools/campaign/scenario_fixture.h"

namespace secnic::campaign {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds kActionTimeout{120};
constexpr size_t kMaxOutputInDetail = 4000;

std::string uuid_with_dashes(const std::string& hex32) {
  return hex32.substr(0, 8) + "-" + hex32.substr(8, 4) + "-" + hex32.substr(12, 4) + "-" +
         hex32.substr(16, 4) + "-" + hex32.substr(20, 12);
}

std::string trimmed(const std::string& output) {
  // Progress bars redraw with '\r'; keep only what a terminal would finally show on each line.
  std::string out;
  std::string line;
  for (char c : output) {
    if (c == '\r') {
      line.clear();
    } else if (c == '\n') {
      out += line + "\n";
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  out += line;
  if (out.size() > kMaxOutputInDetail) {
    out = out.substr(0, kMaxOutputInDetail / 2) + "\n[...]\n" +
          out.substr(out.size() - kMaxOutputInDetail / 2);
  }
  return out;
}

std::string indent(const std::string& text) {
  std::string out = "    ";
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += "    ";
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

std::string json_object_in(const std::string& output) {
  const size_t open = output.find('{');
  const size_t close = output.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return output;
  return output.substr(open, close - open + 1);
}

std::string work_dir_for(const CampaignOptions& options, const std::string& name) {
  if (!options.work_dir.empty()) return (fs::path(options.work_dir) / name).string();
  std::string templ = (fs::temp_directory_path() / ("secnic-attack-" + name + ".XXXXXX")).string();
  if (::mkdtemp(templ.data()) == nullptr) {
    throw ScenarioError("cannot create a work directory under " +
                        fs::temp_directory_path().string());
  }
  return templ;
}

// One attack case in its work directory.
class AttackCaseRun {
 public:
  AttackCaseRun(const AttackCase& attack, const ScenarioFixture& fixture, std::string host_driver)
      : m_case(attack), m_fixture(fixture), m_host_driver(std::move(host_driver)) {}

  void forge_images() {
    ForgeryServices services;
    services.image_path = [this](const std::string& name) { return image_path(name); };
    services.sign = [this](const std::string& path, const std::string& key,
                           const std::string& tool) { sign(path, key, tool); };
    for (const ImageForgery& f : m_case.forgeries) {
      const std::string out =
          m_fixture.work_dir() + "/" + f.name + (f.component ? ".component.bin" : ".bin");
      forge_image(f, out, services, m_fixture.reader().file());
      m_forged[f.name] = out;
    }
  }

  // Runs `actions`; returns the differences from what they expected (empty: all as expected).
  std::vector<std::string> run_actions(const std::vector<HostAction>& actions, const char* phase) {
    std::vector<std::string> differences;
    for (size_t i = 0; i < actions.size(); ++i) {
      const HostAction& action = actions[i];
      const std::string label =
          std::string(phase) + "[" + std::to_string(i) + "] " + action.describe();
      ProcessResult r = run_action(action, i, phase);
      m_detail << label << ": exit " << r.exit_code << (r.timed_out ? " (timed out)" : "") << " in "
               << r.seconds << " s\n"
               << indent(trimmed(r.output)) << "\n";
      for (const std::string& d : check_action(action, r)) differences.push_back(label + ": " + d);
    }
    return differences;
  }

  CardSnapshot snapshot(const char* when) {
    const ProcessResult info = m_fixture.secnic({"card", "info", m_fixture.card_dir(), "--json"});
    if (info.exit_code != 0) {
      throw std::runtime_error(std::string("secnic card info (") + when +
                               ") failed: " + info.output);
    }
    try {
      return snapshot_card(json_object_in(info.output), m_fixture.card_dir());
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string(when) + ": " + e.what());
    }
  }

  void power_cycle() {
    const ProcessResult r = m_fixture.secnic({"card", "power-cycle", m_fixture.card_dir()});
    m_detail << "power-cycle: exit " << r.exit_code << "\n" << indent(trimmed(r.output)) << "\n";
    if (r.exit_code != 0) throw std::runtime_error("secnic card power-cycle failed: " + r.output);
  }

  // Image `name` as the card stores it after a download: its component with the magic restored.
  SlotImage slot_image_of(const std::string& name, const char* what) const {
    const std::string path = image_path(name);
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
    auto parsed = image::parse_image(bytes);
    if (!parsed) {
      throw ScenarioError(m_fixture.reader().file() + ": " + what + ": " + path +
                          " is not a valid image: " + parsed.error().message);
    }
    auto slot = image::component_to_flash_image(image::make_component(*parsed));
    if (!slot) throw ScenarioError(m_fixture.reader().file() + ": " + slot.error().message);
    SlotImage s;
    const image::FwVersion v = parsed->image_info().fw_version;
    char text[32];
    std::snprintf(text, sizeof text, "%u.%u.%04u", v.major, v.minor, v.subminor);
    s.version = text;
    s.size = slot->size();
    static const char* digits = "0123456789abcdef";
    for (uint8_t b : crypto::sha256(slot->data(), slot->size())) {
      s.sha256.push_back(digits[b >> 4]);
      s.sha256.push_back(digits[b & 0xf]);
    }
    return s;
  }

  std::optional<SlotImage> accepted_image() const {
    if (m_case.invariant.pending_image.empty()) return std::nullopt;
    return slot_image_of(m_case.invariant.pending_image, "invariant.pending");
  }

  std::optional<SlotImage> inactive_image() const {
    if (m_case.invariant.inactive_image.empty()) return std::nullopt;
    return slot_image_of(m_case.invariant.inactive_image, "invariant.inactive_slot.holds");
  }

  std::string detail() const { return m_detail.str(); }
  std::ostringstream& log() { return m_detail; }

 private:
  std::string image_path(const std::string& name) const {
    auto it = m_forged.find(name);
    return it != m_forged.end() ? it->second : m_fixture.image(name);
  }

  // ${forged} first, then the fixture's names.
  std::string expand(const std::string& text) const {
    std::string out;
    for (size_t i = 0; i < text.size();) {
      const size_t open = text.find("${", i);
      if (open == std::string::npos) {
        out += text.substr(i);
        break;
      }
      const size_t close = text.find('}', open);
      if (close == std::string::npos) {
        out += text.substr(i);
        break;
      }
      const std::string name = text.substr(open + 2, close - open - 2);
      out += text.substr(i, open - i);
      auto it = m_forged.find(name);
      out += it != m_forged.end() ? it->second : text.substr(open, close - open + 1);
      i = close + 1;
    }
    return m_fixture.expand(out);
  }

  void sign(const std::string& path, const std::string& key_name, const std::string& tool) {
    const ScenarioKey& key = m_fixture.key(key_name);
    ProcessResult r;
    if (tool == "mstflint") {
      r = run_process({"mstflint", "-i", path, "--private_key", key.private_pem, "--key_uuid",
                       uuid_with_dashes(key.uuid), "sign"});
    } else {
      r = m_fixture.secnic(
          {"image", "sign", path, "--key", key.private_pem, "--key-uuid", key.uuid});
    }
    if (r.exit_code != 0) {
      throw ScenarioError(m_fixture.reader().file() + ": signing " + path + " with " + tool +
                          " failed (exit " + std::to_string(r.exit_code) + "): " + r.output);
    }
  }

  ProcessResult run_action(const HostAction& action, size_t index, const char* phase) {
    ProcessOptions options;
    options.timeout = kActionTimeout;
    switch (action.kind) {
      case HostAction::Kind::kRun:
        return m_fixture.run_host(expand(action.text), m_fixture.card_dir(), options);
      case HostAction::Kind::kHostDriver: {
        const std::string script =
            m_fixture.work_dir() + "/hostdrv-" + phase + "-" + std::to_string(index) + ".yaml";
        std::ofstream(script) << expand(action.text);
        return m_fixture.secnic({"run", "--card", m_fixture.card_dir(), "--", m_host_driver,
                                 "--device", m_fixture.bdf(), script},
                                options);
      }
      case HostAction::Kind::kPowerCycle:
        break;
    }
    return m_fixture.secnic({"card", "power-cycle", m_fixture.card_dir()}, options);
  }

  static std::vector<std::string> check_action(const HostAction& action, const ProcessResult& r) {
    std::vector<std::string> d;
    // The driver names the steps that answered otherwise: lift those lines into the result (they
    // say more than its exit code).
    std::vector<std::string> driver_lines;
    if (action.kind == HostAction::Kind::kHostDriver && r.exit_code != 0) {
      std::istringstream in(r.output);
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("  UNEXPECTED ", 0) == 0 || line.rfind("secnic-hostdrv:", 0) == 0) {
          driver_lines.push_back(line.substr(line.find_first_not_of(' ')));
        }
      }
    }
    if (r.timed_out) d.push_back("timed out");
    if (r.exit_code >= 128) d.push_back("ended by signal " + std::to_string(r.exit_code - 128));
    const bool explained = !driver_lines.empty() && r.exit_code == 1;
    switch (action.exit) {
      case HostAction::ExitExpectation::kAny:
        break;
      case HostAction::ExitExpectation::kZero:
        if (r.exit_code != 0 && !explained) {
          d.push_back("exit " + std::to_string(r.exit_code) + ", expected 0");
        }
        break;
      case HostAction::ExitExpectation::kNonZero:
        if (r.exit_code == 0) d.push_back("exit 0, expected a failure");
        break;
      case HostAction::ExitExpectation::kExact:
        if (r.exit_code != action.exit_code) {
          d.push_back("exit " + std::to_string(r.exit_code) + ", expected " +
                      std::to_string(action.exit_code));
        }
        break;
    }
    if (action.exit != HostAction::ExitExpectation::kNonZero &&
        action.exit != HostAction::ExitExpectation::kAny) {
      d.insert(d.end(), driver_lines.begin(), driver_lines.end());
    }
    for (const std::string& text : action.output) {
      if (r.output.find(text) == std::string::npos) d.push_back("output lacks \"" + text + "\"");
    }
    for (const std::string& text : action.not_output) {
      if (r.output.find(text) != std::string::npos) d.push_back("output has \"" + text + "\"");
    }
    if (!action.output_any.empty() &&
        std::none_of(
            action.output_any.begin(), action.output_any.end(),
            [&r](const std::string& t) { return r.output.find(t) != std::string::npos; })) {
      std::string any;
      for (const std::string& t : action.output_any) {
        any += (any.empty() ? "\"" : ", \"") + t + "\"";
      }
      d.push_back("output has none of " + any);
    }
    return d;
  }

  const AttackCase& m_case;
  const ScenarioFixture& m_fixture;
  std::string m_host_driver;
  std::map<std::string, std::string> m_forged;
  std::ostringstream m_detail;
};

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// FNV-1a: the same on every machine and every run, so shards agree on who runs what.
uint64_t stable_hash(const std::string& text) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

}  // namespace

std::string host_driver_path(const std::string& secnic_binary) {
  return (fs::path(secnic_binary).parent_path() / "secnic-hostdrv").string();
}

ScenarioResult run_attack_scenario(const YAML::Node& document, const std::string& file,
                                   const CampaignOptions& options, std::ostream& progress) {
  const auto started = std::chrono::steady_clock::now();
  const YamlReader reader(file);
  const AttackCase attack = parse_attack_case(document, reader);
  ScenarioResult result;
  result.file = file;
  result.kind = "attack";
  result.name = attack.name;
  // One case per file: shards split the catalogue by a stable hash of the case id.
  if (!options.replay_id && options.shard_count > 1 &&
      stable_hash(attack.name) % options.shard_count != options.shard_index) {
    return result;
  }
  if (options.replay_id && *options.replay_id != attack.name) {
    throw ScenarioError(file + ": no case '" + *options.replay_id + "' (this file's case is '" +
                        attack.name + "')");
  }
  const std::string host_driver = host_driver_path(options.secnic_binary);
  if (!fs::exists(host_driver)) {
    throw ScenarioError(host_driver + " is missing: build the secnic-hostdrv target");
  }

  const ScenarioFixture fixture(document, file, work_dir_for(options, attack.name),
                                options.secnic_binary);
  AttackCaseRun run(attack, fixture, host_driver);
  run.forge_images();

  CaseResult c;
  c.id = attack.name;
  c.name = attack.category + ": " + attack.name;
  std::vector<std::string> differences;
  try {
    const std::vector<std::string> setup = run.run_actions(attack.setup, "setup");
    if (!setup.empty()) {
      throw ScenarioError(file + ": a setup action failed: " + setup.front() + "\n" + run.detail());
    }
    const std::optional<SlotImage> accepted = run.accepted_image();
    const std::optional<SlotImage> inactive = run.inactive_image();
    const CardSnapshot before = run.snapshot("before the attack");
    for (std::string& d : run.run_actions(attack.steps, "steps")) differences.push_back(d);
    const CardSnapshot after = run.snapshot("after the attack");
    for (std::string& d : check_after_attack(before, after, attack.invariant, accepted, inactive)) {
      differences.push_back("invariant: " + d);
    }
    run.power_cycle();
    const CardSnapshot cycled = run.snapshot("after the power cycle");
    for (std::string& d : check_after_power_cycle(before, cycled, accepted)) {
      differences.push_back("invariant: " + d);
    }
    run.log() << "before: running " << (before.running ? describe(*before.running) : "nothing")
              << (before.pending ? ", pending " + describe(*before.pending) : "") << "\n"
              << "after the power cycle: running "
              << (cycled.running ? describe(*cycled.running) : "nothing") << "\n";
  } catch (const ScenarioError&) {
    throw;
  } catch (const std::exception& e) {
    differences.push_back(std::string("could not check the card: ") + e.what());
  }

  c.passed = differences.empty();
  std::string what = attack.attack;
  while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
  c.detail = "attack: " + what + "\nexpected: " + attack.expected + "\n";
  if (!differences.empty()) {
    c.message = differences.front();
    for (size_t i = 1; i < differences.size(); ++i) c.message += "\n" + differences[i];
  }
  if (!attack.known_issue.empty()) {
    if (c.passed) {
      c.detail +=
          "known_issue no longer reproduces (remove it from the file): " + attack.known_issue +
          "\n";
    } else {
      c.message = "known issue (" + attack.known_issue + "): " + c.message;
    }
  }
  c.detail += run.detail();
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.seconds = c.seconds;

  if (options.verbose) {
    // `secnic campaign` prints a line per scenario; this says more, on request.
    char timing[32];
    std::snprintf(timing, sizeof timing, "%.1f s", c.seconds);
    progress << (c.passed                     ? "PASS "
                 : attack.known_issue.empty() ? "FAIL "
                                              : "KNOWN ")
             << attack.name << " [" << attack.category << "] (" << timing << ")"
             << (c.passed ? "" : ": " + first_line(c.message)) << "\n";
  }
  result.cases.push_back(std::move(c));
  return result;
}

}  // namespace secnic::campaign
