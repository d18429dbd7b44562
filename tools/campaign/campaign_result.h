// What a campaign run reports: one ScenarioResult per scenario file, one CaseResult per case (an
// attack case, or one cut point of a power-fail sweep). The summary, the JUnit XML and the HTML
// report are all written from these.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace secnic::campaign {

struct CaseResult {
  std::string id;    // replayable: `secnic campaign FILE --replay ID` runs exactly this case
  std::string name;  // one line for people ("torn page program #812 at 0x80a300 in DOWNLOAD")
  bool passed = false;
  std::string message;  // why it failed (empty when it passed), first line is the summary
  std::string detail;   // longer evidence: tool output, boot report, expected vs. seen
  double seconds = 0;   // wall time spent on this case (0 when evaluated in bulk)
};

struct ScenarioResult {
  std::string file;  // the scenario file as given
  std::string kind;  // "powerfail" or "attack"
  std::string name;  // the scenario's name
  std::vector<CaseResult> cases;
  std::string error;  // the scenario could not run at all (bad file, setup failed); cases empty
  double seconds = 0;
  // Extra artefacts a kind wants in the report directory (relative paths), e.g. a timeline.
  std::vector<std::string> artefacts;
  // Kind-specific HTML for the report page (a timeline picture); empty when the kind has none.
  std::string html_section;

  uint64_t passed() const {
    uint64_t n = 0;
    for (const auto& c : cases) n += c.passed ? 1 : 0;
    return n;
  }
  uint64_t failed() const { return cases.size() - passed(); }
  bool ok() const { return error.empty() && failed() == 0; }
};

}  // namespace secnic::campaign
