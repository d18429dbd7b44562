// Makes every SystemC warning or error reported during a test a test failure (errors still throw).
#include <gtest/gtest.h>

#include <systemc>

namespace {

void fail_on_report(const sc_core::sc_report& report, const sc_core::sc_actions& actions) {
  if (report.get_severity() >= sc_core::SC_WARNING) {
    ADD_FAILURE() << "SystemC " << report.get_msg_type() << ": " << report.get_msg();
  }
  sc_core::sc_report_handler::default_handler(report, actions & ~sc_core::SC_DISPLAY);
}

class SystemcReports : public ::testing::Environment {
 public:
  void SetUp() override { sc_core::sc_report_handler::set_handler(fail_on_report); }
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new SystemcReports);

}  // namespace
