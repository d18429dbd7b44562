// The attack scenario kind without a card: reading case files (every mistake names the file, the
// key and the line), forging images after signing, and the invariant checks over card snapshots.
#include "tools/campaign/attack_case.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_builder.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "testbench/support/process.h"
#include "tools/campaign/attack_card_snapshot.h"
#include "tools/campaign/attack_image_forgery.h"
#include "tools/campaign/scenario_kind.h"

namespace secnic::campaign {
namespace {

const char* kMinimalCase = R"(
kind: attack
name: minimal
attack: what the attacker does
expected: what the card answers
images:
  old: {fw_version: 14.22.1000}
  new: {fw_version: 14.22.2000}
card: {image: old}
derive:
  forged: {from: new, ops: [{flip: {section: MAIN_CODE, offset: 0x10}}, {truncate: 0x2000}]}
  forged_component: {from: forged, form: component}
setup:
  - run: mstflint -d ${bdf} q
steps:
  - run: mstflint -d ${bdf} -i ${forged} -y b
    expect: {exit: nonzero, output: ["-E-"], not_output: ["-I-"], output_any: [a, b]}
  - hostdrv: |
      steps:
        - mcc: {instruction: QUERY}
invariant: {inactive_slot: {holds: new}}
)";

AttackCase parse(const std::string& text) {
  const YamlReader reader("case.yaml");
  return parse_attack_case(YAML::Load(text), reader);
}

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test text lacks '" + from + "'");
  return text.replace(at, from.size(), to);
}

TEST(AttackCase, ReadsEverySection) {
  const AttackCase c = parse(kMinimalCase);
  EXPECT_EQ(c.name, "minimal");
  EXPECT_EQ(c.category, "other");
  ASSERT_EQ(c.forgeries.size(), 2u);
  EXPECT_EQ(c.forgeries[0].from, "new");
  ASSERT_EQ(c.forgeries[0].edits.size(), 2u);
  EXPECT_EQ(c.forgeries[0].edits[0].kind, ImageEdit::Kind::kFlip);
  EXPECT_EQ(c.forgeries[0].edits[0].section, image::SectionType::kMainCode);
  EXPECT_EQ(c.forgeries[0].edits[0].offset, 0x10u);
  EXPECT_EQ(c.forgeries[0].edits[0].mask, 0x01);
  EXPECT_TRUE(c.forgeries[0].edits[0].refresh_crcs);
  EXPECT_EQ(c.forgeries[0].edits[1].kind, ImageEdit::Kind::kTruncate);
  EXPECT_EQ(c.forgeries[0].edits[1].size, 0x2000u);
  EXPECT_TRUE(c.forgeries[1].component);
  ASSERT_EQ(c.setup.size(), 1u);
  EXPECT_EQ(c.setup[0].exit, HostAction::ExitExpectation::kZero);
  ASSERT_EQ(c.steps.size(), 2u);
  EXPECT_EQ(c.steps[0].exit, HostAction::ExitExpectation::kNonZero);
  EXPECT_EQ(c.steps[0].output, std::vector<std::string>{"-E-"});
  EXPECT_EQ(c.steps[0].output_any.size(), 2u);
  EXPECT_EQ(c.steps[1].kind, HostAction::Kind::kHostDriver);
  EXPECT_EQ(c.invariant.inactive_slot, InvariantPolicy::InactiveSlot::kHolds);
  EXPECT_EQ(c.invariant.inactive_image, "new");
}

TEST(AttackCase, RefusesMistakesNamingKeyAndLine) {
  EXPECT_NE(parse_error(replaced(kMinimalCase, "kind: attack", "kind: attack\ncolour: red"))
                .find("case.yaml:3: attack scenario: unknown key 'colour'"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "expected: what the card answers\n", ""))
                .find("missing key 'expected'"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase,
                                 "    expect: {exit: nonzero, output: [\"-E-\"], "
                                 "not_output: [\"-I-\"], output_any: [a, b]}\n",
                                 ""))
                .find("an attack step needs `expect:`"),
            std::string::npos);
  EXPECT_NE(parse_error(
                replaced(kMinimalCase, "{flip: {section: MAIN_CODE, offset: 0x10}}", "{smash: {}}"))
                .find("unknown edit 'smash'"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "section: MAIN_CODE", "section: MAIN_COD"))
                .find("unknown section 'MAIN_COD'"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "forged: {from: new", "forged: {from: nothing"))
                .find("no image or earlier forgery named 'nothing'"),
            std::string::npos);
  EXPECT_NE(
      parse_error(replaced(kMinimalCase, "  - hostdrv: |", "  - power_cycle: true\n  - hostdrv: |"))
          .find("power_cycle belongs in setup"),
      std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "exit: nonzero", "exit: sometimes"))
                .find("exit: expected 0, nonzero, any"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "name: minimal", "name: Bad-Name"))
                .find("lower-case letters"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "{inactive_slot: {holds: new}}",
                                 "{inactive_slot: sometimes}"))
                .find("invariant.inactive_slot"),
            std::string::npos);
  EXPECT_NE(parse_error(replaced(kMinimalCase, "offset: 0x10}}", "offset: 0x10, mask: 0x100}}"))
                .find("must be a byte"),
            std::string::npos);
}

