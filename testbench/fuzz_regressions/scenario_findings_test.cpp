// Focused tests of the fuzz_scenario findings in the scenario kinds of `secnic campaign` (ids as
// in docs/fuzzing.md), all fixed in edbe362. Each test states the correct behaviour; its reproducer
// is in reproducers/scenario/ and is replayed through the harness by corpus_replay_test.
#include <gtest/gtest.h>

#include <string>

#include "tools/campaign/attack_case.h"
#include "tools/campaign/powerfail_scenario.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::campaign {
namespace {

// The message the reader refuses `text` with ("" when it accepts it); anything but a ScenarioError
// escaping is reported as such.
template <class Parse>
std::string refusal(const std::string& text, Parse parse) {
  try {
    const YAML::Node doc = parse_scenario_text(text, "f.yaml");
    parse(doc, YamlReader("f.yaml"));
  } catch (const ScenarioError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("escaped: ") + e.what();
  }
  return "";
}

std::string powerfail_refusal(const std::string& text) {
  return refusal(text, [](const YAML::Node& d, const YamlReader& r) {
    return parse_powerfail_scenario(d, r);
  });
}

std::string attack_refusal(const std::string& text) {
  return refusal(text,
                 [](const YAML::Node& d, const YamlReader& r) { return parse_attack_case(d, r); });
}

// FZ-5 (fixed, tools/campaign power-fail kind): a power-fail scenario's name is not checked, yet
// powerfail_kind.cpp makes it the work directory (work_dir + "/" + name), where the fixture creates
// the card and first removes "<work>/card". "name: ../.." points that outside the work directory;
// an empty name puts the scenario's files into the work directory itself. The attack kind already
// restricts its case id to [a-z0-9_]; the power-fail kind should refuse the same way.
TEST(ScenarioFindings, FZ5_PowerfailNameIsACaseId) {
  for (const char* name : {"\"\"", "..", ".", "../x", "a/b", "/abs", "\"a\\0b\""}) {
    const std::string message =
        powerfail_refusal(std::string("name: ") + name + "\nhost: h\nsweep: every-op\n");
    EXPECT_EQ(message.rfind("f.yaml:1: name", 0), 0u) << name << " -> " << message;
  }
  EXPECT_EQ(powerfail_refusal("name: full_burn_every_op\nhost: h\nsweep: every-op\n"), "");
}

// FZ-6 (fixed, tools/campaign power-fail kind): `host: ""` (or only blanks) is accepted as the host
// action; every cut point then runs an empty command line. (YamlReader::string returns whatever
// scalar is there; a required string with no text could also be refused there, for every kind.)
TEST(ScenarioFindings, FZ6_PowerfailHostNeedsACommandLine) {
  for (const char* host : {"\"\"", "\"   \"", "''"}) {
    const std::string message =
        powerfail_refusal(std::string("name: s\nhost: ") + host + "\nsweep: every-op\n");
    EXPECT_EQ(message.rfind("f.yaml:", 0), 0u) << host << " -> " << message;
    EXPECT_NE(message.find("host"), std::string::npos) << message;
  }
}

// FZ-7 (fixed, tools/campaign attack kind): parse_attack_case collects the image names with
// `for (kv : document["images"]) kv.first.Scalar()`; when `images:` is a list, kv.first is an
// invalid node and YAML::InvalidNode escapes (`secnic campaign` reports "internal error: invalid
// node; this may result from using a map iterator as a sequence iterator" instead of the file and
// line). The reader should refuse a non-mapping `images:` with a ScenarioError, as the fixture
// does.
TEST(ScenarioFindings, FZ7_AttackImagesListIsAScenarioError) {
  const std::string message = attack_refusal(
      "kind: attack\nname: a\nattack: x\nexpected: y\nimages: [a, b]\n"
      "steps: [{run: x, expect: {exit: 1}}]\n");
  EXPECT_EQ(message.rfind("f.yaml:5: images", 0), 0u) << message;
}

}  // namespace
}  // namespace secnic::campaign
