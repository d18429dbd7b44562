// The declaration framework and the card identity checks.
#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/regs/access_register.h"
#include "firmware_model/regs/device_profile.h"
#include "regs_test_support.h"

namespace secnic::fw::testing {
namespace {

TEST(RegisterTable, DuplicateOrEmptyDeclarationsAreSimulatorBugs) {
  AccessRegisterTable table;
  table.declare(0x9020, "MGIR", 0xA0);
  EXPECT_THROW(table.declare(0x9020, "MGIR2", 0xA0), std::logic_error);
  EXPECT_THROW(table.declare(0x9021, "", 0x10), std::logic_error);
  EXPECT_THROW(table.declare(0x9022, "X", 0), std::logic_error);
  EXPECT_THROW(table.declare(0x9023, "Y", 4).sized(8, 4), std::logic_error);
  EXPECT_NE(table.find(0x9020), nullptr);
  EXPECT_EQ(table.find(0x9021), nullptr);
}

TEST(RegisterTable, TheCardDeclaresExactlyTheDocumentedRegisters) {
  RegsFixtureCard card;
  std::vector<uint16_t> ids;
  for (const auto& [id, reg] : card.dispatch.registers().registers()) ids.push_back(id);
  EXPECT_EQ(ids, (std::vector<uint16_t>{0x9020, 0x9024, 0x902C, 0x9030, 0x9034, 0x9060, 0x9061,
                                        0x9062, 0x9063, 0x9064, 0x907F}));
  const AccessRegister* mgir = card.dispatch.registers().find(0x9020);
  ASSERT_NE(mgir, nullptr);
  EXPECT_EQ(mgir->name(), "MGIR");
  EXPECT_EQ(mgir->min_size(), 0xA0u);
  EXPECT_TRUE(mgir->get_handler());
  EXPECT_FALSE(mgir->set_handler());
}

TEST(RegisterTable, McamAdvertisesEveryAdvertisedDeclarationAndNothingElse) {
  RegsFixtureCard card;
  std::vector<uint8_t> request(layout::mcam::kSize, 0);
  const Response r = card.get(layout::mcam::kId, request);
  ASSERT_EQ(r.status, RegStatus::kOk);
  for (uint32_t id = 0x9000; id < 0x9080; ++id) {
    const AccessRegister* reg = card.dispatch.registers().find(static_cast<uint16_t>(id));
    const bool expected = reg != nullptr && reg->advertised();
    const bool set = (r.body[layout::mcam::cap_mask_byte(static_cast<uint16_t>(id))] >>
                      layout::mcam::cap_mask_bit(static_cast<uint16_t>(id))) &
                     1;
    EXPECT_EQ(set, expected) << std::hex << id;
  }
}

TEST(DeviceProfile, InvalidIdentityIsRejectedWithTheFieldName) {
  auto rejects = [](void (*change)(DeviceProfile&), const char* field) {
    DeviceProfile p;
    change(p);
    try {
      p.validate();
      ADD_FAILURE() << field << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  };
  EXPECT_NO_THROW(DeviceProfile{}.validate());
  rejects([](DeviceProfile& p) { p.psid = "MT_00000000000000001"; }, "psid");
  rejects([](DeviceProfile& p) { p.psid.clear(); }, "psid");
  rejects([](DeviceProfile& p) { p.base_mac = 1ull << 48; }, "base_mac");
  rejects([](DeviceProfile& p) { p.num_ports = 0; }, "num_ports");
  rejects([](DeviceProfile& p) { p.pci_device_id = 0x20b; }, "pci_device_id");
  rejects([](DeviceProfile& p) { p.max_component_size = 0; }, "max_component_size");
  rejects([](DeviceProfile& p) { p.part_number = std::string("a\0b", 3); }, "part_number");
  DeviceProfile bad;
  bad.psid.clear();
  FakeImageStatus images;
  RecordingUpdateController update;
  InMemoryNvConfig nv(DeviceProfile{});
  EXPECT_THROW(AccessRegisterDispatch(bad, images, update, nv), std::invalid_argument);
}

}  // namespace
}  // namespace secnic::fw::testing
