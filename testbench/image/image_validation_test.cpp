// Every validation error of parse_image(), each provoked by one precise corruption.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "firmware_model/image/crc16.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_layouts.h"
#include "testbench/image/image_test_support.h"

namespace secnic::image {
namespace {

namespace lo = layout;
using secnic::layout::get;
using secnic::layout::set;
using test::edit_entry;
using test::edit_section;

struct Corruption {
  const char* name;
  std::function<void(std::vector<uint8_t>&)> apply;
  ImageErrc expected;
  const char* message_part;  // a piece of the message that makes it precise
};

void fill_itoc_with_copies_of_first_entry(std::vector<uint8_t>& img) {
  const uint32_t first = test::kBuiltItoc + lo::itoc_header::kSize;
  for (uint32_t i = 1; i <= lo::itoc_entry::kMaxEntries; ++i) {
    std::copy(img.begin() + first, img.begin() + first + lo::itoc_entry::kSize,
              img.begin() + first + i * lo::itoc_entry::kSize);
  }
}

const std::vector<Corruption>& corruptions() {
  static const std::vector<Corruption> cases = {
      {"length not a multiple of 4", [](auto& b) { b.push_back(0); }, ImageErrc::kNotDwordAligned,
       "multiple of 4"},
      {"shorter than the magic", [](auto& b) { b.resize(8); }, ImageErrc::kTruncated, "magic"},
      {"shorter than the header", [](auto& b) { b.resize(0x20); }, ImageErrc::kTruncated, "0x38"},
      {"BOOT2 past the end", [](auto& b) { b.resize(0x48); }, ImageErrc::kTruncated, "BOOT2"},
      {"ends before the ITOC", [](auto& b) { b.resize(0x800); }, ImageErrc::kTruncated,
       "before the ITOC at 0x1000"},
      {"ITOC entry past the end", [](auto& b) { b.resize(0x1030); }, ImageErrc::kTruncated,
       "ITOC entry 0"},
      {"no magic", [](auto& b) { b[3] ^= 1; }, ImageErrc::kNoMagic, "magic"},
      {"format version 4", [](auto& b) { set(b, lo::header::format_version, 4); },
       ImageErrc::kBadFormatVersion, "expected 3"},
      {"binary version 2.0", [](auto& b) { set(b, lo::header::bin_version_major, 2); },
       ImageErrc::kUnsupportedBinVersion, "2.0"},
      {"binary version 1.0", [](auto& b) { set(b, lo::header::bin_version_major, 1); },
       ImageErrc::kUnsupportedBinVersion, "1.0"},
      {"BOOT2 size 3", [](auto& b) { set(b, lo::boot2::size_dwords, 3); }, ImageErrc::kBoot2BadSize,
       "0x3"},
      {"BOOT2 size 0x100001", [](auto& b) { set(b, lo::boot2::size_dwords, 0x100001); },
       ImageErrc::kBoot2BadSize, "0x100001"},
      {"BOOT2 CRC", [](auto& b) { b[0x40] ^= 0x80; }, ImageErrc::kBoot2BadCrc, "stored"},
      {"no ITOC signature", [](auto& b) { b[0x1000] ^= 1; }, ImageErrc::kNoItoc, "0x1000"},
      {"ITOC header CRC", [](auto& b) { b[0x1000 + 0x13] ^= 1; }, ImageErrc::kBadItocHeaderCrc,
       "ITOC header at 0x1000"},
      {"ITOC entry CRC", [](auto& b) { b[0x1020 + 0x8] ^= 1; }, ImageErrc::kBadItocEntryCrc,
       "ITOC entry 0 at 0x1020"},
      {"64 entries without END", fill_itoc_with_copies_of_first_entry,
       ImageErrc::kTooManyItocEntries, "63"},
      {"section beyond the end",
       [](auto& b) {
         edit_entry(b, SectionType::kImageInfo, [&](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::flash_addr_dwords, static_cast<uint32_t>(b.size() / 4));
         });
       },
       ImageErrc::kSectionOutOfBounds, "IMAGE_INFO"},
      {"section size beyond the end",
       [](auto& b) {
         edit_entry(b, SectionType::kMainCode,
                    [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::size_dwords, 0x3FFFFF); });
       },
       ImageErrc::kSectionOutOfBounds, "MAIN_CODE"},
      {"section CRC",
       [](auto& b) { b[test::section_offset_of(b, SectionType::kImageInfo) + 5] ^= 1; },
       ImageErrc::kBadSectionCrc, "IMAGE_INFO section at"},
      {"sections overlap",
       [](auto& b) {
         const uint32_t boot = test::section_offset_of(b, SectionType::kBootCode);
         edit_entry(b, SectionType::kForbiddenVersions, [&](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::flash_addr_dwords, boot / 4 + 4);
           set(e, n, lo::itoc_entry::section_crc, fs3_crc16(b.data() + boot + 16, 0x100 / 4));
         });
       },
       ImageErrc::kSectionOutOfBounds, "overlaps BOOT_CODE"},
      {"section over the ITOC",
       [](auto& b) {
         edit_entry(b, SectionType::kForbiddenVersions, [&](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::flash_addr_dwords, 0x1000 / 4);
           set(e, n, lo::itoc_entry::section_crc, fs3_crc16(b.data() + 0x1000, 0x100 / 4));
         });
       },
       ImageErrc::kSectionOutOfBounds, "overlaps the ITOC"},
      {"signature section of the wrong size",
       [](auto& b) {
         const uint32_t at = test::section_offset_of(b, SectionType::kImageSignature256);
         edit_entry(b, SectionType::kImageSignature256, [&](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::size_dwords, 0x100 / 4);
           set(e, n, lo::itoc_entry::section_crc, fs3_crc16(b.data() + at, 0x100 / 4));
         });
       },
       ImageErrc::kBadSectionSize, "expected 0x140"},
      {"IMAGE_INFO too small",
       [](auto& b) {
         const uint32_t at = test::section_offset_of(b, SectionType::kImageInfo);
         edit_entry(b, SectionType::kImageInfo, [&](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::size_dwords, 0x200 / 4);
           set(e, n, lo::itoc_entry::section_crc, fs3_crc16(b.data() + at, 0x200 / 4));
         });
       },
       ImageErrc::kBadSectionSize, "at least 0x400"},
      {"two IMAGE_INFO sections",
       [](auto& b) {
         const uint32_t ii = test::section_offset_of(b, SectionType::kImageInfo);
         edit_entry(b, SectionType::kForbiddenVersions, [&](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::type, static_cast<uint32_t>(SectionType::kImageInfo));
           (void)ii;
         });
       },
       ImageErrc::kDuplicateSection, "second IMAGE_INFO"},
      {"IMAGE_INFO flagged device data",
       [](auto& b) {
         edit_entry(b, SectionType::kImageInfo,
                    [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::device_data, 1); });
       },
       ImageErrc::kBadSectionAttributes, "IMAGE_INFO section (ITOC entry 2 at 0x1060) is flagged"},
      {"DEV_INFO at a relative address",
       [](auto& b) {
         edit_entry(b, SectionType::kDevInfo,
                    [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::relative_addr, 1); });
       },
       ImageErrc::kBadSectionAttributes,
       "DEV_INFO section (ITOC entry 8 at 0x1120) is device data"},
      {"no IMAGE_INFO",
       [](auto& b) {
         edit_entry(b, SectionType::kImageInfo, [](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::type, static_cast<uint32_t>(SectionType::kMainCode));
         });
       },
       ImageErrc::kMissingImageInfo, "IMAGE_INFO"},
      {"no MFG_INFO",
       [](auto& b) {
         edit_entry(b, SectionType::kMfgInfo, [](uint8_t* e, size_t n) {
           set(e, n, lo::itoc_entry::type, static_cast<uint32_t>(SectionType::kVpdR0));
         });
       },
       ImageErrc::kMissingMfgInfo, "MFG_INFO"},
      {"IMAGE_INFO major 1",
       [](auto& b) {
         edit_section(b, SectionType::kImageInfo,
                      [](auto& s) { set(s, lo::image_info::major_version, 1); });
       },
       ImageErrc::kUnknownImageInfoVersion, "1.3"},
      {"MFG_INFO major 2",
       [](auto& b) {
         edit_section(b, SectionType::kMfgInfo,
                      [](auto& s) { set(s, lo::mfg_info::major_version, 2); });
       },
       ImageErrc::kUnknownMfgInfoVersion, "2.0"},
      {"DEV_INFO major 3",
       [](auto& b) {
         edit_section(b, SectionType::kDevInfo,
                      [](auto& s) { set(s, lo::dev_info::major_version, 3); });
       },
       ImageErrc::kUnknownDevInfoVersion, "3.0"},
      {"hardware id of a ConnectX-4",
       [](auto& b) {
         edit_section(b, SectionType::kImageInfo,
                      [](auto& s) { set(s, lo::image_info::supported_hw_id0, 0x209); });
       },
       ImageErrc::kUnknownHwId, "0x209"},
      {"FORBIDDEN_VERSIONS layout 2",
       [](auto& b) {
         edit_section(b, SectionType::kForbiddenVersions,
                      [](auto& s) { set(s, lo::forbidden_versions::layout_version, 2); });
       },
       ImageErrc::kBadForbiddenVersions, "layout version 2"},
      {"FORBIDDEN_VERSIONS count too large",
       [](auto& b) {
         edit_section(b, SectionType::kForbiddenVersions,
                      [](auto& s) { set(s, lo::forbidden_versions::count, 61); });
       },
       ImageErrc::kBadForbiddenVersions, "61"},
  };
  return cases;
}

