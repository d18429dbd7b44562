// The scenario-file reader as fuzz_scenario sees it (fuzz/harness/scenario_harness.h): every
// shipped scenario is accepted through the harness, the nesting limit of parse_scenario_text (the
// fix for yaml-cpp's deep-nesting refusal, which named no useful line) holds exactly, and the
// harness's independent number computations are right.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/harness/invariant.h"
#include "fuzz/harness/scenario_harness.h"
#include "tools/campaign/attack_case.h"
#include "tools/campaign/powerfail_scenario.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::fuzz {
namespace {

namespace fs = std::filesystem;
using campaign::kMaxScenarioNesting;
using campaign::ScenarioError;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void run_harness(const std::string& text) {
  run_scenario_input(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

// The message parse_scenario_text refuses `text` with ("" when it accepts it).
std::string refusal(const std::string& text) {
  try {
    campaign::parse_scenario_text(text, "n.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(ScenarioReader, EveryShippedScenarioIsAcceptedThroughTheHarness) {
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(SECNIC_SCENARIOS_DIR)) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    SCOPED_TRACE(entry.path().string());
    const std::string text = read_text(entry.path());
    EXPECT_NO_THROW(run_harness(text));
    try {
      const YAML::Node doc = campaign::parse_scenario_text(text, entry.path().string());
      const campaign::YamlReader reader(entry.path().string());
      const std::string kind = doc["kind"] ? doc["kind"].Scalar() : "powerfail";
      if (kind == "attack") {
        campaign::parse_attack_case(doc, reader);
      } else {
        EXPECT_EQ(kind, "powerfail");
        campaign::parse_powerfail_scenario(doc, reader);
      }
    } catch (const ScenarioError& e) {
      ADD_FAILURE() << e.what();
    }
  }
  EXPECT_GE(files, 3u);
}

TEST(ScenarioReader, LoadFileAndParseTextAgree) {
  const fs::path dir =
      fs::temp_directory_path() / ("secnic_scenario_reader_test." + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string bad = "name: s\nhost: [x\n";
  std::ofstream(dir / "bad.yaml") << bad;
  std::string from_file, from_text;
  try {
    campaign::load_scenario_file((dir / "bad.yaml").string());
  } catch (const ScenarioError& e) {
    from_file = e.what();
  }
  try {
    campaign::parse_scenario_text(bad, (dir / "bad.yaml").string());
  } catch (const ScenarioError& e) {
    from_text = e.what();
  }
  EXPECT_FALSE(from_file.empty());
  EXPECT_EQ(from_file, from_text);
  EXPECT_THROW(campaign::load_scenario_file((dir / "missing.yaml").string()), ScenarioError);
  EXPECT_THROW(campaign::load_scenario_file(dir.string()), ScenarioError);
  fs::remove_all(dir);
}

// yaml-cpp 0.7 refuses flow collections nested about 500 deep with "bad file" at line 1 (its
// recursion guard); the reader refuses anything deeper than kMaxScenarioNesting itself, naming the
// line where the text gets too deep, before yaml-cpp recurses.
TEST(ScenarioReader, FlowNestingBeyondTheLimitIsRefusedWithItsLine) {
  const size_t n = kMaxScenarioNesting;
  // The top-level mapping is one level: `sweep:` may hold n - 1 nested lists.
  EXPECT_EQ(refusal("name: s\nsweep: " + repeat("[", n - 1) + repeat("]", n - 1) + "\n"), "");
  EXPECT_EQ(refusal("name: s\nsweep: " + repeat("[", n) + repeat("]", n) + "\n"),
            "n.yaml:2: nested deeper than 64 levels of lists and mappings (a scenario needs a "
            "handful)");
  EXPECT_EQ(refusal("a: 1\n\n" + repeat("[", 100000)).rfind("n.yaml:3: nested deeper", 0), 0u);
  EXPECT_EQ(refusal("x: " + repeat("{a: ", 1000) + repeat("}", 1000)).rfind("n.yaml:1: nested", 0),
            0u);
}

TEST(ScenarioReader, BlockNestingBeyondTheLimitIsRefusedWithItsLine) {
  std::string deep_map;
  for (size_t level = 0; level < 70; ++level) deep_map += std::string(level, ' ') + "k:\n";
  EXPECT_EQ(refusal(deep_map).rfind("n.yaml:65: nested deeper than 64", 0), 0u)
      << refusal(deep_map);
  EXPECT_EQ(refusal("a:\n" + repeat("- ", 70) + "x\n").rfind("n.yaml:2: nested deeper", 0), 0u);
  EXPECT_EQ(refusal("a:\n" + repeat("- ", 40) + "x\n"), "");
}

TEST(ScenarioReader, BracketsInTextDoNotCount) {
  const std::string brackets = repeat("[{", 100);
  // Quoted, commented, in block scalars, inside plain scalars.
  EXPECT_EQ(refusal("a: '" + brackets + "'\nb: \"" + brackets + "\\\"" + brackets + "\"\n"), "");
  EXPECT_EQ(refusal("a: 'it''s " + brackets + "'\n"), "");
  EXPECT_EQ(refusal("a: 1 # " + brackets + "\n"), "");
  EXPECT_EQ(
      refusal("a: |\n  " + brackets + "\n  # " + brackets + "\n\n  x\nb: >-\n  " + brackets + "\n"),
      "");
  EXPECT_EQ(refusal("a: x" + brackets + "\n"), "");
  // Multi-line quoted scalars keep their brackets too, and the structure after them counts again.
  EXPECT_EQ(refusal("a: \"" + brackets + "\n   " + brackets + "\"\nb: " + repeat("[", 70) +
                    repeat("]", 70) + "\n")
                .rfind("n.yaml:3: nested deeper", 0),
            0u);
}

TEST(ScenarioReader, ParserErrorsNameTheFileAndLine) {
  EXPECT_EQ(refusal("name: s\nhost: a: b\n"), "n.yaml:2: not valid YAML: illegal map value");
  EXPECT_NE(refusal("name: s\nhost: [x\n").find("not valid YAML"), std::string::npos);
  EXPECT_EQ(refusal("- a\n- b\n"), "n.yaml: a scenario is a mapping of keys");
  EXPECT_EQ(refusal(""), "n.yaml: a scenario is a mapping of keys");
}

TEST(ScenarioHarnessOracle, Sizes) {
  EXPECT_EQ(expected_size("12"), 12u);
  EXPECT_EQ(expected_size("0x40000"), 0x40000u);
  EXPECT_EQ(expected_size("0XfF"), 0xffu);
  EXPECT_EQ(expected_size("256K"), 256u * 1024);
  EXPECT_EQ(expected_size("3k"), 3u * 1024);
  EXPECT_EQ(expected_size("1M"), 1024u * 1024);
  EXPECT_EQ(expected_size("2KiB"), 2048u);
  EXPECT_EQ(expected_size("1MiB"), 1024u * 1024);
  EXPECT_EQ(expected_size("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(expected_size("0xffffffffffffffff"), UINT64_MAX);
  EXPECT_EQ(expected_size("17592186044415M"), 17592186044415ull << 20);
  for (const char* no :
       {"", "K", "0x", "0x1K", "-1", "+1", " 1", "1 ", "1Ki", "1kiB", "1G", "18446744073709551616",
        "0x10000000000000000", "17592186044416M", "18014398509481984K", "99999999999999999999x"}) {
    EXPECT_EQ(expected_size(no), std::nullopt) << no;
    EXPECT_EQ(campaign::parse_size(no), std::nullopt) << no;
  }
}

TEST(ScenarioHarnessOracle, Durations) {
  auto d = expected_duration("250ms");
  EXPECT_TRUE(d.number && d.whole);
  EXPECT_EQ(d.floor_us, 250000u);
  d = expected_duration("1.5s");
  EXPECT_TRUE(d.number && d.whole);
  EXPECT_EQ(d.floor_us, 1500000u);
  d = expected_duration(".0005us");
  EXPECT_TRUE(d.number && !d.whole);
  EXPECT_EQ(d.floor_us, 0u);
  EXPECT_EQ(d.fraction_milli, 0u);
  d = expected_duration("2.0000015s");
  EXPECT_TRUE(d.number && !d.whole);
  EXPECT_EQ(d.floor_us, 2000001u);
  EXPECT_EQ(d.fraction_milli, 500u);
  d = expected_duration("99999999999999999999999s");
  EXPECT_TRUE(d.number);
  EXPECT_EQ(d.floor_us, uint64_t(1) << 63);
  for (const char* no :
       {"", "s", ".s", "1", "1..2s", "1.2.3ms", "1e3s", "-1s", "1 s", "1ns", "1sec", "1S"}) {
    EXPECT_FALSE(expected_duration(no).number) << no;
    EXPECT_EQ(campaign::parse_duration_us(no), std::nullopt) << no;
  }
}

// The harness's checks hold on the boundaries of both number parsers.
TEST(ScenarioHarnessOracle, HarnessAcceptsTheNumberParsersOnTheirBoundaries) {
  for (const char* text :
       {"1000000000000000us", "1000000000000001us", "999999999999999.5us", "1000000000s",
        "1000000000.000001s", "0.0000005s", "0.4999999us", "18446744073709551615",
        "18446744073709551616", "17592186044415M", "17592186044416M", "0x0000000000000000001"}) {
    EXPECT_NO_THROW(run_harness(text)) << text;
  }
}

}  // namespace
}  // namespace secnic::fuzz
