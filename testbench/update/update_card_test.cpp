// The update FSM with real signed FS3 images, the real verifier, the real boot-control journal and
// the BootRom: every rejection code, what `mstflint q` and `mstflint v` see, and what boots
// afterwards.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "firmware_model/boot/flash_map.h"
#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "firmware_model/image/section_editor.h"
#include "testbench/update/card_bench.h"

namespace secnic::fw::test {
namespace {

const image::FwVersion kOld{14, 22, 4020};
const image::FwVersion kNew{14, 23, 1020};

class UpdateCard : public ::testing::Test {
 protected:
  void SetUp() override {
    m_factory = build_signed(card_image_spec(kOld), "rsa2048_trusted", kTrustedUuid);
    bench().reset(m_factory);
    ASSERT_TRUE(bench().last_boot.booted);
    ASSERT_EQ(bench().last_boot.slot, FlashSlot::kA);
  }
  static CardBench& bench() { return CardBench::get(); }
  UpdateFsm& fsm() { return bench().fsm; }

  // mstflint burn up to VERIFY; returns the VERIFY reply.
  MccReply burn_to_verify(ToolDriver& t, const std::vector<uint8_t>& component) {
    t.open();
    EXPECT_EQ(t.mcc(MccInstruction::kLockUpdateHandle).control_state, FsmState::kLocked);
    EXPECT_EQ(t.mcc(MccInstruction::kUpdateComponent, component.size()).status, RegStatus::kOk);
    EXPECT_EQ(t.poll_while_initialize().control_state, FsmState::kDownload);
    EXPECT_EQ(t.write_component(component), RegStatus::kOk);
    return t.mcc(MccInstruction::kVerifyComponent);
  }
  bool burn(const std::vector<uint8_t>& component) {
    ToolDriver t(fsm(), bench().flash);
    if (burn_to_verify(t, component).status != RegStatus::kOk) return false;
    if (t.mcc(MccInstruction::kActivate).status != RegStatus::kOk) return false;
    return t.mcc(MccInstruction::kReleaseUpdateHandle).control_state == FsmState::kIdle;
  }
  void expect_rejected(const std::vector<uint8_t>& component, MccError expected) {
    const auto slot_a = bench().flash.slice(kSlotABase, m_factory.size());
    const auto journal = bench().flash.slice(kJournalBase, kFlashSectorSize);
    ToolDriver t(fsm(), bench().flash);
    const MccReply r = burn_to_verify(t, component);
    EXPECT_NE(r.status, RegStatus::kOk);
    EXPECT_EQ(to_string(r.error_code), std::string(to_string(expected)));
    EXPECT_NE(r.control_state, FsmState::kIdle);
    ASSERT_EQ(t.last_sends().size(), 2u);
    EXPECT_TRUE(t.last_sends()[0] == t.last_sends()[1]);
    t.close();
    EXPECT_EQ(t.last().control_state, FsmState::kIdle);
    EXPECT_EQ(bench().flash.slice(kSlotABase, m_factory.size()), slot_a);
    EXPECT_EQ(bench().flash.slice(kJournalBase, kFlashSectorSize), journal);
    EXPECT_EQ(fsm().pending_image(), nullptr);
    const BootReport boot = bench().power_cycle();
    EXPECT_TRUE(boot.booted);
    EXPECT_EQ(boot.slot, FlashSlot::kA);
    EXPECT_EQ(boot.fw_version, kOld);
  }

  std::vector<uint8_t> m_factory;
};

TEST_F(UpdateCard, SignedImageIsBurntActivatedAndBootsAfterReset) {
  const auto file = build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid);
  const auto component = component_of(file);
  ASSERT_TRUE(burn(component));

  // mstflint q: the running image is unchanged, the pending one is the new version.
  EXPECT_EQ(fsm().running_image().version, kOld.packed());
  ASSERT_NE(fsm().pending_image(), nullptr);
  EXPECT_EQ(fsm().pending_image()->version, kNew.packed());
  EXPECT_EQ(fsm().pending_image()->build_time(), 0x20251124u);
  EXPECT_STREQ(fsm().pending_image()->psid, kCardPsid);
  EXPECT_EQ(fsm().component_size(true), component.size());

