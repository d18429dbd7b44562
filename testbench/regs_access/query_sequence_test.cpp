// Every register `mstflint -d <dev> q` reads, in the tool's order, with the requests it sends,
// checked field by field at the documented byte positions (device_contract.md §5.2,
// update_flow_and_image.md A.2, appendix). Positions are spelled out as bytes here on purpose,
// independently of register_layouts.h.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "regs_test_support.h"

namespace secnic::fw::testing {
namespace {

using layout::load_be32;

uint32_t be32(const std::vector<uint8_t>& body, size_t offset) { return load_be32(&body[offset]); }

std::vector<uint8_t> body_with(size_t size,
                               std::initializer_list<std::pair<size_t, uint32_t>> dwords) {
  std::vector<uint8_t> body(size, 0);
  for (const auto& [offset, value] : dwords) layout::store_be32(&body[offset], value);
  return body;
}

TEST(QuerySequence, McamGroup0AdvertisesTheMccFlowAndMgirButNotMcdd) {
  RegsFixtureCard card;
  const Response r = card.get(0x907F, body_with(0x48, {{0x0, 0}}));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(r.body[0x0B], 0x1f);         // 0x9060..0x9064 MCQS MCQI MCC MCDA MQIS
  EXPECT_EQ(r.body[0x13] & 0x01, 0x01);  // 0x9020 MGIR
  EXPECT_EQ(r.body[0x0C] & 0x10, 0x00);  // 0x905C MCDD clear: no DMA component access
  EXPECT_EQ(r.body[0x08] & 0x80, 0x80);  // 0x907F MCAM
  EXPECT_EQ(r.body[0x13] & 0x10, 0x10);  // 0x9024 MNVA
  EXPECT_EQ(r.body[0x11] & 0x01, 0x01);  // 0x9030 NVQC
  EXPECT_EQ(r.body[0x11] & 0x10, 0x10);  // 0x9034 NVQGC
  EXPECT_EQ(r.body[0x12] & 0x10, 0x00);  // 0x902C MVTS answered but not advertised
  EXPECT_EQ(r.body[0x15] & 0x01, 0x00);  // 0x9010 MFPA not supported
  EXPECT_EQ(be32(r.body, 0x0), 0u);      // group echoed
  for (size_t i = 0x28; i < 0x38; ++i) EXPECT_EQ(r.body[i], 0) << i;  // no feature caps
}

TEST(QuerySequence, McamGroup2AnswersWithoutMfsvOrMirc) {
  RegsFixtureCard card;
  const Response r = card.get(0x907F, body_with(0x48, {{0x0, 2}}));
  ASSERT_EQ(r.status, RegStatus::kOk);  // the tool requires status 0 here
  EXPECT_EQ(be32(r.body, 0x0), 2u);
  for (size_t i = 0x08; i < 0x18; ++i) EXPECT_EQ(r.body[i], 0) << i;  // MFSV byte 0x15 bit 5 clear
}

TEST(QuerySequence, McamUnknownGroupIsBadParam) {
  RegsFixtureCard card;
  EXPECT_EQ(card.get(0x907F, body_with(0x48, {{0x0, 7}})).status, RegStatus::kBadParam);
}

TEST(QuerySequence, MccQueryIsForwardedAsAGetAndReturnsTheHandle) {
  RegsFixtureCard card;
  card.update.mcc_reply.update_handle = 0x123456;
  card.update.mcc_reply.control_state = FsmState::kIdle;
  const Response r = card.get(0x9062, std::vector<uint8_t>(0x20, 0));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x08) & 0xffffff, 0x123456u);
  EXPECT_EQ(be32(r.body, 0x0C) & 0xf, 0u);
  ASSERT_EQ(card.update.mcc_calls.size(), 1u);
  EXPECT_FALSE(card.update.mcc_calls[0].is_set);
  EXPECT_EQ(card.update.mcc_calls[0].instruction, MccInstruction::kQuery);
}

