#include "firmware_model/log/firmware_log.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

namespace secnic::fw {

std::shared_ptr<spdlog::logger> firmware_log() {
  if (auto logger = spdlog::get(kFirmwareLoggerName)) return logger;
  // Not registered on purpose: registering it would make a later registration by the embedder fail.
  static const auto silent = std::make_shared<spdlog::logger>(
      kFirmwareLoggerName, std::make_shared<spdlog::sinks::null_sink_mt>());
  return silent;
}

}  // namespace secnic::fw