  // mstflint v: READ_PENDING_COMPONENT serves the image with its magic: a valid FS3 flash image.
  ToolDriver v(fsm(), bench().flash);
  v.open();
  v.mcc(MccInstruction::kLockUpdateHandle);
  ASSERT_EQ(v.mcc(MccInstruction::kReadPendingComponent).control_state, FsmState::kUpload);
  std::vector<uint8_t> read;
  ASSERT_EQ(v.read_component(fsm().component_size(true), read), RegStatus::kOk);
  v.mcc(MccInstruction::kReleaseUpdateHandle);
  EXPECT_EQ(read, *image::component_to_flash_image(component));
  auto parsed = image::parse_image(read, {image::ImageForm::kFlashSlot});
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->image_info().fw_version, kNew);

  // The running image reads back as the factory image's burnable part.
  v.open();
  v.mcc(MccInstruction::kLockUpdateHandle);
  ASSERT_EQ(v.mcc(MccInstruction::kReadComponent).control_state, FsmState::kUpload);
  ASSERT_EQ(v.read_component(fsm().component_size(false), read), RegStatus::kOk);
  v.close();
  // The tool parses it as it does a component (stopping at the device data, which lies beyond).
  EXPECT_TRUE(image::parse_image(read, {image::ImageForm::kComponent}));
  EXPECT_TRUE(std::equal(read.begin(), read.end(), m_factory.begin()));

  const BootReport boot = bench().power_cycle();
  ASSERT_TRUE(boot.booted) << boot.summary();
  EXPECT_EQ(boot.slot, FlashSlot::kB);
  EXPECT_FALSE(boot.fallback);
  EXPECT_EQ(boot.fw_version, kNew);
  EXPECT_EQ(fsm().running_image().version, kNew.packed());
  EXPECT_EQ(fsm().running_image().slot, 1);
  EXPECT_EQ(fsm().pending_image(), nullptr);
}

TEST_F(UpdateCard, Rsa4096Sha512ImageIsAccepted) {
  const auto file = build_signed(card_image_spec(kNew), "rsa4096_trusted", kTrusted4096Uuid);
  ASSERT_TRUE(burn(component_of(file)));
  EXPECT_EQ(bench().power_cycle().fw_version, kNew);
}

TEST_F(UpdateCard, UnsignedImageIsRejectedUnsigned) {
  expect_rejected(component_of(build_signed(card_image_spec(kNew), "", "")),
                  MccError::kRejectedUnsigned);
}

TEST_F(UpdateCard, BareDigestImageIsRejectedUnsigned) {
  auto file = build_signed(card_image_spec(kNew), "", "");
  ASSERT_TRUE(image::insert_digest(file));
  expect_rejected(component_of(file), MccError::kRejectedUnsigned);
}

TEST_F(UpdateCard, ImageSignedByAnUntrustedKeyIsRejectedUnknownKey) {
  auto spec = card_image_spec(kNew);
  spec.public_keys.push_back({test_uuid(kUntrustedUuid), test_public_key("rsa2048_untrusted")});
  // The image ships the key itself: keys inside an image are never trusted.
  expect_rejected(component_of(build_signed(spec, "rsa2048_untrusted", kUntrustedUuid)),
                  MccError::kRejectedUnknownKey);
}

TEST_F(UpdateCard, ImageModifiedAfterSigningIsRejectedDigestErr) {
  auto file = build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid);
  auto parsed = image::parse_image(file);
  ASSERT_TRUE(parsed);
  const image::ItocEntry* code = parsed->find(image::SectionType::kMainCode);
  ASSERT_NE(code, nullptr);
  auto content = parsed->section_bytes(*code);
  content[100] ^= 0x80;  // one bit of code, CRCs recomputed: only the signature can tell
  ASSERT_TRUE(image::replace_section(file, *parsed, image::SectionType::kMainCode, content));
  expect_rejected(component_of(file), MccError::kRejectedDigestErr);
}

TEST_F(UpdateCard, ImageSignedByAnotherKeyUnderATrustedUuidIsRejectedAuthFailed) {
  expect_rejected(
      component_of(build_signed(card_image_spec(kNew), "rsa2048_untrusted", kTrustedUuid)),
      MccError::kRejectedAuthFailed);
}

TEST_F(UpdateCard, ImageForAnotherPsidIsRejectedNotApplicable) {
  auto spec = card_image_spec(kNew);
  spec.psid = "MT_0000000001";
  expect_rejected(component_of(build_signed(spec, "rsa2048_trusted", kTrustedUuid)),
                  MccError::kRejectedNotApplicable);
}

