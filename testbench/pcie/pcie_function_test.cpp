// PcieFunction: the config header, the capability chain as mtcr walks it, access sizes and offsets.
#include "model/pcie/pcie_function.h"

#include <gtest/gtest.h>

#include "testbench/pcie/mtcr_driver.h"
#include "testbench/pcie/test_card.h"
#include "testbench/regs/model_log_capture.h"

namespace secnic::testing {
namespace {

uint32_t config_read(model::PcieFunction& pcie, uint32_t offset, unsigned size) {
  uint32_t value = 0xdeadbeef;
  EXPECT_TRUE(pcie.config_read(offset, size, value)) << std::hex << offset;
  return value;
}

TEST(PcieFunctionTest, HeaderIdentifiesConnectX4Lx) {
  TestCardState state;
  TestCard card("card", state);
  model::PcieFunction& pcie = card.pcie;
  EXPECT_EQ(config_read(pcie, 0x00, 4), 0x101515b3u);
  EXPECT_EQ(config_read(pcie, 0x08, 4), 0x02000000u);  // class 0x020000, revision 0
  EXPECT_EQ(config_read(pcie, 0x2c, 4), 0x001615b3u);
  EXPECT_EQ(config_read(pcie, 0x0e, 1), 0x00u);         // header type 0
  EXPECT_EQ(config_read(pcie, 0x06, 2) & 0x10, 0x10u);  // capability list present
  EXPECT_EQ(config_read(pcie, 0x34, 1), 0x60u);
}

TEST(PcieFunctionTest, IdentityIsConfigurable) {
  TestCardState state;
  TestCardConfig config;
  config.pcie.identity.device_id = 0x1017;
  config.pcie.identity.revision_id = 0x02;
  config.pcie.identity.class_code = 0x028000;
  config.pcie.identity.subsystem_id = 0x0020;
  TestCard card("card", state, config);
  EXPECT_EQ(config_read(card.pcie, 0x00, 4), 0x101715b3u);
  EXPECT_EQ(config_read(card.pcie, 0x08, 4), 0x02800002u);
  EXPECT_EQ(config_read(card.pcie, 0x2e, 2), 0x0020u);
}

TEST(PcieFunctionTest, MtcrCapabilityWalkFindsVsecAt0xc0) {
  TestCardState state;
  TestCard card("card", state);
  MtcrDriver driver(card.pcie);
  EXPECT_EQ(driver.find_capability(0x09), 0xc0u);
  // 0x34, then 0x60 PCIe, 0x48 VPD, 0x9c MSI-X, 0xc0 VSEC: 1 byte then 2-byte reads.
  ASSERT_EQ(driver.ops().size(), 5u);
  EXPECT_EQ(driver.ops()[0].offset, 0x34u);
  EXPECT_EQ(driver.ops()[0].size, 1u);
  const uint32_t expected[] = {0x60, 0x48, 0x9c, 0xc0};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(driver.ops()[i + 1].offset, expected[i]);
    EXPECT_EQ(driver.ops()[i + 1].size, 2u);
  }
}

TEST(PcieFunctionTest, CapabilityChainIsTheDocumentedOneAndEnds) {
  TestCardState state;
  TestCard card("card", state);
  struct Cap {
    uint32_t offset;
    uint32_t id;
  };
  const Cap chain[] = {{0x60, 0x10}, {0x48, 0x03}, {0x9c, 0x11}, {0xc0, 0x09}, {0x40, 0x01}};
  uint32_t offset = config_read(card.pcie, 0x34, 1);
  for (const Cap& cap : chain) {
    ASSERT_EQ(offset, cap.offset);
    const uint32_t header = config_read(card.pcie, offset, 2);
    EXPECT_EQ(header & 0xff, cap.id) << std::hex << offset;
    offset = header >> 8;
  }
  EXPECT_EQ(offset, 0u);
  MtcrDriver driver(card.pcie);
  EXPECT_EQ(driver.find_capability(0x55), 0u);  // absent ID: the walk ends at the last capability
  EXPECT_EQ(driver.ops().size(), 6u);
}

TEST(PcieFunctionTest, VsecCapabilityHeader) {
  TestCardState state;
  TestCard card("card", state);
  const uint32_t header = config_read(card.pcie, 0xc0, 4);
  EXPECT_EQ(header & 0xff, 0x09u);
  EXPECT_EQ((header >> 8) & 0xff, 0x40u);
  EXPECT_EQ((header >> 16) & 0xff, 0x18u);
}

TEST(PcieFunctionTest, UnalignedAndNarrowReadsAgreeWithBytes) {
  TestCardState state;
  TestCard card("card", state);
  // Bytes 0x00-0xbf hold only side-effect-free registers.
  uint8_t bytes[0xc0];
  for (uint32_t i = 0; i < sizeof bytes; ++i) {
    bytes[i] = static_cast<uint8_t>(config_read(card.pcie, i, 1));
  }
  for (uint32_t offset = 0; offset + 4 <= sizeof bytes; ++offset) {
    const uint32_t expected4 = bytes[offset] | (bytes[offset + 1] << 8) |
                               (bytes[offset + 2] << 16) | (uint32_t{bytes[offset + 3]} << 24);
    EXPECT_EQ(config_read(card.pcie, offset, 4), expected4) << std::hex << offset;
    EXPECT_EQ(config_read(card.pcie, offset, 2), expected4 & 0xffff) << std::hex << offset;
  }
}

TEST(PcieFunctionTest, ExtendedSpaceIsEmpty) {
  TestCardState state;
  TestCard card("card", state);
  EXPECT_EQ(config_read(card.pcie, 0x100, 4), 0u);
  EXPECT_EQ(config_read(card.pcie, 0xffc, 4), 0u);
  EXPECT_EQ(config_read(card.pcie, 0xfff, 1), 0u);
}

TEST(PcieFunctionTest, BadSizesAndOffsetsAreRefusedAndLogged) {
  ModelLogCapture log;
  TestCardState state;
  TestCard card("card", state);
  uint32_t value = 0;
  EXPECT_FALSE(card.pcie.config_read(0xffe, 4, value));
  EXPECT_FALSE(card.pcie.config_read(0x1000, 1, value));
  EXPECT_FALSE(card.pcie.config_read(0xffffffff, 4, value));
  EXPECT_FALSE(card.pcie.config_read(0x0, 3, value));
  EXPECT_FALSE(card.pcie.config_read(0x0, 0, value));
  EXPECT_FALSE(card.pcie.config_write(0x0, 8, 0));
  EXPECT_FALSE(card.pcie.config_write(0xfff, 2, 0));
  EXPECT_EQ(log.count({"warn", "refused"}), 7u);
  EXPECT_EQ(config_read(card.pcie, 0x0, 4), 0x101515b3u);  // still answering
}

TEST(PcieFunctionTest, HeaderWritesAreIgnoredAndLogged) {
  ModelLogCapture log;
  TestCardState state;
  TestCard card("card", state);
  EXPECT_TRUE(card.pcie.config_write(0x00, 4, 0xffffffff));
  EXPECT_TRUE(card.pcie.config_write(0x34, 1, 0x00));
  EXPECT_TRUE(card.pcie.config_write(0x100, 4, 0x12345678));
  EXPECT_EQ(config_read(card.pcie, 0x00, 4), 0x101515b3u);
  EXPECT_EQ(config_read(card.pcie, 0x34, 1), 0x60u);
  EXPECT_EQ(config_read(card.pcie, 0x100, 4), 0u);
  EXPECT_TRUE(log.contains({"warn", "read-only register VENDOR_ID"}));
  EXPECT_TRUE(log.contains({"warn", "read-only register CAPABILITIES_POINTER"}));
}

TEST(PcieFunctionTest, ConfigAccessesCostConfiguredTime) {
  TestCardState state;
  TestCardConfig config;
  config.pcie.config_access_time = sc_core::sc_time(1, sc_core::SC_US);
  TestCard card("card", state, config);
  config_read(card.pcie, 0x0, 4);
  card.pcie.config_write(0x100, 4, 0);
  EXPECT_EQ(card.pcie.annotated_time(), sc_core::sc_time(2, sc_core::SC_US));
}

}  // namespace
}  // namespace secnic::testing