TEST(AttackCase, KnowsTheSectionNames) {
  EXPECT_EQ(section_type_named("IMAGE_SIGNATURE_256"), image::SectionType::kImageSignature256);
  EXPECT_EQ(section_type_named("DEV_INFO"), image::SectionType::kDevInfo);
  EXPECT_FALSE(section_type_named("UNKNOWN_SECTION"));
  EXPECT_FALSE(section_type_named("main_code"));
}

// "" when equal, else where the first difference lies (byte vectors print badly).
std::string first_difference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  if (a.size() != b.size()) {
    return "sizes " + std::to_string(a.size()) + " and " + std::to_string(b.size());
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      return "byte " + std::to_string(i) + ": " + std::to_string(a[i]) + " vs " +
             std::to_string(b[i]);
    }
  }
  return "";
}

// ---- forgery --------------------------------------------------------------------------------

class ForgeryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* source = std::getenv("SECNIC_SOURCE");
    ASSERT_NE(source, nullptr) << "run through ctest (SECNIC_SOURCE)";
    auto key = crypto::RsaPrivateKey::load_pem_file(std::string(source) +
                                                    "/scenarios/keys/vendor_rsa2048.pem");
    ASSERT_TRUE(key) << key.error().message;
    m_uuid = *crypto::KeyUuid::parse("5ec0a11ce0000000000000000000a001");
    m_trusted = {{m_uuid, key->public_key()}};
    for (const auto& [name, version, seed] :
         {std::tuple{"new", "14.22.2000", 2}, std::tuple{"old", "14.22.1000", 1}}) {
      image::ImageSpec spec;
      spec.fw_version = *image::FwVersion::parse(version);
      spec.payload_size = 0x8000;
      spec.payload_seed = seed;
      spec.public_keys.push_back({m_uuid, key->public_key()});
      auto bytes = image::build_image(spec);
      ASSERT_TRUE(bytes);
      ASSERT_TRUE(image::sign_image(*bytes, *key, m_uuid));
      write(m_dir.file(name), *bytes);
      m_images[name] = m_dir.file(name);
    }
    m_services.image_path = [this](const std::string& n) { return m_images.at(n); };
    m_services.sign = [](const std::string&, const std::string&, const std::string&) {
      FAIL() << "no signing in these tests";
    };
  }

  static void write(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
  }
  static std::vector<uint8_t> read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
  }

  std::vector<uint8_t> forge(ImageForgery f) {
    const std::string out = m_dir.file(f.name + ".bin");
    forge_image(f, out, m_services, "case.yaml");
    m_images[f.name] = out;
    return read(out);
  }

  static ImageEdit edit(ImageEdit::Kind kind) {
    ImageEdit e;
    e.kind = kind;
    return e;
  }

  testing::TempDir m_dir{"secnic-forgery-test"};
  crypto::KeyUuid m_uuid;
  std::vector<image::TrustedKey> m_trusted;
  std::map<std::string, std::string> m_images;
  ForgeryServices m_services;
};

TEST_F(ForgeryTest, AFlippedBitKeepsTheImageWellFormedAndBreaksOnlyTheSignature) {
  const std::vector<uint8_t> original = read(m_images["new"]);
  ImageEdit flip = edit(ImageEdit::Kind::kFlip);
  flip.section = image::SectionType::kMainCode;
  flip.offset = 0x100;
  flip.mask = 0x01;
  const std::vector<uint8_t> forged = forge({"forged", "new", false, {flip}, 1});
  ASSERT_EQ(forged.size(), original.size());
  size_t differing = 0;
  for (size_t i = 0; i < forged.size(); ++i) differing += forged[i] != original[i];
  EXPECT_GE(differing, 2u);  // the bit and the section CRC
  EXPECT_LE(differing, 5u);  // ... and the entry CRC, nothing else
  auto parsed = image::parse_image(forged);
  ASSERT_TRUE(parsed) << parsed.error().message;
  const image::Verification v = image::verify_signature(*parsed, m_trusted);
  EXPECT_EQ(v.outcome, image::VerifyOutcome::kDigestMismatch);
  EXPECT_EQ(v.mismatch, image::SignatureMismatch::kDigestDiffers);
  ASSERT_TRUE(image::parse_image(original));
  EXPECT_EQ(image::verify_signature(*image::parse_image(original), m_trusted).outcome,
            image::VerifyOutcome::kOk);
}

