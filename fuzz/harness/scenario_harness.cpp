#include "fuzz/harness/scenario_harness.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/harness/invariant.h"
#include "tools/campaign/attack_case.h"
#include "tools/campaign/powerfail_scenario.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::fuzz {
namespace {

using campaign::AttackCase;
using campaign::HostAction;
using campaign::ImageEdit;
using campaign::PowerfailScenario;
using campaign::ScenarioError;
using campaign::Sweep;
using campaign::SweepKind;
using u128 = unsigned __int128;

// A short input is also taken as one scalar, so that libFuzzer can work on numbers directly.
constexpr size_t kMaxScalarInput = 64;
// Nodes the number check visits in one document (aliases can make a document's graph
// exponentially larger than its text).
constexpr size_t kMaxNodeVisits = 4096;
constexpr uint64_t kMaxDurationUs = 1'000'000'000'000'000;  // parse_duration_us's documented cap

int digit_in_base(char c, unsigned base) {
  int d = -1;
  if (c >= '0' && c <= '9') d = c - '0';
  if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
  if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
  return d >= 0 && static_cast<unsigned>(d) < base ? d : -1;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// ---- what the reader must do with a refusal

size_t line_breaks(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n') +
                             std::count(text.begin(), text.end(), '\r'));
}

// "<file>:<line>: <what>" or "<file>: <what>".
void check_refusal(const std::string& message, const std::string& text, const char* step) {
  const std::string prefix = std::string(kScenarioFuzzFileName) + ":";
  require(message.compare(0, prefix.size(), prefix) == 0, [&] {
    return std::string(step) + ": the ScenarioError does not start with the file name: " + message;
  });
  size_t i = prefix.size();
  if (i < message.size() && message[i] >= '0' && message[i] <= '9') {
    uint64_t line = 0;
    for (; i < message.size() && message[i] >= '0' && message[i] <= '9'; ++i) {
      line = std::min<uint64_t>(line * 10 + static_cast<uint64_t>(message[i] - '0'), UINT32_MAX);
    }
    require(line >= 1 && line <= line_breaks(text) + 1, [&] {
      return std::string(step) + ": the ScenarioError names line " + std::to_string(line) +
             " of a text with " + std::to_string(line_breaks(text) + 1) + " lines: " + message;
    });
    require(i < message.size() && message[i] == ':',
            [&] { return std::string(step) + ": no ':' after the line number: " + message; });
    ++i;
  }
  require(i + 1 < message.size() && message[i] == ' ' && message[i + 1] != ' ', [&] {
    return std::string(step) + ": the ScenarioError says nothing after the file name: " + message;
  });
}

// Runs one reader step; true when it accepted the input. Only ScenarioError may escape it.
template <class Step>
bool reader_accepts(const char* step, const std::string& text, Step&& run) {
  try {
    run();
    return true;
  } catch (const ScenarioError& e) {
    check_refusal(e.what(), text, step);
  } catch (const InvariantViolation&) {
    throw;
  } catch (const YAML::InvalidNode& e) {
    // FZ-7 (open): parse_attack_case iterates a non-mapping `images:` as a mapping.
    if (std::string_view(step) == "parse_attack_case" && known_finding("FZ-7")) return false;
    violation(std::string(step) + ": YAML::InvalidNode escaped (" + e.what() + ")");
  } catch (const YAML::Exception& e) {
    violation(std::string(step) + ": YAML::Exception escaped (" + e.what() + ")");
  } catch (const std::exception& e) {
    violation(std::string(step) + ": an exception other than ScenarioError escaped (" + e.what() +
              ")");
  } catch (...) {
    violation(std::string(step) + ": a non-standard exception escaped");
  }
  return false;
}

// ---- numbers

void check_size(const std::string& text) {
  const std::optional<uint64_t> got = campaign::parse_size(text);
  const std::optional<uint64_t> want = expected_size(text);
  require(got == want, [&] {
    auto show = [](const std::optional<uint64_t>& v) {
      return v ? std::to_string(*v) : std::string("nothing");
    };
    return "parse_size(\"" + text + "\") returned " + show(got) + ", expected " + show(want);
  });
}

void check_duration(const std::string& text) {
  const std::optional<uint64_t> got = campaign::parse_duration_us(text);
  const ExpectedDuration want = expected_duration(text);
  auto fail = [&](const std::string& what) {
    return "parse_duration_us(\"" + text + "\") returned " +
           (got ? std::to_string(*got) : std::string("nothing")) + ": " + what;
  };
  if (!want.number) {
    require(!got, [&] { return fail("not a duration"); });
    return;
  }
  if (want.floor_us > kMaxDurationUs) {
    require(!got, [&] { return fail("more than 10^15 us"); });
    return;
  }
  if (want.floor_us + 2 < kMaxDurationUs) {
    require(got.has_value(), [&] { return fail("a duration that fits"); });
  }
  if (!got) return;
  if (want.whole) {
    require(*got == want.floor_us,
            [&] { return fail("expected " + std::to_string(want.floor_us)); });
    return;
  }
  // Rounded to the nearest microsecond. The double arithmetic may misjudge a fraction this close
  // to one half (relative error 2^-52, i.e. 0.22 us at 10^15 us), expressed in thousandths.
  const unsigned tolerance =
      static_cast<unsigned>(static_cast<double>(want.floor_us) * 2.3e-13) + 1;
  const bool down = want.fraction_milli + 1 + tolerance <= 500;
  const bool up = want.fraction_milli > 500 + tolerance;
  require(*got == want.floor_us || *got == want.floor_us + 1,
          [&] { return fail("expected " + std::to_string(want.floor_us) + " or one more"); });
  require(!down || *got == want.floor_us,
          [&] { return fail("expected " + std::to_string(want.floor_us) + " (rounded down)"); });
  require(!up || *got == want.floor_us + 1,
          [&] { return fail("expected " + std::to_string(want.floor_us + 1) + " (rounded up)"); });
}

void check_number_parsers(const std::string& text) {
  check_size(text);
  check_duration(text);
}

void check_numbers_in(const YAML::Node& document) {
  std::vector<YAML::Node> pending{document};
  for (size_t visits = 0; !pending.empty() && visits < kMaxNodeVisits; ++visits) {
    const YAML::Node node = pending.back();
    pending.pop_back();
    if (node.IsScalar()) {
      check_number_parsers(node.Scalar());
    } else if (node.IsSequence()) {
      for (const auto& item : node) pending.push_back(item);
    } else if (node.IsMap()) {
      for (const auto& entry : node) {
        pending.push_back(entry.first);
        pending.push_back(entry.second);
      }
    }
  }
}

// ---- accepted scenarios

bool has_text(const std::string& s) { return s.find_first_not_of(" \t\r\n") != std::string::npos; }

void check_sweeps(const std::vector<Sweep>& sweeps, const std::string& where) {
  for (const Sweep& s : sweeps) {
    switch (s.kind) {
      case SweepKind::kEveryOp:
        require(!s.modes.empty(), [&] { return where + ": an every-op sweep without modes"; });
        break;
      case SweepKind::kRandom:
        require(s.count >= 1 && s.count <= 10'000'000,
                [&] { return where + ": random sweep count " + std::to_string(s.count); });
        require(!s.modes.empty(), [&] { return where + ": a random sweep without modes"; });
        break;
      case SweepKind::kTimes:
        require(s.every_us > 0 || !s.at_us.empty(),
                [&] { return where + ": a times sweep with neither every nor at"; });
        break;
      case SweepKind::kStates:
        break;
    }
  }
}

void check_powerfail(const PowerfailScenario& s) {
  if (!known_finding("FZ-5")) {  // open: the power-fail kind does not check its name
    require(!s.name.empty(), "accepted powerfail scenario: empty name");
    require(s.name.find('/') == std::string::npos && s.name.find('\0') == std::string::npos &&
                s.name != "." && s.name != "..",
            [&] {
              return "accepted powerfail scenario: name '" + s.name +
                     "' is not one path component (it names the work directory)";
            });
  }
  if (!known_finding("FZ-6")) {  // open: nor that the host command line has text
    require(has_text(s.host), "accepted powerfail scenario: no host command line");
  }
  require(!s.sweeps.empty(), "accepted powerfail scenario: no sweep");
  check_sweeps(s.sweeps, "accepted powerfail scenario");
  check_sweeps(s.nested_sweeps, "accepted powerfail scenario, nested");
  for (const auto& [what, sample] : {std::pair{"retry", s.retry}, std::pair{"nested", s.nested},
                                     std::pair{"host_check", s.host_check}}) {
    require(sample.count <= 100'000, [&, what = what, sample = sample] {
      return std::string("accepted powerfail scenario: ") + what + ".sample " +
             std::to_string(sample.count);
    });
  }
  require(!s.host_exit || (*s.host_exit >= 0 && *s.host_exit <= 255),
          "accepted powerfail scenario: host_exit outside 0..255");
  require(s.host_timeout_s >= 1, "accepted powerfail scenario: host_check timeout under 1 s");
}

