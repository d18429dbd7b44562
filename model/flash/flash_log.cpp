#include "model/flash/flash_log.h"

#include <spdlog/spdlog.h>

namespace secnic::model {

std::shared_ptr<spdlog::logger> flash_log() {
  if (auto registered = spdlog::get(kFlashLoggerName)) return registered;
  static const auto silent = [] {
    auto logger = std::make_shared<spdlog::logger>("secnic.model.silent");
    logger->set_level(spdlog::level::off);
    return logger;
  }();
  return silent;
}

}  // namespace secnic::model