class ImageValidation : public ::testing::TestWithParam<size_t> {};

TEST_P(ImageValidation, RefusesWithAPreciseError) {
  const Corruption& c = corruptions()[GetParam()];
  std::vector<uint8_t> img = test::build();
  c.apply(img);
  auto parsed = parse_image(img);
  ASSERT_FALSE(parsed) << c.name;
  EXPECT_EQ(parsed.error().code, c.expected)
      << c.name << ": got " << to_string(parsed.error().code) << ": " << parsed.error().message;
  EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos)
      << c.name << ": '" << parsed.error().message << "' lacks '" << c.message_part << "'";
}

INSTANTIATE_TEST_SUITE_P(AllErrors, ImageValidation,
                         ::testing::Range<size_t>(0, corruptions().size()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           std::string n = corruptions()[info.param].name;
                           for (char& ch : n) {
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

TEST(ImageValidationForms, ComponentAndSlotDoNotNeedMfgInfo) {
  std::vector<uint8_t> img = test::build();
  edit_entry(img, SectionType::kMfgInfo, [](uint8_t* e, size_t n) {
    set(e, n, lo::itoc_entry::type, static_cast<uint32_t>(SectionType::kVpdR0));
  });
  EXPECT_FALSE(parse_image(img, {ImageForm::kFile}));
  EXPECT_TRUE(parse_image(img, {ImageForm::kFlashSlot}));
  EXPECT_TRUE(parse_image(img, {ImageForm::kComponent}));
}

// FZ-4: a firmware section flagged device data would be parsed from the file or slot but be
// missing from the component, whose device-data entries are masked. Every one is refused, in both
// forms that read device-data entries.
TEST(ImageValidationForms, FirmwareSectionsFlaggedDeviceDataAreRefusedByFileAndSlot) {
  for (SectionType type : {SectionType::kBootCode, SectionType::kMainCode, SectionType::kImageInfo,
                           SectionType::kImageSignature256, SectionType::kImageSignature512,
                           SectionType::kPublicKeys2048, SectionType::kPublicKeys4096,
                           SectionType::kForbiddenVersions}) {
    std::vector<uint8_t> img = test::build();
    const uint32_t entry = test::entry_offset_of(img, type);
    edit_entry(img, type, [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::device_data, 1); });
    for (ImageForm form : {ImageForm::kFile, ImageForm::kFlashSlot}) {
      auto parsed = parse_image(img, {form});
      ASSERT_FALSE(parsed) << section_name(type) << " in form " << to_string(form);
      EXPECT_EQ(parsed.error().code, ImageErrc::kBadSectionAttributes) << parsed.error().message;
      EXPECT_EQ(parsed.error().offset, entry);
      EXPECT_NE(parsed.error().message.find(std::string(section_name(type)) + " section"),
                std::string::npos)
          << parsed.error().message;
      EXPECT_NE(parsed.error().message.find("flagged device data"), std::string::npos)
          << parsed.error().message;
    }
  }
}

// The component form stops at the first device-data entry (as mstflint does): an IMAGE_INFO
// flagged device data ends the component before it, so it has none.
TEST(ImageValidationForms, ComponentStopsAtAnImageInfoFlaggedDeviceData) {
  std::vector<uint8_t> img = test::build();
  edit_entry(img, SectionType::kImageInfo,
             [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::device_data, 1); });
  auto component = parse_image(img, {ImageForm::kComponent});
  ASSERT_FALSE(component);
  EXPECT_EQ(component.error().code, ImageErrc::kMissingImageInfo) << component.error().message;
}

// FZ-3: a relative device-data section counted in data_size, but the component, whose parse ends
// where that entry was, had the shorter data_size of the code alone: host and card disagreed on
// the image's length and signed range. Device data must be absolute.
TEST(ImageValidationForms, RelativeDeviceDataIsRefusedByFileAndSlot) {
  for (SectionType type : {SectionType::kDevInfo, SectionType::kMfgInfo}) {
    std::vector<uint8_t> img = test::build();
    const uint32_t entry = test::entry_offset_of(img, type);
    edit_entry(img, type,
               [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::relative_addr, 1); });
    for (ImageForm form : {ImageForm::kFile, ImageForm::kFlashSlot}) {
      auto parsed = parse_image(img, {form});
      ASSERT_FALSE(parsed) << section_name(type) << " in form " << to_string(form);
      EXPECT_EQ(parsed.error().code, ImageErrc::kBadSectionAttributes) << parsed.error().message;
      EXPECT_EQ(parsed.error().offset, entry);
      EXPECT_NE(parsed.error().message.find("device data at a relative address"), std::string::npos)
          << parsed.error().message;
    }
    // The component never reads device-data entries: it parses, to the code's data_size.
    auto component = parse_image(img, {ImageForm::kComponent});
    ASSERT_TRUE(component) << component.error().message;
    EXPECT_EQ(component->data_size(),
              test::section_offset_of(img, SectionType::kForbiddenVersions) +
                  test::section_size_of(img, SectionType::kForbiddenVersions));
  }
}