bool is_case_id(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void check_actions(const std::vector<HostAction>& actions, bool setup) {
  for (const HostAction& a : actions) {
    require(setup || a.kind != HostAction::Kind::kPowerCycle,
            "accepted attack case: a power cycle among the steps");
    if (a.exit == HostAction::ExitExpectation::kExact) {
      require(a.exit_code >= 1 && a.exit_code <= 255, [&] {
        return "accepted attack case: exact exit code " + std::to_string(a.exit_code);
      });
    }
  }
}

void check_attack(const YAML::Node& document, const AttackCase& c) {
  require(is_case_id(c.name), [&] { return "accepted attack case: case id '" + c.name + "'"; });
  require(!c.steps.empty(), "accepted attack case: no steps");
  check_actions(c.setup, true);
  check_actions(c.steps, false);
  std::set<std::string> names;
  if (const YAML::Node images = document["images"]; images && images.IsMap()) {
    for (const auto& entry : images) names.insert(entry.first.Scalar());
  }
  for (const auto& f : c.forgeries) {
    require(is_case_id(f.name) && !names.count(f.name),
            [&] { return "accepted attack case: forged image name '" + f.name + "'"; });
    require(names.count(f.from) != 0,
            [&] { return "accepted attack case: " + f.name + " derives from unknown " + f.from; });
    for (const ImageEdit& e : f.edits) {
      require(e.kind != ImageEdit::Kind::kFlip || e.mask != 0,
              "accepted attack case: a flip with mask 0");
      require(e.kind != ImageEdit::Kind::kAppend || (e.size >= 1 && e.size <= 0x800000),
              [&] { return "accepted attack case: append of " + std::to_string(e.size); });
      require(e.from_image.empty() || names.count(e.from_image) != 0, [&] {
        return "accepted attack case: an edit of " + f.name + " copies unknown " + e.from_image;
      });
    }
    names.insert(f.name);
  }
}

}  // namespace

