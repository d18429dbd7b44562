// BootRom decisions: which slot boots, and why each rejected slot was rejected.
#include "firmware_model/boot/boot_rom.h"

#include <gtest/gtest.h>

#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "testbench/boot/memory_flash.h"
#include "testbench/image/image_test_support.h"

namespace secnic::fw {
namespace {

using test::MemoryFlash;

std::vector<uint8_t> image_bytes(image::FwVersion version, const char* key = "rsa2048_a.pem",
                                 const char* uuid = test::kUuidA) {
  image::ImageSpec spec = test::small_spec();
  spec.fw_version = version;
  auto bytes = test::build(spec);
  if (key != nullptr) {
    auto r = image::sign_image(bytes, test::private_key(key), test::uuid(uuid));
    if (!r) throw std::runtime_error(r.error().message);
  }
  return bytes;
}

// What the update FSM leaves in a slot: the received component with its magic restored.
std::vector<uint8_t> as_slot_image(const std::vector<uint8_t>& file) {
  auto parsed = image::parse_image(file);
  if (!parsed) throw std::runtime_error(parsed.error().message);
  auto flash = image::component_to_flash_image(image::make_component(*parsed));
  if (!flash) throw std::runtime_error(flash.error().message);
  return *flash;
}

void activate(MemoryFlash& flash, FlashSlot slot, uint32_t length) {
  std::array<uint8_t, 32> digest{};
  ASSERT_EQ(slot_sha256(flash, slot, length, digest), FlashResult::kOk);
  BootControlJournal journal(flash);
  ASSERT_EQ(journal.append(slot, length, digest), FlashResult::kOk);
}

BootRomConfig secure_config() {
  BootRomConfig c;
  c.trusted_keys = {{test::uuid(test::kUuidA), test::public_key("rsa2048_a.pub.pem")},
                    {test::uuid(test::kUuid4096), test::public_key("rsa4096.pub.pem")}};
  return c;
}

BootReport boot(MemoryFlash& flash, const BootRomConfig& config = secure_config()) {
  BootRom rom(flash, config);
  return rom.boot();
}

const image::FwVersion kOld{14, 22, 4020};
const image::FwVersion kNew{14, 23, 1020};

// Slot A: the factory image (a complete file, with device data); slot B: an update, activated.
struct TwoSlotCard {
  MemoryFlash flash;
  std::vector<uint8_t> new_image = as_slot_image(image_bytes(kNew));
  TwoSlotCard() {
    flash.load(kSlotABase, image_bytes(kOld));
    flash.load(kSlotBBase, new_image);
  }
};

TEST(BootRom, NoJournalRecordBootsSlotA) {
  MemoryFlash flash;
  flash.load(kSlotABase, image_bytes(kOld));
  const BootReport r = boot(flash);
  ASSERT_TRUE(r.booted) << r.summary();
  EXPECT_EQ(r.slot, FlashSlot::kA);
  EXPECT_EQ(r.preferred_slot, FlashSlot::kA);
  EXPECT_FALSE(r.fallback);
  EXPECT_FALSE(r.journal_record);
  EXPECT_TRUE(r.rejected.empty());
  EXPECT_EQ(r.fw_version, kOld);
  EXPECT_EQ(r.psid, "MT_2420110034");
  EXPECT_EQ(r.product_version, "14.22.4020");
  EXPECT_EQ(r.release_date, image::ReleaseDate({2025, 11, 24}));
  ASSERT_TRUE(r.image);
  EXPECT_EQ(r.image_size, r.image->data_size());
  EXPECT_EQ(r.image->form(), image::ImageForm::kFlashSlot);
}

TEST(BootRom, JournalRecordSelectsSlotB) {
  TwoSlotCard card;
  activate(card.flash, FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()));
  const BootReport r = boot(card.flash);
  ASSERT_TRUE(r.booted) << r.summary();
  EXPECT_EQ(r.slot, FlashSlot::kB);
  EXPECT_FALSE(r.fallback);
  EXPECT_EQ(r.fw_version, kNew);
  ASSERT_TRUE(r.journal_record);
  EXPECT_EQ(r.journal_record->active_slot, FlashSlot::kB);
  EXPECT_EQ(r.image_size, card.new_image.size());
}

TEST(BootRom, ActivatedSlotWithABadCrcFallsBackToTheOtherSlot) {
  TwoSlotCard card;
  activate(card.flash, FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()));
  card.flash.data()[kSlotBBase +
                    test::section_offset_of(card.new_image, image::SectionType::kImageInfo) + 9] ^=
      1;
  const BootReport r = boot(card.flash);
  ASSERT_TRUE(r.booted) << r.summary();
  EXPECT_EQ(r.slot, FlashSlot::kA);
  EXPECT_TRUE(r.fallback);
  EXPECT_EQ(r.preferred_slot, FlashSlot::kB);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].slot, FlashSlot::kB);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kBadImage);
  EXPECT_NE(r.rejected[0].reason.find("IMAGE_INFO section at"), std::string::npos)
      << r.rejected[0].reason;
  EXPECT_NE(r.summary().find("(fallback)"), std::string::npos);
}