// Device data as the builder and mstflint write it (absolute, after the code), and sections of
// types this format does not name, whatever their flags, still parse.
TEST(ImageValidationForms, AbsoluteDeviceDataAndUnnamedTypesStillParse) {
  std::vector<uint8_t> img = test::build();
  for (ImageForm form : {ImageForm::kFile, ImageForm::kFlashSlot, ImageForm::kComponent}) {
    EXPECT_TRUE(parse_image(img, {form})) << to_string(form);
  }
  edit_entry(img, SectionType::kDevInfo, [](uint8_t* e, size_t n) {
    set(e, n, lo::itoc_entry::type, 0xE7);  // an unnamed device-data type
  });
  for (ImageForm form : {ImageForm::kFile, ImageForm::kFlashSlot}) {
    auto parsed = parse_image(img, {form});
    ASSERT_TRUE(parsed) << to_string(form) << ": " << parsed.error().message;
    EXPECT_FALSE(parsed->dev_info().has_value());
  }
}

TEST(SectionTypes, FirmwareSectionsAreTheSignedOnesNotTheDeviceData) {
  for (SectionType t :
       {SectionType::kBootCode, SectionType::kMainCode, SectionType::kImageInfo,
        SectionType::kRomCode, SectionType::kImageSignature256, SectionType::kPublicKeys2048,
        SectionType::kForbiddenVersions, SectionType::kImageSignature512,
        SectionType::kPublicKeys4096, SectionType::kHmacDigest}) {
    EXPECT_TRUE(is_firmware_section(t)) << section_name(t);
  }
  for (SectionType t :
       {SectionType::kMfgInfo, SectionType::kDevInfo, SectionType::kNvData0, SectionType::kNvData1,
        SectionType::kNvData2, SectionType::kVpdR0, SectionType::kFwNvLog, SectionType::kItoc,
        SectionType::kEnd, static_cast<SectionType>(0xE7), static_cast<SectionType>(0x55)}) {
    EXPECT_FALSE(is_firmware_section(t)) << static_cast<int>(t);
  }
}