TEST_F(UpdateCard, ImageForAnotherChipIsRejectedNotApplicable) {
  // An image whose IMAGE_INFO names the ConnectX-4 (0x209) instead of the Lx. The parser already
  // refuses it as not made for this chip, before any signature is looked at (so it need not be
  // signed: the library will not sign what it cannot parse as a CX4 Lx image).
  auto file = build_signed(card_image_spec(kNew), "", "");
  auto parsed = image::parse_image(file);
  ASSERT_TRUE(parsed);
  const image::ItocEntry* info = parsed->find(image::SectionType::kImageInfo);
  ASSERT_NE(info, nullptr);
  auto content = parsed->section_bytes(*info);
  secnic::layout::set(content, image::layout::image_info::supported_hw_id0, 0x209);
  const auto original = file;
  ASSERT_TRUE(image::replace_section(file, *parsed, image::SectionType::kImageInfo, content));
  // The library will not parse it any more, so build the component by hand: the original image's
  // component with every byte the edit changed.
  auto component = image::make_component(*parsed);
  for (size_t i = 16; i < component.size(); ++i) {
    if (original[i] != file[i]) component[i] = file[i];
  }
  expect_rejected(component, MccError::kRejectedNotApplicable);
}

TEST_F(UpdateCard, VersionForbiddenByTheCardIsRejected) {
  bench().reset(m_factory, {kNew});
  expect_rejected(
      component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid)),
      MccError::kRejectedForbiddenVersion);
}

TEST_F(UpdateCard, VersionForbiddenByTheRunningImageIsRejected) {
  auto factory_spec = card_image_spec(kOld);
  factory_spec.forbidden_versions = {kNew};
  m_factory = build_signed(factory_spec, "rsa2048_trusted", kTrustedUuid);
  bench().reset(m_factory);
  expect_rejected(
      component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid)),
      MccError::kRejectedForbiddenVersion);
}

TEST_F(UpdateCard, ImageForbiddingItselfIsRejected) {
  auto spec = card_image_spec(kNew);
  spec.forbidden_versions = {kNew};
  expect_rejected(component_of(build_signed(spec, "rsa2048_trusted", kTrustedUuid)),
                  MccError::kRejectedForbiddenVersion);
}

TEST_F(UpdateCard, GarbageIsRejectedBadFormat) {
  std::vector<uint8_t> garbage(0x3000);
  for (size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<uint8_t>(i * 7 + 3);
  std::fill_n(garbage.begin(), 16, uint8_t{0xFF});
  expect_rejected(garbage, MccError::kRejectedBadFormat);
}

TEST_F(UpdateCard, ComponentWithTrailingBytesIsRejectedBadFormat) {
  auto component =
      component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid));
  component.resize(component.size() + 0x100, 0x00);
  expect_rejected(component, MccError::kRejectedBadFormat);
}

TEST_F(UpdateCard, TruncatedComponentIsRejectedBadFormat) {
  auto component =
      component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid));
  component.resize(component.size() - 0x400);
  expect_rejected(component, MccError::kRejectedBadFormat);
}

TEST_F(UpdateCard, PendingImageBlocksTheNextUpdateUntilPowerCycle) {
  const auto next =
      component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid));
  ASSERT_TRUE(burn(next));
  ToolDriver t(fsm(), bench().flash);
  t.open();
  t.mcc(MccInstruction::kLockUpdateHandle);
  const MccReply r = t.mcc(MccInstruction::kUpdateComponent, next.size());
  EXPECT_EQ(r.error_code, MccError::kBlockedPendingReset);
  t.close();
  bench().power_cycle();
  const image::FwVersion newer{14, 24, 1000};
  EXPECT_TRUE(
      burn(component_of(build_signed(card_image_spec(newer), "rsa2048_trusted", kTrustedUuid))));
  // The update went to slot A this time (B is running) and boots after reset.
  const BootReport boot = bench().power_cycle();
  EXPECT_EQ(boot.slot, FlashSlot::kA);
  EXPECT_EQ(boot.fw_version, newer);
}

TEST_F(UpdateCard, ManyUpdatesAcrossJournalWrapKeepBooting) {
  // More than two journal subsectors' worth of records: the writer erases and reuses a subsector.
  for (uint16_t i = 1; i <= 36; ++i) {
    const image::FwVersion v{14, 30, i};
    const auto component =
        component_of(build_signed(card_image_spec(v), "rsa2048_trusted", kTrustedUuid));
    ASSERT_TRUE(burn(component)) << "update " << i;
    const BootReport boot = bench().power_cycle();
    ASSERT_TRUE(boot.booted) << boot.summary();
    ASSERT_EQ(boot.fw_version, v) << "update " << i;
    ASSERT_FALSE(boot.fallback) << "update " << i;
  }
}