TEST(BootRom, SlotChangedAfterActivationIsCaughtByTheJournalDigest) {
  TwoSlotCard card;
  activate(card.flash, FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()));
  // A byte no parser reads and the signature does not cover on a file (a gap): only the journal's
  // digest of the slot notices it.
  card.flash.data()[kSlotBBase + 0x800] = 0x00;
  const BootReport r = boot(card.flash);
  ASSERT_TRUE(r.booted);
  EXPECT_EQ(r.slot, FlashSlot::kA);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kJournalDigestMismatch) << r.rejected[0].reason;
}

TEST(BootRom, SecureBootRejectsUnsignedUnknownKeyAndTamperedImages) {
  struct Case {
    const char* name;
    std::vector<uint8_t> slot_b;
    SlotRejection expected;
  };
  auto tampered = as_slot_image(image_bytes(kNew));
  test::edit_section(tampered, image::SectionType::kMainCode, [](auto& s) { s[3] ^= 0x10; });
  const Case cases[] = {
      {"unsigned", as_slot_image(image_bytes(kNew, nullptr)), SlotRejection::kUnsigned},
      {"unknown key", as_slot_image(image_bytes(kNew, "rsa2048_b.pem", test::kUuidB)),
       SlotRejection::kUnknownKey},
      {"wrong key under a trusted UUID",
       as_slot_image(image_bytes(kNew, "rsa2048_b.pem", test::kUuidA)),
       SlotRejection::kBadSignature},
      {"tampered", tampered, SlotRejection::kBadSignature},
  };
  for (const Case& c : cases) {
    MemoryFlash flash;
    flash.load(kSlotABase, image_bytes(kOld));
    flash.load(kSlotBBase, c.slot_b);
    activate(flash, FlashSlot::kB, static_cast<uint32_t>(c.slot_b.size()));
    const BootReport r = boot(flash);
    ASSERT_TRUE(r.booted) << c.name;
    EXPECT_EQ(r.slot, FlashSlot::kA) << c.name;
    EXPECT_TRUE(r.fallback) << c.name;
    ASSERT_EQ(r.rejected.size(), 1u) << c.name;
    EXPECT_EQ(r.rejected[0].rejection, c.expected)
        << c.name << ": " << to_string(r.rejected[0].rejection) << ": " << r.rejected[0].reason;
    // Without secure boot the same slot boots (only structure and hardware are checked)...
    BootRomConfig insecure = secure_config();
    insecure.secure_boot = false;
    const BootReport open = boot(flash, insecure);
    EXPECT_EQ(open.slot, FlashSlot::kB) << c.name;
  }
}

TEST(BootRom, Rsa4096SignedImageBoots) {
  MemoryFlash flash;
  flash.load(kSlotABase, image_bytes(kOld, "rsa4096.pem", test::kUuid4096));
  const BootReport r = boot(flash);
  ASSERT_TRUE(r.booted) << r.summary();
  EXPECT_EQ(r.slot, FlashSlot::kA);
}

TEST(BootRom, KeysInsideTheImageAreNotTrusted) {
  MemoryFlash flash;
  // Signed by B, and B's public key listed in the image's own PUBLIC_KEYS.
  image::ImageSpec spec = test::small_spec();
  spec.public_keys = {{test::uuid(test::kUuidB), test::public_key("rsa2048_b.pub.pem")}};
  auto bytes = test::build(spec);
  ASSERT_TRUE(
      image::sign_image(bytes, test::private_key("rsa2048_b.pem"), test::uuid(test::kUuidB)));
  flash.load(kSlotABase, bytes);
  const BootReport r = boot(flash);
  EXPECT_FALSE(r.booted);
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kUnknownKey);
}

TEST(BootRom, ImageForAnotherChipIsRejected) {
  MemoryFlash flash;
  auto other_chip = image_bytes(kOld);
  test::edit_section(other_chip, image::SectionType::kImageInfo, [](auto& s) {
    secnic::layout::set(s, image::layout::image_info::supported_hw_id0, 0x209);
  });
  flash.load(kSlotABase, other_chip);
  flash.load(kSlotBBase, as_slot_image(image_bytes(kNew)));
  BootReport r = boot(flash);
  ASSERT_TRUE(r.booted);
  EXPECT_EQ(r.slot, FlashSlot::kB);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kWrongHardware) << r.rejected[0].reason;
  // A card of another hardware id refuses both (supported_hw_id does not list it).
  BootRomConfig other = secure_config();
  other.hw_id = 0x20d;
  r = boot(flash, other);
  EXPECT_FALSE(r.booted);
  EXPECT_EQ(r.rejected[1].rejection, SlotRejection::kWrongHardware) << r.rejected[1].reason;
}

