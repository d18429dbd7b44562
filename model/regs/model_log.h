// The device models' log. Mistakes of the host (writes to read-only registers, accesses to unmapped
// or restricted addresses, bad sizes) are logged as warnings, features that are not modelled as
// info, routine decode detail as debug. Nothing is printed by default: the models run inside host
// tools whose stdout is parsed, so the embedding program decides where the log goes by registering
// an spdlog logger named kModelLoggerName (tests register one with a ring-buffer sink to assert on
// log lines).
#pragma once

#include <spdlog/logger.h>

#include <memory>

namespace secnic::model {

inline constexpr const char* kModelLoggerName = "secnic.model";

// The logger registered under kModelLoggerName, or a silent one when none is registered.
std::shared_ptr<spdlog::logger> model_log();

}  // namespace secnic::model
