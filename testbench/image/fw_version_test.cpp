#include "firmware_model/image/fw_version.h"

#include <gtest/gtest.h>

namespace secnic::image {
namespace {

TEST(FwVersion, ParsesAndPrintsAsMstflint) {
  auto v = FwVersion::parse("14.22.4020");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->major, 14);
  EXPECT_EQ(v->minor, 22);
  EXPECT_EQ(v->subminor, 4020);
  EXPECT_EQ(v->to_string(), "14.22.4020");
  EXPECT_EQ(FwVersion({14, 2, 5}).to_string(), "14.2.0005");
  EXPECT_EQ(FwVersion({14, 120, 5}).to_string(), "14.120.5");
}

TEST(FwVersion, RejectsMalformedText) {
  for (const char* bad : {"", "14", "14.22", "14.22.", "a.b.c", "14.22.4020.1", "14.22.70000",
                          "-1.2.3", "14..3", " 14.22.4020"}) {
    EXPECT_FALSE(FwVersion::parse(bad)) << bad;
  }
}

TEST(FwVersion, PackedFormAndOrdering) {
  const FwVersion v{14, 22, 4020};
  EXPECT_EQ(v.packed(), (14u << 24) | (22u << 16) | 4020u);
  EXPECT_EQ(FwVersion::from_packed(v.packed()), v);
  EXPECT_TRUE(FwVersion({14, 22, 4020}) < FwVersion({14, 23, 0}));
  EXPECT_FALSE(FwVersion({300, 1, 1}).fits_packed());
}

TEST(ReleaseDate, ParsesCalendarDatesAndEncodesBcd) {
  auto d = ReleaseDate::parse("2025-11-24");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year_bcd(), 0x2025);
  EXPECT_EQ(d->month_bcd(), 0x11);
  EXPECT_EQ(d->day_bcd(), 0x24);
  EXPECT_EQ(d->packed_bcd(), 0x20251124u);
  EXPECT_EQ(ReleaseDate::from_bcd(0x2025, 0x11, 0x24), *d);
  EXPECT_EQ(d->to_string(), "2025-11-24");
  EXPECT_TRUE(ReleaseDate::parse("2024-02-29"));
  for (const char* bad :
       {"2025-02-29", "2025-13-01", "2025-04-31", "1969-01-01", "2025-1", "25-11-24x", ""}) {
    EXPECT_FALSE(ReleaseDate::parse(bad)) << bad;
  }
}

}  // namespace
}  // namespace secnic::image
