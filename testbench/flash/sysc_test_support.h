// Shared by the flash test benches: SystemC warnings and errors fail the running test, and the
// models' log goes to a buffer tests can inspect.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <string>
#include <systemc>
#include <vector>

#include "model/flash/flash_log.h"

namespace secnic::testbench {

inline void fail_on_systemc_reports() {
  sc_core::sc_report_handler::set_handler(
      [](const sc_core::sc_report& report, const sc_core::sc_actions& actions) {
        if (report.get_severity() >= sc_core::SC_WARNING) {
          ADD_FAILURE() << "SystemC report " << report.get_msg_type() << ": " << report.get_msg();
        }
        sc_core::sc_report_handler::default_handler(report, actions);
      });
}

class CapturedLog : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> lock(mutex_);
    return m_lines;
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    m_lines.clear();
  }
  bool contains(const std::string& needle) {
    for (const std::string& line : lines()) {
      if (line.find(needle) != std::string::npos) return true;
    }
    return false;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    m_lines.emplace_back(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> m_lines;
};

// Registers the models' logger with a capturing sink (once per process) and returns the sink.
inline CapturedLog& model_log_capture() {
  static const auto sink = [] {
    auto s = std::make_shared<CapturedLog>();
    auto logger = std::make_shared<spdlog::logger>(model::kFlashLoggerName, s);
    logger->set_level(spdlog::level::debug);
    logger->set_pattern("%l %v");
    spdlog::register_logger(logger);
    return s;
  }();
  return *sink;
}

}  // namespace secnic::testbench
