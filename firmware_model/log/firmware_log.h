// The card firmware's log. Mistakes of the host (malformed TLVs, unknown registers, bad register
// fields) are logged as warnings, unimplemented features as info, each access as debug. Nothing is
// printed by default: the firmware runs inside host tools whose stdout is parsed, so the embedding
// program decides where the log goes by registering an spdlog logger named kFirmwareLoggerName
// (tests register one with a ring-buffer sink to assert on log lines).
#pragma once

#include <spdlog/logger.h>

#include <memory>

namespace secnic::fw {

inline constexpr const char* kFirmwareLoggerName = "secnic.firmware";

// The logger registered under kFirmwareLoggerName, or a silent one when none is registered.
std::shared_ptr<spdlog::logger> firmware_log();

}  // namespace secnic::fw