TEST(QuerySequence, McqsReportsTheBootImageInUseAsTheLastComponent) {
  RegsFixtureCard card;
  const Response r = card.get(0x9060, std::vector<uint8_t>(0x10, 0));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x0) >> 31, 1u);          // last_index_flag
  EXPECT_EQ(be32(r.body, 0x0) & 0xffff, 0u);       // component_index echoed
  EXPECT_EQ(be32(r.body, 0x4) & 0xffff, 1u);       // identifier BOOT_IMG
  EXPECT_EQ((be32(r.body, 0x8) >> 4) & 0x1f, 2u);  // component_status IN_USE
  EXPECT_EQ(be32(r.body, 0x8) & 0xf, 0u);          // update state IDLE without a pending image
}

TEST(QuerySequence, McqsUpdateStateShowsAPendingImageAndIndexOneDoesNotExist) {
  RegsFixtureCard card;
  card.images.pending = example_pending_image();
  EXPECT_EQ(be32(card.get(0x9060, std::vector<uint8_t>(0x10, 0)).body, 0x8) & 0xf, 4u);
  EXPECT_EQ(card.get(0x9060, body_with(0x10, {{0x0, 1}})).status, RegStatus::kBadParam);
  EXPECT_EQ(card.get(0x9060, body_with(0x10, {{0x0, 1u << 16}})).status, RegStatus::kBadParam);
}

// MCQI as the tool sends it: component 0, read_pending, info_type, data_size 128.
std::vector<uint8_t> mcqi_request(bool pending, uint32_t info_type, uint32_t data_size = 128,
                                  uint32_t offset = 0) {
  return body_with(
      0x94,
      {{0x00, pending ? 0x80000000u : 0u}, {0x08, info_type}, {0x10, offset}, {0x14, data_size}});
}

TEST(QuerySequence, McqiPendingCapabilitiesFailWithoutAPendingImageThenRunningSucceed) {
  RegsFixtureCard card;
  EXPECT_EQ(card.get(0x9061, mcqi_request(true, 0)).status, RegStatus::kBadParam);
  const Response r = card.get(0x9061, mcqi_request(false, 0));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x08) & 0x1f, 0u);  // info_type echoed
  EXPECT_EQ(be32(r.body, 0x0C), 0x14u);      // info_size
  EXPECT_LE(be32(r.body, 0x0C), 0x7Cu);
  EXPECT_EQ(be32(r.body, 0x18), 0x3u);     // CAPABILITIES | VERSION
  EXPECT_EQ(be32(r.body, 0x1C), 0x7100u);  // component_size = running image
  EXPECT_EQ(be32(r.body, 0x20), card.profile.max_component_size);
  EXPECT_EQ(be32(r.body, 0x24) & 0xffff, 128u);   // mcda_max_write_size
  EXPECT_EQ(be32(r.body, 0x28) >> 31, 1u);        // rd_en
  EXPECT_EQ((be32(r.body, 0x28) >> 30) & 1, 1u);  // signed_updates_only (secure)
}

TEST(QuerySequence, McqiCapabilitiesOfAPendingImageReportItsSize) {
  RegsFixtureCard card;
  card.images.pending = example_pending_image();
  const Response r = card.get(0x9061, mcqi_request(true, 0));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x1C), 0x7200u);
}

TEST(QuerySequence, McqiPendingVersionFailsWithStatus7WithoutAPendingImage) {
  RegsFixtureCard card;
  const Response r = card.get(0x9061, mcqi_request(true, 1));
  EXPECT_EQ(r.icmd_status, model::IcmdStatus::kOk);
  EXPECT_EQ(static_cast<uint32_t>(r.status), 7u);
}