TEST_F(ForgeryTest, KeepingTheCrcsLeavesAnImageTheParserRefuses) {
  ImageEdit flip = edit(ImageEdit::Kind::kFlip);
  flip.section = image::SectionType::kMainCode;
  flip.offset = 0x100;
  flip.refresh_crcs = false;
  auto parsed = image::parse_image(forge({"stale", "new", false, {flip}, 1}));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, image::ImageErrc::kBadSectionCrc);
}

TEST_F(ForgeryTest, ABoot2EditGetsItsCrcRefreshed) {
  ImageEdit flip = edit(ImageEdit::Kind::kFlip);
  flip.offset = 0x44;  // inside BOOT2
  auto parsed = image::parse_image(forge({"boot2", "new", false, {flip}, 1}));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(image::verify_signature(*parsed, m_trusted).outcome,
            image::VerifyOutcome::kDigestMismatch);
}

TEST_F(ForgeryTest, CopiedSignatureIsTheOtherImagesSignature) {
  ImageEdit copy = edit(ImageEdit::Kind::kCopySection);
  copy.section = image::SectionType::kImageSignature256;
  copy.from_image = "old";
  auto parsed = image::parse_image(forge({"mixed", "new", false, {copy}, 1}));
  ASSERT_TRUE(parsed) << parsed.error().message;
  auto old = image::parse_image(read(m_images["old"]));
  ASSERT_TRUE(old);
  EXPECT_EQ(parsed->signature(crypto::DigestKind::kSha256)->signature,
            old->signature(crypto::DigestKind::kSha256)->signature);
  EXPECT_EQ(image::verify_signature(*parsed, m_trusted).outcome,
            image::VerifyOutcome::kDigestMismatch);
}

TEST_F(ForgeryTest, ComponentsAreWhatTheHostSends) {
  auto parsed = image::parse_image(read(m_images["new"]));
  ASSERT_TRUE(parsed);
  const std::vector<uint8_t> expected = image::make_component(*parsed);
  EXPECT_EQ(first_difference(forge({"c1", "new", true, {}, 1}), expected), "");
  EXPECT_EQ(first_difference(forge({"c2", "new", false, {edit(ImageEdit::Kind::kToComponent)}, 1}),
                             expected),
            "");

  ImageEdit tail = edit(ImageEdit::Kind::kAppendTail);
  tail.from_image = "new";
  tail.refresh_crcs = false;
  const std::vector<uint8_t> smuggled = forge({"c3", "new", true, {tail}, 1});
  EXPECT_EQ(smuggled.size(), read(m_images["new"]).size());
  EXPECT_TRUE(std::equal(expected.begin(), expected.end(), smuggled.begin()));

  ImageEdit cut = edit(ImageEdit::Kind::kTruncate);
  cut.size = 0x1000;
  cut.refresh_crcs = false;
  EXPECT_EQ(forge({"c4", "new", true, {cut}, 1}).size(), 0x1000u);
  ImageEdit more = edit(ImageEdit::Kind::kAppend);
  more.size = 0x10;
  more.byte = 0x5a;
  more.refresh_crcs = false;
  const std::vector<uint8_t> longer = forge({"c5", "new", true, {more}, 1});
  ASSERT_EQ(longer.size(), expected.size() + 0x10);
  EXPECT_EQ(longer.back(), 0x5a);
}

TEST_F(ForgeryTest, EditsOutsideTheirSectionAreScenarioErrors) {
  ImageEdit flip = edit(ImageEdit::Kind::kFlip);
  flip.section = image::SectionType::kImageInfo;
  flip.offset = 0x400;  // one past the end of IMAGE_INFO
  flip.line = 7;
  try {
    forge({"bad", "new", false, {flip}, 1});
    FAIL() << "no error";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("case.yaml: derive.bad (line 7): offset 0x400 + 0x1 "
                                         "lies outside IMAGE_INFO"),
              std::string::npos)
        << e.what();
  }
  ImageEdit fill = edit(ImageEdit::Kind::kFill);
  fill.section = image::SectionType::kRomCode;
  EXPECT_THROW(forge({"bad2", "new", false, {fill}, 1}), ScenarioError);
  ImageEdit cut = edit(ImageEdit::Kind::kTruncate);
  cut.size = 0x10000000;
  EXPECT_THROW(forge({"bad3", "new", false, {cut}, 1}), ScenarioError);
}

// ---- invariant checks -----------------------------------------------------------------------

