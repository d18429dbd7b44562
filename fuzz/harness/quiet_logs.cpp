#include "fuzz/harness/quiet_logs.h"

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "firmware_model/log/firmware_log.h"
#include "model/regs/model_log.h"

namespace secnic::fuzz {

void quiet_logs() {
  for (const char* name : {model::kModelLoggerName, fw::kFirmwareLoggerName}) {
    if (spdlog::get(name)) continue;
    auto logger =
        std::make_shared<spdlog::logger>(name, std::make_shared<spdlog::sinks::null_sink_mt>());
    logger->set_level(spdlog::level::off);
    spdlog::register_logger(logger);
  }
}

}  // namespace secnic::fuzz
