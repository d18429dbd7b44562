// The firmware's log. Host mistakes and rejected commands are warnings, state changes info, routine
// detail debug. Nothing is printed by default (the card runs inside host tools whose stdout is
// parsed): the embedding program registers an spdlog logger named kFirmwareLoggerName to see it
// (tests register one with a ring-buffer sink). The name is shared with the device models' log
// (model/regs/model_log.h).
#pragma once

#include <spdlog/logger.h>

#include <memory>

namespace secnic::fw {

inline constexpr const char* kFirmwareLoggerName = "secnic.model";

// The logger registered under kFirmwareLoggerName, or a silent one when none is registered.
std::shared_ptr<spdlog::logger> firmware_log();

}  // namespace secnic::fw