TEST(ImageValidationForms, SlotFormNeedsTheMagicComponentMayMaskIt) {
  std::vector<uint8_t> img = test::build();
  std::fill(img.begin(), img.begin() + 16, 0xFF);
  EXPECT_EQ(parse_image(img, {ImageForm::kFlashSlot}).error().code, ImageErrc::kNoMagic);
  EXPECT_EQ(parse_image(img, {ImageForm::kFile}).error().code, ImageErrc::kNoMagic);
  auto component = parse_image(img, {ImageForm::kComponent});
  ASSERT_TRUE(component);
  EXPECT_TRUE(component->magic_masked());
  img[0] = 0;
  EXPECT_EQ(parse_image(img, {ImageForm::kComponent}).error().code, ImageErrc::kNoMagic);
}

TEST(ImageValidationForms, NoCrcFlagSkipsTheSectionCrc) {
  std::vector<uint8_t> img = test::build();
  edit_entry(img, SectionType::kMainCode,
             [](uint8_t* e, size_t n) { set(e, n, lo::itoc_entry::no_crc, 1); });
  img[test::section_offset_of(img, SectionType::kMainCode) + 9] ^= 0xFF;
  EXPECT_TRUE(parse_image(img));
}

TEST(ImageValidationForms, ItocIsFoundAtALaterBoundary) {
  // Move the ITOC from 0x1000 to 0x1000 + one boundary further is not possible in a built image
  // (sections start at 0x2000), so invalidate the first header and put a copy at a free boundary.
  std::vector<uint8_t> img = test::build();
  const uint32_t itoc_len = lo::itoc_header::kSize + 11 * lo::itoc_entry::kSize;
  std::vector<uint8_t> itoc(img.begin() + 0x1000, img.begin() + 0x1000 + itoc_len);
  const uint32_t new_at = static_cast<uint32_t>((img.size() + 0xFFF) / 0x1000 * 0x1000);
  img.resize(new_at + 0x1000, 0xFF);
  std::copy(itoc.begin(), itoc.end(), img.begin() + new_at);
  img[0x1000] ^= 1;  // first header no longer has the signature
  auto parsed = parse_image(img);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->itoc_offset(), new_at);
}

}  // namespace
}  // namespace secnic::image