void expect_version(const Response& r, uint32_t version, uint32_t date, const std::string& text) {
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x08) & 0x1f, 1u);               // info_type VERSION echoed
  EXPECT_EQ(be32(r.body, 0x0C), 0x7Cu);                   // info_size: one read suffices
  EXPECT_EQ(be32(r.body, 0x18) & 0xff, text.size() + 1);  // length counts the NUL
  EXPECT_EQ((be32(r.body, 0x18) >> 29) & 1, 1u);          // build_time_valid
  EXPECT_EQ(be32(r.body, 0x1C), version);
  EXPECT_EQ(be32(r.body, 0x24), date);  // low dword of build_time
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&r.body[0x38])), text);
  EXPECT_EQ(r.body[0x38 + text.size()], 0);
}

TEST(QuerySequence, McqiRunningVersionAsTheToolDecodesIt) {
  RegsFixtureCard card;
  const Response r = card.get(0x9061, mcqi_request(false, 1));
  // 14.22.4020 of 24.11.2025: "FW Version: 14.22.4020", "FW Release Date: 24.11.2025".
  expect_version(r, (14u << 24) | (22u << 16) | 4020u, 0x20251124, "14.22.4020");
}

TEST(QuerySequence, McqiPendingVersionSucceedsWhenAPendingImageExists) {
  RegsFixtureCard card;
  card.images.pending = example_pending_image();
  expect_version(card.get(0x9061, mcqi_request(true, 1)), (14u << 24) | (23u << 16) | 1020u,
                 0x20260102, "14.23.1020");
  expect_version(card.get(0x9061, mcqi_request(false, 1)), (14u << 24) | (22u << 16) | 4020u,
                 0x20251124, "14.22.4020");
}

TEST(QuerySequence, McqiHonoursOffsetAndDataSize) {
  RegsFixtureCard card;
  const Response r = card.get(0x9061, mcqi_request(false, 1, 8, 4));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x0C), 0x7Cu);
  EXPECT_EQ(be32(r.body, 0x14), 8u);
  EXPECT_EQ(be32(r.body, 0x18), (14u << 24) | (22u << 16) | 4020u);  // info bytes 4..7 first
  EXPECT_EQ(be32(r.body, 0x1C), 0u);                                 // then build_time high dword
  EXPECT_EQ(be32(r.body, 0x20), 0u);                                 // nothing beyond data_size
  EXPECT_EQ(card.get(0x9061, mcqi_request(false, 1, 8, 0x80)).status, RegStatus::kBadParam);
}

TEST(QuerySequence, McqiRejectsUnknownComponentsAndInfoTypes) {
  RegsFixtureCard card;
  std::vector<uint8_t> other_component = mcqi_request(false, 0);
  other_component[3] = 1;
  EXPECT_EQ(card.get(0x9061, other_component).status, RegStatus::kBadParam);
  EXPECT_EQ(card.get(0x9061, mcqi_request(false, 5)).status, RegStatus::kBadParam);
  EXPECT_EQ(card.get(0x9061, mcqi_request(false, 2)).status, RegStatus::kBadParam);
}

TEST(QuerySequence, McqiLongProductVersionIsCutToTheField) {
  RegsFixtureCard card;
  card.images.running.product_version = std::string(200, 'x');
  const Response r = card.get(0x9061, mcqi_request(false, 1));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x18) & 0xff, 92u);
  EXPECT_EQ(r.body[0x93], 0);  // still NUL-terminated inside the register
}

