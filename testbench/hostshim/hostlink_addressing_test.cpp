// PCI addresses and the SECNIC_DEVICES device list.
#include <gtest/gtest.h>

#include "tlm/hostlink/device_list.h"
#include "tlm/hostlink/device_spec_error.h"
#include "tlm/hostlink/pci_address.h"

namespace secnic::hostlink {
namespace {

TEST(PciAddress, ParsesShortAndFullForms) {
  EXPECT_EQ(PciAddress::parse("03:00.0").to_string(), "0000:03:00.0");
  EXPECT_EQ(PciAddress::parse("0000:03:00.0").to_string(), "0000:03:00.0");
  EXPECT_EQ(PciAddress::parse("ABCD:Fe:1f.7").to_string(), "abcd:fe:1f.7");
  EXPECT_EQ(PciAddress::parse("3:0.1").to_string(), "0000:03:00.1");
  const PciAddress a = PciAddress::parse("0001:82:1a.3");
  EXPECT_EQ(a.domain, 1);
  EXPECT_EQ(a.bus, 0x82);
  EXPECT_EQ(a.device, 0x1a);
  EXPECT_EQ(a.function, 3);
}

TEST(PciAddress, RejectsMalformedAddressesNamingThem) {
  for (const char* bad : {"", "03:00", "03.00.0", "03:20.0", "03:00.8", "1:2:3:4.0", "g3:00.0",
                          "003:00.0", "00000:03:00.0", "03:00.00", "03:00.", ":00.0", "03:00.0 "}) {
    try {
      PciAddress::parse(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const DeviceSpecError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("'") + bad + "'"), std::string::npos)
          << e.what();
    }
  }
}

TEST(DeviceList, ParsesEntriesInOrder) {
  const auto devices = parse_device_list("03:00.0=card:/abs/dir;0000:04:00.0=null");
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0].address.to_string(), "0000:03:00.0");
  EXPECT_EQ(devices[0].spec, "card:/abs/dir");
  EXPECT_EQ(devices[1].address.to_string(), "0000:04:00.0");
  EXPECT_EQ(devices[1].spec, "null");
  EXPECT_TRUE(parse_device_list("").empty());
}

TEST(DeviceList, SpecMayContainEqualsAndColons) {
  const auto devices = parse_device_list("03:00.0=record:/t/a=b.trace:card:/x");
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].spec, "record:/t/a=b.trace:card:/x");
}

TEST(DeviceList, RejectsMalformedEntries) {
  EXPECT_THROW(parse_device_list("03:00.0"), DeviceSpecError);
  EXPECT_THROW(parse_device_list("03:00.0="), DeviceSpecError);
  EXPECT_THROW(parse_device_list("03:00.0=null;"), DeviceSpecError);
  EXPECT_THROW(parse_device_list("zz=null"), DeviceSpecError);
  try {
    parse_device_list("03:00.0=null;0000:03:00.0=card:/x");
    ADD_FAILURE() << "duplicate accepted";
  } catch (const DeviceSpecError& e) {
    EXPECT_NE(std::string(e.what()).find("two devices at 0000:03:00.0"), std::string::npos)
        << e.what();
  }
}

TEST(DeviceList, FormatRoundTrips) {
  const std::vector<DeviceAssignment> devices = {{PciAddress::parse("03:00.0"), "card:/a"},
                                                 {PciAddress::parse("4:0.1"), "null"}};
  const std::string text = format_device_list(devices);
  EXPECT_EQ(text, "0000:03:00.0=card:/a;0000:04:00.1=null");
  const auto parsed = parse_device_list(text);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[1].address, devices[1].address);
  EXPECT_EQ(parsed[1].spec, "null");
  EXPECT_THROW(format_device_list({{PciAddress::parse("03:00.0"), "card:/a;b"}}), DeviceSpecError);
  EXPECT_THROW(format_device_list({{PciAddress::parse("03:00.0"), "null"},
                                   {PciAddress::parse("0000:03:00.0"), "null"}}),
               DeviceSpecError);
}

}  // namespace
}  // namespace secnic::hostlink
