#include "model/flash/spi_nor_flash_config.h"

#include <nlohmann/json.hpp>
#include <string>

namespace secnic::model {
namespace {

sc_core::sc_time positive_time(const nlohmann::json& value, const std::string& key,
                               sc_core::sc_time_unit unit) {
  if (!value.is_number() || !(value.get<double>() > 0)) {
    throw FlashConfigError("flash property '" + key + "' must be a number > 0");
  }
  return sc_core::sc_time(value.get<double>(), unit);
}

uint64_t unsigned_value(const nlohmann::json& value, const std::string& key) {
  if (!value.is_number_unsigned()) {
    throw FlashConfigError("flash property '" + key + "' must be an unsigned integer");
  }
  return value.get<uint64_t>();
}

}  // namespace

void SpiNorFlashConfig::validate(const SpiNorPart& part) const {
  const sc_core::sc_time* times[] = {&timing.page_program, &timing.subsector_erase,
                                     &timing.sector_erase, &timing.bulk_erase};
  for (const auto* t : times) {
    if (*t == sc_core::SC_ZERO_TIME) throw FlashConfigError("flash operation times must be > 0");
  }
  if (sck_hz == 0 || sck_hz > part.max_sck_hz) {
    throw FlashConfigError("flash property 'sck_hz' = " + std::to_string(sck_hz) + " outside 1.." +
                           std::to_string(part.max_sck_hz) + " for " + part.name);
  }
}

SpiNorFlashConfig flash_config_from_json(const nlohmann::json& object) {
  if (!object.is_object()) throw FlashConfigError("flash properties must be a JSON object");
  SpiNorFlashConfig config;
  for (const auto& [key, value] : object.items()) {
    if (key == "page_program_us") {
      config.timing.page_program = positive_time(value, key, sc_core::SC_US);
    } else if (key == "subsector_erase_ms") {
      config.timing.subsector_erase = positive_time(value, key, sc_core::SC_MS);
    } else if (key == "sector_erase_ms") {
      config.timing.sector_erase = positive_time(value, key, sc_core::SC_MS);
    } else if (key == "bulk_erase_ms") {
      config.timing.bulk_erase = positive_time(value, key, sc_core::SC_MS);
    } else if (key == "sck_hz") {
      config.sck_hz = unsigned_value(value, key);
    } else if (key == "torn_seed") {
      config.torn_seed = unsigned_value(value, key);
    } else {
      throw FlashConfigError("unknown flash property '" + key + "'");
    }
  }
  config.validate(n25q128a());
  return config;
}

}  // namespace secnic::model