TEST(QuerySequence, MgirCarriesIdentityVersionAndSecurity) {
  RegsFixtureCard card;
  const Response r = card.get(0x9020, std::vector<uint8_t>(0xA0, 0xAB));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0x00) & 0xffff, 0x1015u);   // device_id
  EXPECT_EQ(be32(r.body, 0x00) >> 16, 0u);           // device_hw_revision
  EXPECT_EQ((be32(r.body, 0x04) >> 16) & 0xff, 2u);  // num_ports
  EXPECT_EQ(be32(r.body, 0x08) & 0xffff, 0x20bu);    // hw_dev_id
  EXPECT_EQ(be32(r.body, 0x10) & 0xffff, 0x248au);   // manufacturing base MAC 47..32
  EXPECT_EQ(be32(r.body, 0x14), 0x07a1b2c0u);        // and 31..0
  EXPECT_EQ(r.body[0x20] & 0x01, 0x01);              // secured
  EXPECT_EQ(r.body[0x20] & 0x02, 0x02);              // signed_fw
  EXPECT_EQ(r.body[0x20] & 0x0c, 0x00);              // not debug, not dev
  EXPECT_EQ(r.body[0x21], 14);                       // major
  EXPECT_EQ(r.body[0x22], 22);                       // minor
  EXPECT_EQ(r.body[0x23], 4020 & 0xff);              // sub_minor (8 bits)
  EXPECT_EQ(be32(r.body, 0x44), 14u);                // extended versions
  EXPECT_EQ(be32(r.body, 0x48), 22u);
  EXPECT_EQ(be32(r.body, 0x4C), 4020u);
  EXPECT_EQ(be32(r.body, 0x28), 0x11242025u);  // month 0x11, day 0x24, year 0x2025
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(&r.body[0x30]), 13), "MT_2420110034");
  EXPECT_EQ(r.body[0x30 + 13], 0);
  EXPECT_EQ(be32(r.body, 0x54) & 0x4, 0u);                            // sec_boot 0 (CX4 Lx trap)
  EXPECT_EQ(be32(r.body, 0x54) & 0x8, 0u);                            // encryption 0
  EXPECT_EQ(be32(r.body, 0x64), 0u);                                  // no expansion ROMs
  for (size_t i = 0x80; i < 0xA0; ++i) EXPECT_EQ(r.body[i], 0) << i;  // request bytes cleared
}

TEST(QuerySequence, MgirOfANonSecureCardIsNeitherSecuredNorSigned) {
  DeviceProfile profile;
  profile.secure_fw = false;
  RegsFixtureCard card(profile);
  const Response r = card.get(0x9020, std::vector<uint8_t>(0xA0, 0));
  EXPECT_EQ(r.body[0x20] & 0x03, 0x00);
  EXPECT_EQ((be32(card.get(0x9061, mcqi_request(false, 0)).body, 0x28) >> 30) & 1, 0u);
}

// MNVA (NVDA) as flint's extractMacsGuids sends it: nv_hdr.length 64, type, default flag; only the
// 12-byte header travels in the request but the reg TLV announces 76 bytes.
std::vector<uint8_t> nvda_request(uint32_t type, bool default_value, uint32_t length = 64) {
  return body_with(12 + length, {{0x0, length | (default_value ? 1u << 23 : 0u)}, {0x4, type}});
}

TEST(QuerySequence, MnvaBaseMacAndGuidCurrentAndDefault) {
  RegsFixtureCard card;
  for (bool default_value : {false, true}) {
    const Response r = card.get(0x9024, nvda_request(0x2, default_value));
    ASSERT_EQ(r.status, RegStatus::kOk);
    EXPECT_EQ(be32(r.body, 0x0) & 0x1ff, 16u);  // returned length
    EXPECT_EQ(be32(r.body, 0x4), 0x2u);
    EXPECT_EQ(be32(r.body, 0xC), 0x248au);       // base_mac[0]
    EXPECT_EQ(be32(r.body, 0x10), 0x07a1b2c0u);  // base_mac[1]
    EXPECT_EQ(be32(r.body, 0x14), 0x248a0703u);  // base_guid[0]
    EXPECT_EQ(be32(r.body, 0x18), 0x00a1b2c0u);  // base_guid[1]
  }
}

