// One case of the attack catalogue (scenarios/attacks/*.yaml, `kind: attack`): what the attacker
// does, the images it forges, the host actions it performs and what each must get back. The shared
// sections (keys:, images:, card:) belong to ScenarioFixture; this file reads the rest:
//
//   kind: attack
//   name: unsigned_image                 # the case id
//   category: signature                  # grouping in reports
//   attack: |                            # what the attacker does, and why it must fail
//   expected: REJECTED_UNSIGNED (0x6); mstflint prints "The component is not signed"
//   derive:                              # images forged from the fixture's images (after signing)
//     tampered: {from: new, ops: [{flip: {section: MAIN_CODE, offset: 0x100}}]}
//     tampered_component: {from: tampered, form: component}
//   setup: [ACTION...]                   # before the invariant snapshot (each must succeed)
//   steps: [ACTION...]                   # the attack
//   invariant: {inactive_slot: no_image} # or unchanged, or {holds: IMAGE}; {pending: IMAGE} for an
//                                        # accepted update
//   known_issue: text                    # the model still accepts this attack (reported apart)
//
// An ACTION is one of
//   - run: "mstflint -d ${bdf} -i ${tampered} -y b"   # any host command, under the shim
//     expect: {exit: nonzero, output: ["-E- ..."], not_output: ["-I- To load new FW"],
//              output_any: ["text a", "text b"]}
//   - hostdrv: |                                       # a secnic-hostdrv script (inline YAML)
//       steps: [...]
//     expect: {exit: 0}                                # default: every step answered as the script
//     says
//   - power_cycle: true                                # `secnic card power-cycle` (setup only)
//
// The grammar of `ops` is in attack_image_forgery.h; docs/security_reviewer_guide.md explains it
// all with examples.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/image/section_type.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::campaign {

// One edit of a forged image (applied in order).
struct ImageEdit {
  enum class Kind {
    kFlip,         // XOR `mask` into the byte at `offset`
    kWrite,        // write `bytes` at `offset`
    kFill,         // set a whole section to `byte`
    kCopySection,  // replace a section with the same section of image `from_image`
    kTruncate,     // cut the buffer to `size` bytes
    kAppend,       // append `size` bytes of `byte`
    kAppendTail,   // append what lies past image `from_image`'s burnable length (its device data)
    kSign,         // sign again with key `key`, by `tool` (secnic or mstflint)
    kToComponent,  // become the MCC component: cut at the burnable length, magic and device-data
                   // ITOC entries 0xFF (positions of the unedited image, so it works after edits
                   // that make the image unparsable, e.g. a foreign hw id)
  };
  Kind kind = Kind::kFlip;
  int line = 0;
  // Position: inside `section` (offset relative to it), or absolute when no section is named.
  std::optional<image::SectionType> section;
  uint64_t offset = 0;
  uint8_t mask = 0x01;
  std::vector<uint8_t> bytes;
  uint8_t byte = 0;
  uint64_t size = 0;
  std::string from_image;
  std::string key;
  std::string tool = "secnic";
  // Recompute the CRC16s (BOOT2, ITOC header and entries, sections) after the edit, so that only
  // the signature can tell. `crc: keep` leaves them stale.
  bool refresh_crcs = true;
};

struct ImageForgery {
  std::string name;
  std::string from;        // a fixture image or an earlier forgery
  bool component = false;  // the MCC component (what the host sends) instead of an image file
  std::vector<ImageEdit> edits;
  int line = 0;
};

struct HostAction {
  enum class Kind { kRun, kHostDriver, kPowerCycle };
  enum class ExitExpectation { kAny, kZero, kNonZero, kExact };
  Kind kind = Kind::kRun;
  int line = 0;
  std::string text;  // run: the command line; hostdrv: the script (both before ${} expansion)
  ExitExpectation exit = ExitExpectation::kZero;
  int exit_code = 0;                    // for kExact
  std::vector<std::string> output;      // each must appear in the output
  std::vector<std::string> not_output;  // none may appear
  std::vector<std::string> output_any;  // at least one must appear (tools whose text varies)

  // "run: mstflint -d ${bdf} ..." / "hostdrv (line 42)" / "power_cycle".
  std::string describe() const;
};

struct InvariantPolicy {
  enum class InactiveSlot {
    kNoImage,    // may have been erased or written, but holds no FS3 magic (nothing there boots)
    kUnchanged,  // byte for byte
    kHolds,      // starts with exactly image `inactive_image` as the card stores it (a verified,
                 // never activated download that later commands must not have altered)
  };
  InactiveSlot inactive_slot = InactiveSlot::kNoImage;
  std::string inactive_image;
  // Non-empty: the attack ends with exactly this image pending (an accepted update whose forged
  // parts never reached the card); the journal may then name it.
  std::string pending_image;
};

struct AttackCase {
  std::string name;
  std::string category;
  std::string attack;
  std::string expected;
  std::string known_issue;
  std::vector<ImageForgery> forgeries;
  std::vector<HostAction> setup;
  std::vector<HostAction> steps;
  InvariantPolicy invariant;
};

// Reads the attack part of a scenario document. Throws ScenarioError naming file, key and line.
AttackCase parse_attack_case(const YAML::Node& document, const YamlReader& reader);

// "MAIN_CODE" -> SectionType::kMainCode; nullopt for a name the format does not know.
std::optional<image::SectionType> section_type_named(const std::string& name);

}  // namespace secnic::campaign
