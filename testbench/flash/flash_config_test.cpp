// Named flash properties: defaults from the data sheet, overrides by name, unknown keys rejected.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "model/flash/spi_nor_flash_config.h"

namespace secnic::model {
namespace {

using sc_core::sc_time;

TEST(SpiNorFlashConfig, DefaultsAreTheDataSheetTypicals) {
  const SpiNorFlashConfig config;
  EXPECT_EQ(config.timing.page_program, sc_time(0.5, sc_core::SC_MS));
  EXPECT_EQ(config.timing.subsector_erase, sc_time(250, sc_core::SC_MS));
  EXPECT_EQ(config.timing.sector_erase, sc_time(700, sc_core::SC_MS));
  EXPECT_EQ(config.timing.bulk_erase, sc_time(170, sc_core::SC_SEC));
  EXPECT_EQ(config.sck_hz, 50'000'000u);
  EXPECT_NO_THROW(config.validate(n25q128a()));
}

TEST(SpiNorFlashConfig, PropertiesAreSetByName) {
  const auto config = flash_config_from_json(nlohmann::json::parse(
      R"({"page_program_us": 120, "subsector_erase_ms": 50, "sector_erase_ms": 150,
          "bulk_erase_ms": 38000, "sck_hz": 100000000, "torn_seed": 77})"));
  EXPECT_EQ(config.timing.page_program, sc_time(120, sc_core::SC_US));
  EXPECT_EQ(config.timing.subsector_erase, sc_time(50, sc_core::SC_MS));
  EXPECT_EQ(config.timing.sector_erase, sc_time(150, sc_core::SC_MS));
  EXPECT_EQ(config.timing.bulk_erase, sc_time(38, sc_core::SC_SEC));
  EXPECT_EQ(config.sck_hz, 100'000'000u);
  EXPECT_EQ(config.torn_seed, 77u);
}

TEST(SpiNorFlashConfig, UnknownKeysAndBadValuesAreErrors) {
  const auto error_of = [](const char* text) -> std::string {
    try {
      flash_config_from_json(nlohmann::json::parse(text));
    } catch (const FlashConfigError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(error_of(R"({"page_program": 1})").find("unknown flash property 'page_program'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"sector_erase_ms": 0})").find("'sector_erase_ms'"), std::string::npos);
  EXPECT_NE(error_of(R"({"sector_erase_ms": "fast"})").find("'sector_erase_ms'"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"sck_hz": 200000000})").find("'sck_hz'"), std::string::npos);
  EXPECT_NE(error_of(R"({"torn_seed": -1})").find("'torn_seed'"), std::string::npos);
  EXPECT_NE(error_of(R"([1, 2])").find("JSON object"), std::string::npos);
}

}  // namespace
}  // namespace secnic::model
