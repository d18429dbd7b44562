#include "model/card/card_config.h"

#include <gtest/gtest.h>

namespace secnic::card {
namespace {

TEST(CardConfig, RoundTripsThroughJson) {
  CardConfig c;
  c.bdf = "0000:05:00.1";
  c.psid = "MT_0000000001";
  c.secure = false;
  c.base_mac = 0x0002c9000001;
  c.trusted_keys.push_back({"00112233445566778899aabbccddeeff", "-----BEGIN PUBLIC KEY-----\n"});
  c.forbidden_versions = {parse_fw_version("14.20.1000")};
  c.time_mode = TimeMode::kReal;
  const CardConfig back = config_from_json(to_json(c), "test");
  EXPECT_EQ(back.bdf, c.bdf);
  EXPECT_EQ(back.psid, c.psid);
  EXPECT_EQ(back.secure, c.secure);
  EXPECT_EQ(back.base_mac, c.base_mac);
  ASSERT_EQ(back.trusted_keys.size(), 1u);
  EXPECT_EQ(back.trusted_keys[0].uuid, c.trusted_keys[0].uuid);
  EXPECT_EQ(back.forbidden_versions, c.forbidden_versions);
  EXPECT_EQ(back.time_mode, TimeMode::kReal);
}

TEST(CardConfig, RejectsUnknownKeysAndBadValues) {
  EXPECT_THROW(config_from_json(R"({"format":1,"colour":"red"})", "t"), CardConfigError);
  EXPECT_THROW(config_from_json(R"({"format":2})", "t"), CardConfigError);
  EXPECT_THROW(config_from_json(R"({"bdf":"03:00.0"})", "t"), CardConfigError);  // no format
  EXPECT_THROW(config_from_json(R"({"format":1,"bdf":"zz"})", "t"), CardConfigError);
  EXPECT_THROW(config_from_json(R"({"format":1,"psid":""})", "t"), CardConfigError);
  EXPECT_THROW(config_from_json(R"({"format":1,"num_macs":300})", "t"), CardConfigError);
  EXPECT_THROW(config_from_json(R"({"format":1,"secure":"yes"})", "t"), CardConfigError);
  EXPECT_THROW(config_from_json(R"({"format":1,"forbidden_versions":["1.2"]})", "t"),
               CardConfigError);
  EXPECT_THROW(config_from_json(R"({"format":1,"trusted_keys":[{"uuid":"12"}]})", "t"),
               CardConfigError);
  EXPECT_THROW(config_from_json("{not json", "t"), CardConfigError);
  EXPECT_THROW(config_from_json("[1,2]", "t"), CardConfigError);
}

TEST(CardConfig, ErrorNamesOriginAndKey) {
  try {
    config_from_json(R"({"format":1,"colour":"red"})", "/cards/a/card.json");
    FAIL();
  } catch (const CardConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("/cards/a/card.json"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("colour"), std::string::npos);
  }
}

TEST(CardConfig, BdfAndVersionFormats) {
  EXPECT_EQ(canonical_bdf("03:00.0"), "0000:03:00.0");
  EXPECT_EQ(canonical_bdf("0000:af:1f.7"), "0000:af:1f.7");
  EXPECT_THROW(canonical_bdf("03:20.0"), CardConfigError);
  EXPECT_THROW(canonical_bdf("03:00.0x"), CardConfigError);
  EXPECT_EQ(parse_fw_version("14.22.4020"), 0x0e160fb4u);
  EXPECT_EQ(format_fw_version(0x0e160fb4u), "14.22.4020");
  EXPECT_EQ(format_fw_version(parse_fw_version("16.35.12")), "16.35.0012");
  EXPECT_THROW(parse_fw_version("14.300.1"), CardConfigError);
}

}  // namespace
}  // namespace secnic::card

namespace secnic::card {
namespace {

TEST(CardConfig, BdfParserRejectsLookalikes) {
  for (const char* bad :
       {"", "03", "03:00", "03:00.", "03.00:0", "0x03:00.0", "03:00.8", "003:00.0", "00000:03:00.0",
        "03:00.0 ", "g3:00.0", "0000:03:00:0", "03::00.0"}) {
    EXPECT_THROW(canonical_bdf(bad), CardConfigError) << bad;
  }
  EXPECT_EQ(canonical_bdf("1:2.3"), "0000:01:02.3");
  EXPECT_EQ(canonical_bdf("ABCD:EF:1F.7"), "abcd:ef:1f.7");
}

}  // namespace
}  // namespace secnic::card