std::optional<uint64_t> expected_size(const std::string& text) {
  std::string_view digits(text);
  unsigned base = 10;
  u128 multiplier = 1;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    digits.remove_prefix(2);
  } else {
    const std::pair<std::string_view, u128> suffixes[] = {
        {"KiB", 1024}, {"MiB", 1024 * 1024}, {"K", 1024}, {"M", 1024 * 1024}, {"k", 1024}};
    for (const auto& [suffix, factor] : suffixes) {
      if (ends_with(digits, suffix)) {
        digits.remove_suffix(suffix.size());
        multiplier = factor;
        break;
      }
    }
  }
  if (digits.empty()) return std::nullopt;
  u128 value = 0;
  bool too_large = false;
  for (char c : digits) {
    const int d = digit_in_base(c, base);
    if (d < 0) return std::nullopt;
    value = value * base + static_cast<u128>(d);
    if (value > UINT64_MAX) {
      too_large = true;
      value = u128(UINT64_MAX) + 1;  // keeps reading: a later non-digit still makes it no number
    }
  }
  value *= multiplier;
  if (too_large || value > UINT64_MAX) return std::nullopt;
  return static_cast<uint64_t>(value);
}

ExpectedDuration expected_duration(const std::string& text) {
  ExpectedDuration out;
  const size_t unit = text.find_first_not_of("0123456789.");
  if (unit == std::string::npos) return out;
  const std::string_view number = std::string_view(text).substr(0, unit);
  const std::string_view suffix = std::string_view(text).substr(unit);
  size_t shift;  // decimal places the unit moves the point to the right
  if (suffix == "s") {
    shift = 6;
  } else if (suffix == "ms") {
    shift = 3;
  } else if (suffix == "us") {
    shift = 0;
  } else {
    return out;
  }
  const size_t point = number.find('.');
  const std::string_view whole_digits = number.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : number.substr(point + 1);
  if (fraction.find('.') != std::string_view::npos) return out;  // two points
  if (whole_digits.empty() && fraction.empty()) return out;      // no digit at all
  out.number = true;
  // The value in microseconds: whole digits, then `shift` digits of the fraction (zero-padded);
  // what remains of the fraction is below one microsecond.
  std::string us_digits(whole_digits);
  for (size_t i = 0; i < shift; ++i) us_digits += i < fraction.size() ? fraction[i] : '0';
  const std::string_view rest = fraction.size() > shift ? fraction.substr(shift) : "";
  constexpr u128 kSaturated = u128(1) << 63;
  u128 floor = 0;
  for (char c : us_digits)
    floor = std::min<u128>(floor * 10 + static_cast<u128>(c - '0'), kSaturated);
  out.floor_us = static_cast<uint64_t>(floor);
  out.whole = rest.find_first_not_of('0') == std::string_view::npos;
  for (size_t i = 0; i < 3; ++i) {
    out.fraction_milli = out.fraction_milli * 10 + (i < rest.size() ? rest[i] - '0' : 0);
  }
  return out;
}

void run_scenario_input(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (size <= kMaxScalarInput) check_number_parsers(text);

  YAML::Node document;
  if (!reader_accepts("parse_scenario_text", text, [&] {
        document = campaign::parse_scenario_text(text, kScenarioFuzzFileName);
      })) {
    return;
  }
  require(document.IsMap(), "parse_scenario_text accepted a document that is not a mapping");
  check_numbers_in(document);

  // Dispatch as `secnic campaign` does (tools/secnic/campaign_command.cpp).
  const YAML::Node& doc = document;
  const std::string kind = doc["kind"] ? doc["kind"].Scalar() : "powerfail";
  const campaign::YamlReader reader(kScenarioFuzzFileName);
  if (kind == "powerfail") {
    PowerfailScenario scenario;
    if (reader_accepts("parse_powerfail_scenario", text,
                       [&] { scenario = campaign::parse_powerfail_scenario(doc, reader); })) {
      check_powerfail(scenario);
    }
  } else if (kind == "attack") {
    AttackCase attack;
    if (reader_accepts("parse_attack_case", text,
                       [&] { attack = campaign::parse_attack_case(doc, reader); })) {
      check_attack(doc, attack);
    }
  }
}

}  // namespace secnic::fuzz