TEST(QuerySequence, MnvaBaseMacGuidCapCurrentAndDefault) {
  RegsFixtureCard card;
  for (bool default_value : {false, true}) {
    const Response r = card.get(0x9024, nvda_request(0x3, default_value));
    ASSERT_EQ(r.status, RegStatus::kOk);
    EXPECT_EQ(be32(r.body, 0x0) & 0x1ff, 8u);
    EXPECT_EQ(be32(r.body, 0xC) >> 30, 3u);      // mac_en, guid_en
    EXPECT_EQ(be32(r.body, 0x10) & 0xffff, 8u);  // num_of_allocated_macs
    EXPECT_EQ(be32(r.body, 0x10) >> 16, 8u);     // num_of_allocated_guids
  }
}

// MQIS as getDeviceHWInfo reads it: read_length 8, then continuation reads by read_offset.
std::string read_mqis(RegsFixtureCard& card, uint32_t info_type, bool* absent = nullptr) {
  Response r = card.get(0x9064, body_with(0x18, {{0x0, info_type}, {0x8, 8}}));
  EXPECT_EQ(r.status, RegStatus::kOk);
  const uint32_t length = be32(r.body, 0x4) & 0xffff;
  if (absent) *absent = length == 0;
  std::string text(length, '\0');
  uint32_t got = be32(r.body, 0x8) & 0xffff;
  EXPECT_LE(got, std::min(8u, length));
  text.replace(0, got, reinterpret_cast<const char*>(&r.body[0x10]), got);
  while (got < length) {
    const uint32_t want = std::min(8u, length - got);
    std::vector<uint8_t> next = r.body;  // the tool re-sends its struct with offset/length updated
    layout::store_be32(&next[0x8], (got << 16) | want);
    r = card.get(0x9064, next);
    EXPECT_EQ(r.status, RegStatus::kOk);
    EXPECT_EQ(be32(r.body, 0x8) >> 16, got);  // read_offset echoed
    const uint32_t n = be32(r.body, 0x8) & 0xffff;
    EXPECT_GT(n, 0u);  // the tool would loop forever on 0
    if (n == 0) break;
    text.replace(got, n, reinterpret_cast<const char*>(&r.body[0x10]), n);
    got += n;
  }
  return text;
}

TEST(QuerySequence, MqisPartNumberAndDescriptionInChunks) {
  RegsFixtureCard card;
  EXPECT_EQ(read_mqis(card, 1), "MCX4121A-ACAT");
  EXPECT_EQ(read_mqis(card, 2), card.profile.description);
  bool absent = false;
  read_mqis(card, 3, &absent);
  EXPECT_TRUE(absent);  // Image VSD: N/A
  read_mqis(card, 4, &absent);
  EXPECT_TRUE(absent);  // Device VSD: N/A
}

TEST(QuerySequence, MqisNeverAnswersMoreThanTheStringHolds) {
  DeviceProfile profile;
  profile.part_number = "CX4";
  RegsFixtureCard card(profile);
  const Response r = card.get(0x9064, body_with(0x18, {{0x0, 1}, {0x8, 8}}));
  EXPECT_EQ(be32(r.body, 0x4) & 0xffff, 3u);
  EXPECT_EQ(be32(r.body, 0x8) & 0xffff, 3u);  // not 8: the tool's buffer holds info_length + 1
  EXPECT_EQ(card.get(0x9064, body_with(0x18, {{0x0, 1}, {0x8, (4u << 16) | 8}})).status,
            RegStatus::kBadParam);  // offset beyond the string
  EXPECT_EQ(card.get(0x9064, body_with(0x18, {{0x0, 9}, {0x8, 8}})).status, RegStatus::kBadParam);
}

TEST(QuerySequence, MqisFailureIsIdempotentForTheDuplicateSend) {
  RegsFixtureCard card;
  const std::vector<uint8_t> request = body_with(0x18, {{0x0, 9}, {0x8, 8}});
  const Response first = card.get(0x9064, request);
  const Response second = card.get(0x9064, first.body);
  EXPECT_EQ(first.status, RegStatus::kBadParam);
  EXPECT_EQ(second.mailbox, first.mailbox);
  EXPECT_EQ(first.body, request);
}

}  // namespace
}  // namespace secnic::fw::testing