TEST(BootRom, BothSlotsBadMeansBricked) {
  MemoryFlash flash;
  BootReport r = boot(flash);  // factory-fresh, erased flash
  EXPECT_FALSE(r.booted);
  ASSERT_EQ(r.rejected.size(), 2u);
  EXPECT_EQ(r.rejected[0].slot, FlashSlot::kA);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kEmpty);
  EXPECT_EQ(r.rejected[1].slot, FlashSlot::kB);
  EXPECT_EQ(r.rejected[1].rejection, SlotRejection::kEmpty);
  EXPECT_FALSE(r.image);
  EXPECT_NE(r.summary().find("bricked"), std::string::npos);
  // Reading an erased slot costs a probe, not the whole slot.
  EXPECT_LE(flash.read_count(), 4u);

  auto junk = image_bytes(kOld);
  junk[1] = 0;
  flash.load(kSlotABase, junk);
  r = boot(flash);
  EXPECT_FALSE(r.booted);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kBadImage);
}

TEST(BootRom, UnfinishedUpdateWithErasedMagicIsNotBooted) {
  MemoryFlash flash;
  flash.load(kSlotABase, image_bytes(kOld));
  auto component = as_slot_image(image_bytes(kNew));
  std::fill(component.begin(), component.begin() + 16, 0xFF);  // the FSM programs the magic last
  flash.load(kSlotBBase, component);
  activate(flash, FlashSlot::kB, static_cast<uint32_t>(component.size()));
  const BootReport r = boot(flash);
  ASSERT_TRUE(r.booted);
  EXPECT_EQ(r.slot, FlashSlot::kA);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kEmpty);
}

TEST(BootRom, UnreadableSlotFallsBack) {
  TwoSlotCard card;
  activate(card.flash, FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()));
  card.flash.fail_reads(kSlotBBase, kSlotBBase + kSlotMaxSize);
  const BootReport r = boot(card.flash);
  ASSERT_TRUE(r.booted);
  EXPECT_EQ(r.slot, FlashSlot::kA);
  EXPECT_EQ(r.rejected[0].rejection, SlotRejection::kFlashError);
}

TEST(BootRom, UnreadableJournalPrefersSlotA) {
  TwoSlotCard card;
  activate(card.flash, FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()));
  card.flash.fail_reads(kJournalBase, kFlashSize);
  const BootReport r = boot(card.flash);
  ASSERT_TRUE(r.booted);
  EXPECT_EQ(r.journal_status, FlashResult::kDeviceError);
  EXPECT_EQ(r.slot, FlashSlot::kA);
  EXPECT_FALSE(r.fallback);
}

// A power cut at any point of the activation (the journal append) boots the old or the new image.
TEST(BootRom, PowerCutDuringActivationBootsOldOrNew) {
  for (test::CutMode mode :
       {test::CutMode::kBeforeOp, test::CutMode::kTornOp, test::CutMode::kAfterOp}) {
    for (uint64_t k = 0;; ++k) {
      TwoSlotCard card;
      // Fill the first journal subsector so that the activation also erases the other one.
      BootControlJournal journal(card.flash);
      const auto old_length = static_cast<uint32_t>(image_bytes(kOld).size());
      std::array<uint8_t, 32> old_digest{};
      ASSERT_EQ(slot_sha256(card.flash, FlashSlot::kA, old_length, old_digest), FlashResult::kOk);
      for (int i = 0; i < 16; ++i) {
        ASSERT_EQ(journal.append(FlashSlot::kA, old_length, old_digest), FlashResult::kOk);
      }
      std::array<uint8_t, 32> digest{};
      ASSERT_EQ(slot_sha256(card.flash, FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()),
                            digest),
                FlashResult::kOk);
      card.flash.arm_cut(k, mode, k + 11);
      const FlashResult result =
          journal.append(FlashSlot::kB, static_cast<uint32_t>(card.new_image.size()), digest);
      card.flash.power_on();
      const BootReport r = boot(card.flash);
      ASSERT_TRUE(r.booted) << "op " << k << "\n" << r.summary();
      EXPECT_FALSE(r.fallback) << "op " << k << "\n" << r.summary();
      if (result == FlashResult::kOk) {
        EXPECT_EQ(r.slot, FlashSlot::kB);
        break;
      }
      EXPECT_TRUE(r.fw_version == (r.slot == FlashSlot::kB ? kNew : kOld));
    }
  }
}

TEST(BootRom, RejectionNamesAreStable) {
  EXPECT_STREQ(to_string(SlotRejection::kBadSignature), "bad-signature");
  EXPECT_STREQ(to_string(SlotRejection::kJournalDigestMismatch), "journal-digest-mismatch");
  EXPECT_STREQ(to_string(SlotRejection::kEmpty), "empty");
}

}  // namespace
}  // namespace secnic::fw
