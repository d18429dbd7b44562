#include "model/regs/model_log.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

namespace secnic::model {

std::shared_ptr<spdlog::logger> model_log() {
  if (auto logger = spdlog::get(kModelLoggerName)) return logger;
  // Not registered on purpose: registering it would make a later registration by the embedder fail.
  static const auto silent = std::make_shared<spdlog::logger>(
      kModelLoggerName, std::make_shared<spdlog::sinks::null_sink_mt>());
  return silent;
}

}  // namespace secnic::model
