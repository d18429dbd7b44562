#include "tools/campaign/campaign_report.h"

#include <iomanip>
#include <ostream>
#include <sstream>

namespace secnic::campaign {
namespace {

std::string xml_escape(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "?";
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

std::string junit_xml(const std::vector<ScenarioResult>& results) {
  std::ostringstream x;
  size_t tests = 0, failures = 0, errors = 0;
  double seconds = 0;
  for (const auto& r : results) {
    tests += r.cases.size() + (r.error.empty() ? 0 : 1);
    failures += r.failed();
    errors += r.error.empty() ? 0 : 1;
    seconds += r.seconds;
  }
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<testsuites name=\"secnic campaign\" tests=\"" << tests << "\" failures=\"" << failures
    << "\" errors=\"" << errors << "\" time=\"" << seconds << "\">\n";
  for (const auto& r : results) {
    x << "  <testsuite name=\"" << xml_escape(r.kind + "." + r.name) << "\" file=\""
      << xml_escape(r.file) << "\" tests=\"" << r.cases.size() + (r.error.empty() ? 0 : 1)
      << "\" failures=\"" << r.failed() << "\" errors=\"" << (r.error.empty() ? 0 : 1)
      << "\" time=\"" << r.seconds << "\">\n";
    if (!r.error.empty()) {
      x << "    <testcase classname=\"" << xml_escape(r.name) << "\" name=\"setup\">\n"
        << "      <error message=\"" << xml_escape(first_line(r.error)) << "\">"
        << xml_escape(r.error) << "</error>\n    </testcase>\n";
    }
    for (const auto& c : r.cases) {
      x << "    <testcase classname=\"" << xml_escape(r.name) << "\" name=\"" << xml_escape(c.id)
        << "\" time=\"" << c.seconds << "\"";
      if (c.passed) {
        x << "/>\n";
        continue;
      }
      x << ">\n      <failure message=\"" << xml_escape(first_line(c.message)) << "\">"
        << xml_escape(c.name + "\n" + c.message + "\n\n" + c.detail +
                      "\n\nreplay: secnic campaign " + r.file + " --replay " + c.id)
        << "</failure>\n    </testcase>\n";
    }
    x << "  </testsuite>\n";
  }
  x << "</testsuites>\n";
  return x.str();
}

std::string html_report(const std::vector<ScenarioResult>& results, const std::string& command) {
  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>secnic campaign report</title>\n"
       "<style>body{font-family:sans-serif;margin:2em;max-width:1400px} table{border-collapse:"
       "collapse} td,th{border:1px solid #ccc;padding:3px 8px;text-align:left} .pass{color:#238b45}"
       " .fail{color:#cb181d;font-weight:bold} pre{background:#f4f4f4;padding:6px;white-space:"
       "pre-wrap} .legend span{padding:0 4px}</style></head><body>\n";
  h << "<h1>secnic campaign</h1>\n<p><code>" << xml_escape(command) << "</code></p>\n";
  h << "<table><tr><th>scenario</th><th>kind</th><th>cases</th><th>passed</th><th>failed</th>"
       "<th>seconds</th><th>result</th></tr>\n";
  for (const auto& r : results) {
    h << "<tr><td><a href='#" << xml_escape(r.name) << "'>" << xml_escape(r.name) << "</a></td><td>"
      << r.kind << "</td><td>" << r.cases.size() << "</td><td>" << r.passed() << "</td><td>"
      << r.failed() << "</td><td>" << std::fixed << std::setprecision(1) << r.seconds
      << "</td><td class='" << (r.ok() ? "pass'>PASS" : "fail'>FAIL") << "</td></tr>\n";
  }
  h << "</table>\n";
  for (const auto& r : results) {
    h << "<h2 id='" << xml_escape(r.name) << "'>" << xml_escape(r.name) << " <small>("
      << xml_escape(r.file) << ")</small></h2>\n";
    if (!r.error.empty()) h << "<pre class='fail'>" << xml_escape(r.error) << "</pre>\n";
    h << r.html_section;
    size_t shown = 0;
    for (const auto& c : r.cases) {
      if (c.passed) continue;
      if (shown++ == 0) h << "<h3>Failures</h3>\n";
      if (shown > 200) {
        h << "<p>... " << r.failed() - 200 << " more (see the JUnit XML)</p>\n";
        break;
      }
      h << "<h4 class='fail'>" << xml_escape(c.id) << ": " << xml_escape(c.name) << "</h4><pre>"
        << xml_escape(c.message) << "\n\n"
        << xml_escape(c.detail) << "</pre><p>replay: <code>"
        << "secnic campaign " << xml_escape(r.file) << " --replay " << xml_escape(c.id) << " --vcd "
        << xml_escape(c.id) << ".vcd</code></p>\n";
    }
    if (r.kind != "powerfail" || r.cases.size() <= 100) {
      h << "<details><summary>all " << r.cases.size() << " cases</summary><table>"
        << "<tr><th>id</th><th>case</th><th>result</th></tr>\n";
      for (const auto& c : r.cases) {
        h << "<tr><td>" << xml_escape(c.id) << "</td><td>" << xml_escape(c.name)
          << "</td><td class='" << (c.passed ? "pass'>pass" : "fail'>FAIL") << "</td></tr>\n";
      }
      h << "</table></details>\n";
    }
  }
  h << "</body></html>\n";
  return h.str();
}

void print_scenario_summary(const ScenarioResult& r, std::ostream& out, size_t max_failures) {
  if (!r.error.empty()) {
    out << "ERROR " << r.name << " (" << r.file << "): " << r.error << "\n";
    return;
  }
  out << (r.ok() ? "PASS  " : "FAIL  ") << r.name << ": " << r.cases.size() << " cases, "
      << r.passed() << " passed, " << r.failed() << " failed, " << std::fixed
      << std::setprecision(1) << r.seconds << " s\n";
  size_t shown = 0;
  for (const auto& c : r.cases) {
    if (c.passed) continue;
    if (shown++ == max_failures) {
      out << "      ... " << r.failed() - max_failures << " more failures\n";
      break;
    }
    out << "      FAIL " << c.id << " (" << c.name << "): " << first_line(c.message) << "\n"
        << "           replay: secnic campaign " << r.file << " --replay " << c.id << "\n";
  }
}

}  // namespace secnic::campaign