CardSnapshot card(const std::string& running_slot = "A") {
  CardSnapshot s;
  s.booted = true;
  s.fsm_state = "IDLE";
  s.running = SlotImage{"14.22.1000", running_slot, 0x1000, "aaaa"};
  s.slot_sha256[0] = "slot-a";
  s.slot_sha256[1] = "slot-b";
  s.journal_sha256 = "journal";
  s.card_json = "{\"trusted_keys\": []}";
  return s;
}

bool mentions(const std::vector<std::string>& differences, const std::string& text) {
  for (const auto& d : differences) {
    if (d.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(AttackInvariants, NothingChangedIsNoDifference) {
  EXPECT_TRUE(check_after_attack(card(), card(), {}, std::nullopt, std::nullopt).empty());
  EXPECT_TRUE(check_after_power_cycle(card(), card(), std::nullopt).empty());
}

TEST(AttackInvariants, EachChangeIsNamed) {
  const CardSnapshot before = card();
  const InvariantPolicy policy;
  auto after = [&](auto change) {
    CardSnapshot s = card();
    change(s);
    return check_after_attack(before, s, policy, std::nullopt, std::nullopt);
  };
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) { s.fsm_state = "LOCKED"; }),
                       "the update FSM is LOCKED, not IDLE"));
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) { s.running->sha256 = "bbbb"; }),
                       "running image changed"));
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) { s.slot_sha256[0] = "x"; }),
                       "the running slot A changed"));
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) { s.journal_sha256 = "x"; }),
                       "boot-control journal changed"));
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) { s.card_json = "{}"; }), "card.json"));
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) {
                         s.pending = SlotImage{"14.22.2000", "B", 1, "c"};
                       }),
                       "an image became pending"));
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) { s.booted = false; }), "no longer running"));
  // The inactive slot may be erased or half written, but never carry the magic.
  EXPECT_TRUE(after([](CardSnapshot& s) { s.slot_sha256[1] = "erased"; }).empty());
  EXPECT_TRUE(mentions(after([](CardSnapshot& s) {
                         s.slot_sha256[1] = "written";
                         s.slot_has_magic[1] = true;
                       }),
                       "carries the FS3 magic"));
}

TEST(AttackInvariants, InactiveSlotPolicies) {
  InvariantPolicy unchanged;
  unchanged.inactive_slot = InvariantPolicy::InactiveSlot::kUnchanged;
  CardSnapshot erased = card();
  erased.slot_sha256[1] = "erased";
  EXPECT_TRUE(mentions(check_after_attack(card(), erased, unchanged, std::nullopt, std::nullopt),
                       "the inactive slot changed"));
  // Running from slot B, the inactive slot is A.
  CardSnapshot b_before = card("B");
  CardSnapshot b_after = card("B");
  b_after.slot_sha256[1] = "x";
  EXPECT_TRUE(mentions(check_after_attack(b_before, b_after, unchanged, std::nullopt, std::nullopt),
                       "the running slot B changed"));
}

TEST(AttackInvariants, AcceptedUpdateMustBeExactlyTheImage) {
  const SlotImage genuine{"14.22.2000", "", 0x2000, "good"};
  CardSnapshot after = card();
  after.journal_sha256 = "new record";
  after.pending = SlotImage{"14.22.2000", "B", 0x2000, "good"};
  EXPECT_TRUE(check_after_attack(card(), after, {}, genuine, std::nullopt).empty());
  after.pending->sha256 = "forged";
  EXPECT_TRUE(mentions(check_after_attack(card(), after, {}, genuine, std::nullopt),
                       "forged bytes reached the flash"));
  after.pending.reset();
  EXPECT_TRUE(
      mentions(check_after_attack(card(), after, {}, genuine, std::nullopt), "nothing is pending"));
}

TEST(AttackInvariants, PowerCycleBootsWhatWasExpected) {
  CardSnapshot before = card();
  CardSnapshot cycled = card();
  cycled.fallback = true;
  EXPECT_TRUE(mentions(check_after_power_cycle(before, cycled, std::nullopt), "fell back"));
  before.pending = SlotImage{"14.22.2000", "B", 0x1000, "pend"};
  EXPECT_TRUE(mentions(check_after_power_cycle(before, card(), std::nullopt),
                       "expected 14.22.2000 in slot B"));
  CardSnapshot booted_pending = card("B");
  booted_pending.running = before.pending;
  EXPECT_TRUE(check_after_power_cycle(before, booted_pending, std::nullopt).empty());
  CardSnapshot dead = card();
  dead.booted = false;
  EXPECT_TRUE(mentions(check_after_power_cycle(card(), dead, std::nullopt), "boots nothing"));
}

}  // namespace
}  // namespace secnic::campaign