TEST_F(UpdateCard, FallbackAfterABadActivatedSlotIsRepairedByTheNextUpdate) {
  const auto next =
      component_of(build_signed(card_image_spec(kNew), "rsa2048_trusted", kTrustedUuid));
  ASSERT_TRUE(burn(next));
  // Slot B rots before the reset: the BootRom falls back to A and the journal still names B.
  bench().flash.bytes()[kSlotBBase + 0x2000] ^= 0xFF;
  BootReport boot = bench().power_cycle();
  ASSERT_TRUE(boot.booted);
  EXPECT_EQ(boot.slot, FlashSlot::kA);
  EXPECT_TRUE(boot.fallback);
  // The next update first points the journal back at A, then rewrites B.
  const image::FwVersion newer{14, 24, 1000};
  ASSERT_TRUE(
      burn(component_of(build_signed(card_image_spec(newer), "rsa2048_trusted", kTrustedUuid))));
  boot = bench().power_cycle();
  EXPECT_EQ(boot.slot, FlashSlot::kB);
  EXPECT_FALSE(boot.fallback);
  EXPECT_EQ(boot.fw_version, newer);
}

// A hostile or confused host: random instructions, handles, sizes, offsets and data (nothing it
// sends is signed). Whatever it does, nothing throws, the running slot and the journal never
// change, and the card keeps booting the factory image.
TEST_F(UpdateCard, RandomHostTrafficNeverTouchesTheRunningSlotOrTheJournal) {
  const auto slot_a = bench().flash.slice(kSlotABase, m_factory.size());
  const auto journal = bench().flash.slice(kJournalBase, kFlashSectorSize);
  std::mt19937 rng(20261124);
  auto pick = [&rng](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  const uint32_t handle = 0x00C0DE;
  std::vector<uint8_t> data(256);
  int accepted_writes = 0;
  for (int step = 0; step < 50000; ++step) {
    const uint32_t h = pick(10) < 8 ? handle : static_cast<uint32_t>(rng());
    const uint32_t kind = pick(10);
    if (kind < 4) {
      MccCommand cmd;
      cmd.is_set = pick(8) != 0;
      cmd.instruction = static_cast<MccInstruction>(pick(16) < 13 ? pick(13) : pick(256));
      cmd.update_handle = h;
      cmd.component_index = static_cast<uint16_t>(pick(8) == 0 ? pick(4) : 0);
      const uint32_t sizes[] = {
          0, 15, 16, 0x400, 0x3000, kSlotMaxSize, kSlotMaxSize + 1, static_cast<uint32_t>(rng())};
      cmd.component_size = sizes[pick(8)];
      ASSERT_NO_THROW(fsm().mcc(cmd)) << "step " << step;
    } else if (kind < 8) {
      const uint32_t wp = bench().state.write_pointer;
      const uint32_t offset =
          pick(4) != 0 ? wp : (pick(2) ? wp - pick(256) : static_cast<uint32_t>(rng()));
      const size_t size = pick(16) != 0 ? 1 + pick(128) : pick(256);
      for (auto& b : data) b = static_cast<uint8_t>(rng());
      RegStatus status = RegStatus::kOk;
      ASSERT_NO_THROW(status = fsm().mcda_write(h, offset, data.data(), size)) << "step " << step;
      if (status == RegStatus::kOk) ++accepted_writes;
    } else if (kind < 9) {
      std::vector<uint8_t> out;
      ASSERT_NO_THROW(fsm().mcda_read(h, pick(2) ? pick(0x10000) : static_cast<uint32_t>(rng()),
                                      pick(200), out))
          << "step " << step;
    } else {
      advance(pick(50) == 0 ? fsm().config().idle_handle_timeout
                            : sc_core::sc_time(pick(1000), sc_core::SC_MS));
    }
    advance(bench().flash.take_elapsed());
    if (pick(2)) run_to_idle();
    ASSERT_FALSE(fsm().power_lost());
    if (step % 64 == 0 || kind < 4) {
      ASSERT_EQ(bench().flash.slice(kJournalBase, kFlashSectorSize), journal) << "step " << step;
      ASSERT_EQ(bench().flash.slice(kSlotABase, m_factory.size()), slot_a) << "step " << step;
    }
  }
  EXPECT_GT(accepted_writes, 100) << "the traffic should reach DOWNLOAD now and then";
  EXPECT_EQ(fsm().pending_image(), nullptr);
  const BootReport boot = bench().power_cycle();
  EXPECT_EQ(boot.slot, FlashSlot::kA);
  EXPECT_EQ(boot.fw_version, kOld);
}

}  // namespace
}  // namespace secnic::fw::test
