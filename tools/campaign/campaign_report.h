// What `secnic campaign` writes for people and for CI: the summary lines, JUnit XML (one testsuite
// per scenario, one testcase per case or cut point, failures with their message) and an HTML page
// (summary, each scenario's picture, every failure with the command that replays it).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "tools/campaign/campaign_result.h"

namespace secnic::campaign {

std::string junit_xml(const std::vector<ScenarioResult>& results);
std::string html_report(const std::vector<ScenarioResult>& results, const std::string& command);
// "PASS  name  (N cases, ...)" / "FAIL ..." and the failures, for the terminal.
void print_scenario_summary(const ScenarioResult& result, std::ostream& out, size_t max_failures);

}  // namespace secnic::campaign
