// Captures the device models' log (model/regs/model_log.h) for the lifetime of the object, so a
// test can assert that a host mistake was logged.
#pragma once

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <vector>

#include "model/regs/model_log.h"

namespace secnic::testing {

class ModelLogCapture {
 public:
  ModelLogCapture() { install(); }
  ~ModelLogCapture() { spdlog::drop(model::kModelLoggerName); }
  ModelLogCapture(const ModelLogCapture&) = delete;
  ModelLogCapture& operator=(const ModelLogCapture&) = delete;

  // Formatted lines ("<level> <message>") since construction or the last clear().
  std::vector<std::string> lines() const { return m_sink->last_formatted(); }
  // Number of lines containing every one of the given fragments.
  size_t count(const std::vector<std::string>& fragments) const {
    size_t n = 0;
    for (const std::string& line : lines()) {
      bool all = true;
      for (const std::string& f : fragments) all = all && line.find(f) != std::string::npos;
      n += all ? 1 : 0;
    }
    return n;
  }
  bool contains(const std::vector<std::string>& fragments) const { return count(fragments) > 0; }
  void clear() { install(); }

 private:
  void install() {
    spdlog::drop(model::kModelLoggerName);
    m_sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1024);
    auto logger = std::make_shared<spdlog::logger>(model::kModelLoggerName, m_sink);
    logger->set_level(spdlog::level::trace);
    logger->set_pattern("%l %v");
    spdlog::register_logger(logger);
  }

  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> m_sink;
};

}  // namespace secnic::testing
