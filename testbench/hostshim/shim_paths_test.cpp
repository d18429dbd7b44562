// The shim's path logic: which paths it answers for, and what the attribute files say.
#include <gtest/gtest.h>

#include "tlm/hostlink/device_registry.h"
#include "tlm/hostlink/device_spec_error.h"
#include "tlm/hostlink/null_function.h"
#include "tools/hostshim/attribute_files.h"
#include "tools/hostshim/simulated_bus.h"
#include "tools/hostshim/sysfs_namespace.h"

namespace secnic::hostshim {
namespace {

using hostlink::PciAddress;

SysfsNamespace two_functions() {
  return SysfsNamespace({PciAddress::parse("03:00.0"), PciAddress::parse("0001:04:00.1")});
}

TEST(NormalizePath, CollapsesSeparatorsDotsAndJoinsRelativePaths) {
  EXPECT_EQ(normalize_path("/sys//bus/./pci/devices/", "/x"), "/sys/bus/pci/devices");
  EXPECT_EQ(normalize_path("0000:03:00.0/vendor", "/sys/bus/pci/devices"),
            "/sys/bus/pci/devices/0000:03:00.0/vendor");
  EXPECT_EQ(
      normalize_path("../devices/0000:03:00.0/../0000:03:00.0/config", "/sys/bus/pci/drivers"),
      "/sys/bus/pci/devices/0000:03:00.0/config");
  EXPECT_EQ(normalize_path("/..", "/"), "/");
  EXPECT_EQ(normalize_path(".", "/sys/bus/pci/devices"), "/sys/bus/pci/devices");
}

TEST(SysfsNamespace, ClassifiesTheNodesOfEachFunction) {
  const SysfsNamespace paths = two_functions();
  EXPECT_EQ(paths.classify("/sys/bus/pci/devices").kind, SysfsNodeKind::kDevicesDirectory);
  SysfsNode node = paths.classify("/sys/bus/pci/devices/0000:03:00.0");
  EXPECT_EQ(node.kind, SysfsNodeKind::kFunctionDirectory);
  EXPECT_EQ(node.function, 0u);
  node = paths.classify("/sys/bus/pci/devices/0001:04:00.1/config");
  EXPECT_EQ(node.kind, SysfsNodeKind::kFunctionConfig);
  EXPECT_EQ(node.function, 1u);
  node = paths.classify("/sys/bus/pci/devices/0000:03:00.0/vendor");
  ASSERT_EQ(node.kind, SysfsNodeKind::kFunctionAttribute);
  EXPECT_STREQ(node.attribute->name, "vendor");
}

TEST(SysfsNamespace, HidesTheRestOfAFunctionAndItsDriverNodes) {
  const SysfsNamespace paths = two_functions();
  for (const char* hidden :
       {"/sys/bus/pci/devices/0000:03:00.0/resource0", "/sys/bus/pci/devices/0000:03:00.0/driver",
        "/sys/bus/pci/devices/0000:03:00.0/infiniband",
        "/sys/bus/pci/devices/0000:03:00.0/vendor/x", "/dev/0000:03:00.0_mstcr",
        "/dev/0000:03:00.0_mstconf", "/proc/bus/pci/0000:03/00.0", "/proc/bus/pci/03/00.0",
        "/proc/bus/pci/0001:04/00.1"}) {
    EXPECT_EQ(paths.classify(hidden).kind, SysfsNodeKind::kHidden) << hidden;
  }
}

TEST(SysfsNamespace, LeavesEveryOtherPathAlone) {
  const SysfsNamespace paths = two_functions();
  for (const char* other :
       {"/sys/bus/pci/devices/0000:00:00.0/vendor", "/sys/bus/pci/devices/0000:03:00.1/vendor",
        "/sys/bus/pci/devices/0000:03:00.00", "/sys/bus/pci", "/dev/0000:03:00.1_mstcr",
        "/dev/null", "/proc/bus/pci/04/00.1", "/proc/bus/pci/devices",
        "/tmp/0000:03:00.0/vendor"}) {
    EXPECT_EQ(paths.classify(other).kind, SysfsNodeKind::kNone) << other;
  }
}

TEST(SysfsNamespace, CheapFilterNeverMissesASpellingOfAFunction) {
  const SysfsNamespace paths = two_functions();
  EXPECT_TRUE(paths.may_name_function("/sys/bus/pci/devices/0000:03:00.0/config"));
  EXPECT_TRUE(paths.may_name_function("0000:03:00.0/vendor"));
  EXPECT_TRUE(paths.may_name_function("/proc/bus/pci/03/00.0"));
  EXPECT_TRUE(paths.may_name_function("/dev/0001:04:00.1_mstcr"));
  EXPECT_FALSE(paths.may_name_function("/etc/passwd"));
  EXPECT_FALSE(paths.may_name_function("/sys/bus/pci/devices/0000:00:00.0/vendor"));
  EXPECT_FALSE(paths.may_name_function(nullptr));
  EXPECT_FALSE(SysfsNamespace({}).may_name_function("/sys/bus/pci/devices/0000:03:00.0/vendor"));
}

TEST(AttributeFiles, RenderLikeLinux) {
  hostlink::NullPciFunction function;
  uint8_t header[hostlink::kConfigHeaderSize];
  for (uint32_t offset = 0; offset < sizeof header; offset += 4) {
    uint32_t value = 0;
    ASSERT_TRUE(function.config_read(offset, 4, value));
    for (unsigned i = 0; i < 4; ++i) header[offset + i] = static_cast<uint8_t>(value >> (8 * i));
  }
  const PciAddress address = PciAddress::parse("03:00.0");
  const auto render = [&](const char* name) {
    const AttributeFile* file = find_attribute_file(name);
    return file == nullptr ? std::string("missing") : file->render(header, address);
  };
  EXPECT_EQ(render("vendor"), "0x15b3\n");
  EXPECT_EQ(render("device"), "0x1015\n");
  EXPECT_EQ(render("subsystem_vendor"), "0x15b3\n");
  EXPECT_EQ(render("subsystem_device"), "0x0016\n");
  EXPECT_EQ(render("class"), "0x020000\n");
  EXPECT_EQ(render("revision"), "0x00\n");
  EXPECT_EQ(render("numa_node"), "-1\n");
  EXPECT_EQ(render("modalias"), "pci:v000015B3d00001015sv000015B3sd00000016bc02sc00i00\n");
  EXPECT_EQ(
      render("uevent"),
      "PCI_CLASS=20000\nPCI_ID=15B3:1015\nPCI_SUBSYS_ID=15B3:0016\nPCI_SLOT_NAME=0000:03:00.0\n"
      "MODALIAS=pci:v000015B3d00001015sv000015B3sd00000016bc02sc00i00\n");
  EXPECT_EQ(find_attribute_file("config"), nullptr) << "config is served live, not rendered";
  EXPECT_EQ(find_attribute_file("resource0"), nullptr);
}

TEST(SimulatedBus, ChecksEveryKindButBuildsNothingUntilUsed) {
  hostlink::DeviceRegistry kinds;
  int built = 0;
  kinds.add_kind("counted", [&](const std::string&) -> std::unique_ptr<hostlink::PciConfigPort> {
    ++built;
    return std::make_unique<hostlink::NullPciFunction>();
  });
  EXPECT_THROW(SimulatedBus("03:00.0=null;04:00.0=bogus", kinds), hostlink::DeviceSpecError);
  EXPECT_THROW(SimulatedBus("03:00.0=null;03:00.0=null", kinds), hostlink::DeviceSpecError);
  SimulatedBus bus("03:00.0=counted;04:00.0=counted", kinds);
  EXPECT_EQ(bus.paths().size(), 2u);
  EXPECT_EQ(built, 0);
  SimulatedFunction& second = bus.function(1);
  EXPECT_EQ(built, 2) << "the first use builds every device (SystemC elaborates once)";
  EXPECT_EQ(second.header()[0], 0xb3);
  bus.function(0);
  EXPECT_EQ(built, 2);
}

TEST(SimulatedFunction, UnbuildableDeviceReadsLikeAnEmptySlot) {
  hostlink::DeviceRegistry kinds;
  SimulatedFunction function(PciAddress::parse("03:00.0"), "replay:/nonexistent/trace", kinds);
  testing::internal::CaptureStderr();
  EXPECT_FALSE(function.available());
  const std::string report = testing::internal::GetCapturedStderr();
  EXPECT_NE(report.find("cannot open simulated device 0000:03:00.0 (replay:/nonexistent/trace)"),
            std::string::npos)
      << report;
  EXPECT_EQ(function.header()[0], 0xff);
  uint8_t byte = 0;
  EXPECT_EQ(function.read_bytes(0, &byte, 1), -1);
}

TEST(SimulatedFunction, DeviceExceptionsBecomeRefusedAccesses) {
  struct ThrowingPort : hostlink::PciConfigPort {
    bool config_read(uint32_t, unsigned, uint32_t&) override {
      throw std::logic_error("model bug");
    }
    bool config_write(uint32_t, unsigned, uint32_t) override {
      throw std::logic_error("model bug");
    }
  };
  hostlink::DeviceRegistry kinds;
  kinds.add_kind("throwing", [](const std::string&) { return std::make_unique<ThrowingPort>(); });
  SimulatedFunction function(PciAddress::parse("03:00.0"), "throwing", kinds);
  testing::internal::CaptureStderr();
  uint8_t bytes[4] = {};
  EXPECT_EQ(function.read_bytes(0, bytes, 4), -1);
  EXPECT_EQ(function.write_bytes(0, bytes, 4), -1);
  const std::string report = testing::internal::GetCapturedStderr();
  EXPECT_NE(report.find("failed: model bug"), std::string::npos) << report;
  EXPECT_EQ(report.find("failed", report.find("failed") + 1), std::string::npos) << "reported once";
}

}  // namespace
}  // namespace secnic::hostshim
