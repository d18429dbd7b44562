// The flash model's log: the spdlog logger the embedding program registered under the models'
// common name "secnic.model", or a silent logger when there is none (the model runs inside host
// tools whose stdout is parsed, so nothing is printed unless asked). Mistakes of the initiator
// (malformed frames, commands the part ignores) are warnings; routine detail is debug.
#pragma once

#include <spdlog/logger.h>

#include <memory>

namespace secnic::model {

inline constexpr const char* kFlashLoggerName = "secnic.model";

std::shared_ptr<spdlog::logger> flash_log();

}  // namespace secnic::model
