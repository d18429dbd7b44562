// NVQC, NVQGC and MNVA as `mstconfig -d <dev> q` and `mstconfig set` use them (mlxconfig:
// supportsNVData, TLVConf::isFWSupported, mnvaCom5thGen), on the in-memory ConnectX-4 Lx
// configuration.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "regs_test_support.h"

namespace secnic::fw::testing {
namespace {

using layout::load_be32;
namespace nv_type = layout::nv_type;

uint32_t be32(const std::vector<uint8_t>& body, size_t offset) { return load_be32(&body[offset]); }

std::vector<uint8_t> nvqc(uint32_t type) {
  std::vector<uint8_t> body(layout::nvqc::kSize, 0);
  layout::store_be32(&body[0], type);
  return body;
}

// mnvaCom5thGen GET: length 256, over_en, writer_id mlxconfig, default_/read_current per query.
std::vector<uint8_t> nvda_get(uint32_t type, NvReadKind kind) {
  std::vector<uint8_t> body(12 + 256, 0);
  uint32_t hdr = 256 | (1u << 25) | (0x1u << 16);
  if (kind == NvReadKind::kDefault) hdr |= 1u << 23;
  if (kind == NvReadKind::kCurrent) hdr |= 1u << 22;
  layout::store_be32(&body[0], hdr);
  layout::store_be32(&body[4], type);
  return body;
}

std::vector<uint8_t> nvda_set(uint32_t type, const std::vector<uint8_t>& data) {
  std::vector<uint8_t> body(12 + data.size(), 0);
  layout::store_be32(&body[0], static_cast<uint32_t>(data.size()) | (1u << 25));
  layout::store_be32(&body[4], type);
  std::copy(data.begin(), data.end(), body.begin() + 12);
  return body;
}

TEST(NvConfigRegisters, NvqcProbeOfTypeZeroSucceeds) {
  // mstconfig's first access: any failure here ends with "NVQC access register is not supported".
  RegsFixtureCard card;
  const Response r = card.get(0x9030, nvqc(0));
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 4) & 0x3,
            0u);  // type 0 is not a configuration: neither readable nor writable
}

TEST(NvConfigRegisters, NvqcReportsSupportPerType) {
  RegsFixtureCard card;
  const Response conf = card.get(0x9030, nvqc(nv_type::global(0x80)));
  EXPECT_EQ(conf.status, RegStatus::kOk);
  EXPECT_EQ(be32(conf.body, 0), 0x80u);       // type echoed
  EXPECT_EQ(be32(conf.body, 4) & 0x3, 0x3u);  // support_rd | support_wr
  EXPECT_EQ(be32(card.get(0x9030, nvqc(nv_type::global(0x81))).body, 4) & 0x3,
            0x1u);                                                          // cap: read only
  EXPECT_EQ(be32(card.get(0x9030, nvqc(0x01020190)).body, 4) & 0x3, 0x3u);  // KEEP_LINK_UP port 2
  EXPECT_EQ(be32(card.get(0x9030, nvqc(0x01030190)).body, 4) & 0x3, 0x0u);  // no port 3
  EXPECT_EQ(be32(card.get(0x9030, nvqc(0x03000195)).body, 4) & 0x3, 0x0u);  // unknown (boot conf)
}

TEST(NvConfigRegisters, NvqgcAllowsDefaultAndCurrentQueries) {
  RegsFixtureCard card;
  const Response r = card.get(0x9034, std::vector<uint8_t>(0x10, 0));
  EXPECT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0) & 0x3, 0x3u);
}

TEST(NvConfigRegisters, GlobalPciConfigurationDefaults) {
  RegsFixtureCard card;
  const Response r = card.get(0x9024, nvda_get(nv_type::global(0x80), NvReadKind::kNext));
  ASSERT_EQ(r.status, RegStatus::kOk);
  EXPECT_EQ(be32(r.body, 0) & 0x1ff, 12u);  // length = the TLV's size
  const uint32_t valid = be32(r.body, 0xC);
  EXPECT_EQ(valid >> 31, 1u);        // sriov_valid
  EXPECT_EQ((valid >> 29) & 1, 1u);  // fpp_valid
  EXPECT_EQ((valid >> 24) & 3, 3u);  // pf/vf bar size valid
  const uint32_t sriov = be32(r.body, 0x10);
  EXPECT_EQ(sriov >> 31, 0u);           // SRIOV_EN False
  EXPECT_EQ((sriov >> 29) & 1, 1u);     // FPP_EN True
  EXPECT_EQ((sriov >> 16) & 0xff, 2u);  // NUM_OF_PF 2
  EXPECT_EQ(sriov & 0xffff, 8u);        // NUM_OF_VFS 8
  const uint32_t bars = be32(r.body, 0x14);
  EXPECT_EQ(bars & 0x3f, 5u);            // PF_LOG_BAR_SIZE
  EXPECT_EQ((bars >> 6) & 0x3f, 1u);     // VF_LOG_BAR_SIZE
  EXPECT_EQ((bars >> 12) & 0x3ff, 63u);  // NUM_PF_MSIX
  EXPECT_EQ((bars >> 22) & 0x3ff, 11u);  // NUM_VF_MSIX
  for (size_t i = 0xC + 12; i < r.body.size(); ++i) EXPECT_EQ(r.body[i], 0) << i;
  const Response cap = card.get(0x9024, nvda_get(nv_type::global(0x81), NvReadKind::kNext));
  ASSERT_EQ(cap.status, RegStatus::kOk);
  EXPECT_EQ(be32(cap.body, 0x10) >> 31, 1u);  // sriov_support: SRIOV_EN / NUM_OF_VFS shown
}

TEST(NvConfigRegisters, SetChangesTheNextValueOnly) {
  RegsFixtureCard card;
  const uint32_t type = nv_type::physical_port(1, 0x190);
  ASSERT_EQ(be32(card.get(0x9024, nvda_get(type, NvReadKind::kNext)).body, 0xC), 1u);
  const Response set = card.set(0x9024, nvda_set(type, {0, 0, 0, 0}));
  ASSERT_EQ(set.status, RegStatus::kOk);
  EXPECT_EQ(be32(card.get(0x9024, nvda_get(type, NvReadKind::kNext)).body, 0xC), 0u);
  EXPECT_EQ(be32(card.get(0x9024, nvda_get(type, NvReadKind::kCurrent)).body, 0xC), 1u);
  EXPECT_EQ(be32(card.get(0x9024, nvda_get(type, NvReadKind::kDefault)).body, 0xC), 1u);
  // Port 2 is a TLV of its own.
  EXPECT_EQ(
      be32(card.get(0x9024, nvda_get(nv_type::physical_port(2, 0x190), NvReadKind::kNext)).body,
           0xC),
      1u);
}

TEST(NvConfigRegisters, SetIsRefusedForReadOnlyUnknownOrMisSizedTlvs) {
  RegsFixtureCard card;
  EXPECT_EQ(card.set(0x9024, nvda_set(0x2, std::vector<uint8_t>(16, 0))).status,
            RegStatus::kBadParam);
  EXPECT_EQ(card.set(0x9024, nvda_set(0x12345, {0, 0, 0, 0})).status, RegStatus::kBadParam);
  EXPECT_EQ(card.set(0x9024, nvda_set(nv_type::global(0x80), {0, 0, 0, 0})).status,
            RegStatus::kBadParam);
  // nv_hdr.length larger than the data that came with it.
  std::vector<uint8_t> lying = nvda_set(nv_type::physical_port(1, 0x190), {0, 0, 0, 0});
  layout::store_be32(&lying[0], 0x1ff);
  EXPECT_EQ(card.set(0x9024, lying).status, RegStatus::kBadParam);
  // The base MAC is unchanged.
  EXPECT_EQ(be32(card.get(0x9024, nvda_get(0x2, NvReadKind::kNext)).body, 0x10), 0x07a1b2c0u);
}

TEST(NvConfigRegisters, UnknownTlvIsResourceNotAvailableWhichMstconfigTolerates) {
  RegsFixtureCard card;
  const Response r = card.get(0x9024, nvda_get(0x03000195, NvReadKind::kNext));
  EXPECT_EQ(static_cast<uint32_t>(r.status), 8u);
  EXPECT_EQ(be32(r.body, 0) & 0x1ff, 256u);  // request left as sent
}

TEST(NvConfigRegisters, RequestWithTooLittleRoomIsLenTooSmall) {
  RegsFixtureCard card;
  std::vector<uint8_t> body(12 + 8, 0);  // room for 8 bytes, base MAC/GUID holds 16
  layout::store_be32(&body[0], 8);
  layout::store_be32(&body[4], 0x2);
  EXPECT_EQ(static_cast<uint32_t>(card.get(0x9024, body).status), 0x24u);
  // A header alone is a valid MNVA size; shorter is not.
  EXPECT_EQ(static_cast<uint32_t>(card.get(0x9024, std::vector<uint8_t>(8, 0)).status), 0x24u);
  EXPECT_EQ(card.get(0x9024, std::vector<uint8_t>(12 + 260, 0)).status, RegStatus::kBadParam);
}

}  // namespace
}  // namespace secnic::fw::testing
