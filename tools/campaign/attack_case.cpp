#include "tools/campaign/attack_case.h"

#include <cctype>
#include <set>

namespace secnic::campaign {
namespace {

// The fixture's sections (keys, images, files, card) and the attack kind's own.
const std::set<std::string> kTopLevelKeys = {
    "kind",  "name", "category", "attack", "expected", "keys",      "images",
    "files", "card", "derive",   "setup",  "steps",    "invariant", "known_issue"};

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

uint64_t required_size(const YamlReader& reader, const YAML::Node& map, const std::string& key,
                       const std::string& what) {
  auto value = reader.optional_size(map, key);
  if (!value) reader.fail(map, what + ": '" + key + "' is required");
  return *value;
}

uint8_t byte_value(const YamlReader& reader, const YAML::Node& map, const std::string& key,
                   uint8_t fallback, const std::string& what) {
  auto value = reader.optional_size(map, key);
  if (!value) return fallback;
  if (*value > 0xff) reader.fail(map[key], what + "." + key + ": must be a byte (0..0xff)");
  return static_cast<uint8_t>(*value);
}

std::vector<uint8_t> hex_bytes(const YamlReader& reader, const YAML::Node& node,
                               const std::string& what) {
  if (!node.IsScalar()) reader.fail(node, what + ": expected hex digits");
  std::vector<uint8_t> bytes;
  int high = -1;
  for (char c : node.Scalar()) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      reader.fail(node, what + ": '" + std::string(1, c) + "' is not a hex digit");
    }
    const int digit = std::isdigit(static_cast<unsigned char>(c))
                          ? c - '0'
                          : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    if (high < 0) {
      high = digit;
    } else {
      bytes.push_back(static_cast<uint8_t>(high << 4 | digit));
      high = -1;
    }
  }
  if (high >= 0) reader.fail(node, what + ": an odd number of hex digits");
  if (bytes.empty()) reader.fail(node, what + ": no bytes");
  return bytes;
}

void read_position(const YamlReader& reader, const YAML::Node& args, const std::string& what,
                   ImageEdit& edit, bool section_required) {
  if (auto section = reader.optional_string(args, "section")) {
    edit.section = section_type_named(*section);
    if (!edit.section) reader.fail(args["section"], what + ": unknown section '" + *section + "'");
    if (args["at"]) reader.fail(args["at"], what + ": give `section` + `offset`, or `at`");
    edit.offset = reader.optional_size(args, "offset").value_or(0);
  } else if (section_required) {
    reader.fail(args, what + ": `section` is required");
  } else {
    if (args["offset"]) reader.fail(args["offset"], what + ": `offset` goes with `section`");
    edit.offset = required_size(reader, args, "at", what);
  }
}

ImageEdit parse_edit(const YamlReader& reader, const YAML::Node& node, const std::string& what) {
  if (!node.IsMap() || node.size() != 1) {
    reader.fail(node, what + ": an edit is a one-key mapping such as {flip: {...}}");
  }
  const std::string op = node.begin()->first.Scalar();
  const YAML::Node args = node.begin()->second;
  const std::string here = what + "." + op;
  ImageEdit edit;
  edit.line = line_of(node);
  auto crc_option = [&](const YAML::Node& map) {
    if (auto crc = reader.optional_string(map, "crc")) {
      if (*crc != "refresh" && *crc != "keep") {
        reader.fail(map["crc"], here + ".crc: `refresh` (default) or `keep`");
      }
      edit.refresh_crcs = *crc == "refresh";
    }
  };
  if (op == "flip") {
    reader.expect_keys(args, here, {"section", "offset", "at", "mask", "crc"});
    edit.kind = ImageEdit::Kind::kFlip;
    read_position(reader, args, here, edit, false);
    edit.mask = byte_value(reader, args, "mask", 0x01, here);
    if (edit.mask == 0) reader.fail(args["mask"], here + ".mask: 0 changes nothing");
    crc_option(args);
  } else if (op == "write") {
    reader.expect_keys(args, here, {"section", "offset", "at", "hex", "crc"});
    edit.kind = ImageEdit::Kind::kWrite;
    read_position(reader, args, here, edit, false);
    edit.bytes = hex_bytes(reader, reader.child(args, "hex", true), here + ".hex");
    crc_option(args);
  } else if (op == "fill") {
    reader.expect_keys(args, here, {"section", "byte", "crc"});
    edit.kind = ImageEdit::Kind::kFill;
    read_position(reader, args, here, edit, true);
    edit.byte = byte_value(reader, args, "byte", 0x00, here);
    crc_option(args);
  } else if (op == "copy_section") {
    reader.expect_keys(args, here, {"section", "from", "crc"});
    edit.kind = ImageEdit::Kind::kCopySection;
    read_position(reader, args, here, edit, true);
    edit.from_image = reader.string(args, "from");
    crc_option(args);
  } else if (op == "truncate") {
    edit.kind = ImageEdit::Kind::kTruncate;
    if (!args.IsScalar()) reader.fail(args, here + ": expected the new size");
    auto size = parse_size(args.Scalar());
    if (!size) reader.fail(args, here + ": '" + args.Scalar() + "' is not a size");
    edit.size = *size;
    edit.refresh_crcs = false;
  } else if (op == "append") {
    reader.expect_keys(args, here, {"size", "byte"});
    edit.kind = ImageEdit::Kind::kAppend;
    edit.size = required_size(reader, args, "size", here);
    if (edit.size == 0 || edit.size > 0x800000) {
      reader.fail(args["size"], here + ".size: 1 .. 8 MiB");
    }
    edit.byte = byte_value(reader, args, "byte", 0xff, here);
    edit.refresh_crcs = false;
  } else if (op == "append_tail") {
    reader.expect_keys(args, here, {"from"});
    edit.kind = ImageEdit::Kind::kAppendTail;
    edit.from_image = reader.string(args, "from");
    edit.refresh_crcs = false;
  } else if (op == "sign") {
    reader.expect_keys(args, here, {"key", "tool"});
    edit.kind = ImageEdit::Kind::kSign;
    edit.key = reader.string(args, "key");
    edit.tool = reader.optional_string(args, "tool").value_or("secnic");
    if (edit.tool != "secnic" && edit.tool != "mstflint") {
      reader.fail(args["tool"], here + ".tool: `secnic` (default) or `mstflint`");
    }
    edit.refresh_crcs = false;
  } else if (op == "to_component") {
    if (!args.IsScalar() || args.Scalar() != "true") {
      reader.fail(args, here + ": write `to_component: true`");
    }
    edit.kind = ImageEdit::Kind::kToComponent;
    edit.refresh_crcs = false;
  } else {
    reader.fail(node,
                what + ": unknown edit '" + op +
                    "' (flip, write, fill, copy_section, truncate, append, append_tail, sign, "
                    "to_component)");
  }
  return edit;
}

HostAction::ExitExpectation parse_exit(const YamlReader& reader, const YAML::Node& node,
                                       int& exact) {
  if (!node.IsScalar()) reader.fail(node, "exit: expected 0, nonzero, any or a number");
  const std::string text = node.Scalar();
  if (text == "nonzero") return HostAction::ExitExpectation::kNonZero;
  if (text == "any") return HostAction::ExitExpectation::kAny;
  auto value = parse_size(text);
  if (!value || *value > 255) reader.fail(node, "exit: expected 0, nonzero, any or 0..255");
  if (*value == 0) return HostAction::ExitExpectation::kZero;
  exact = static_cast<int>(*value);
  return HostAction::ExitExpectation::kExact;
}

HostAction parse_action(const YamlReader& reader, const YAML::Node& node, const std::string& what,
                        bool in_setup) {
  if (!node.IsMap())
    reader.fail(node, what + ": an action is a mapping (run, hostdrv, power_cycle)");
  HostAction action;
  action.line = line_of(node);
  if (node["run"]) {
    reader.expect_keys(node, what, {"run", "expect"});
    action.kind = HostAction::Kind::kRun;
    action.text = reader.string(node, "run");
  } else if (node["hostdrv"]) {
    reader.expect_keys(node, what, {"hostdrv", "expect"});
    action.kind = HostAction::Kind::kHostDriver;
    action.text = reader.string(node, "hostdrv");
  } else if (node["power_cycle"]) {
    reader.expect_keys(node, what, {"power_cycle"});
    if (!in_setup) {
      reader.fail(node, what +
                            ": power_cycle belongs in setup (the invariant check power-cycles "
                            "after the attack itself)");
    }
    if (!reader.optional_bool(node, "power_cycle").value_or(false)) {
      reader.fail(node["power_cycle"], what + ".power_cycle: write `power_cycle: true`");
    }
    action.kind = HostAction::Kind::kPowerCycle;
    return action;
  } else {
    reader.fail(node, what + ": expected `run`, `hostdrv` or `power_cycle`");
  }
  const YAML::Node expect = node["expect"];
  if (!expect) {
    // A setup action must simply work; an attack step must say what it expects of the card.
    if (!in_setup && action.kind == HostAction::Kind::kRun) {
      reader.fail(node, what + ": an attack step needs `expect:` (exit, output, not_output)");
    }
    return action;
  }
  reader.expect_keys(expect, what + ".expect", {"exit", "output", "not_output", "output_any"});
  if (expect["exit"]) action.exit = parse_exit(reader, expect["exit"], action.exit_code);
  action.output = reader.string_list(expect, "output");
  action.not_output = reader.string_list(expect, "not_output");
  action.output_any = reader.string_list(expect, "output_any");
  return action;
}

std::vector<HostAction> parse_actions(const YamlReader& reader, const YAML::Node& document,
                                      const std::string& key, bool required) {
  std::vector<HostAction> actions;
  const YAML::Node list = document[key];
  if (!list) {
    if (required) reader.fail(document, "missing key '" + key + "'");
    return actions;
  }
  if (!list.IsSequence() || (required && list.size() == 0)) {
    reader.fail(list, key + ": expected a list of actions");
  }
  for (size_t i = 0; i < list.size(); ++i) {
    actions.push_back(
        parse_action(reader, list[i], key + "[" + std::to_string(i) + "]", key == "setup"));
  }
  return actions;
}

bool valid_name(const std::string& name) {
  return !name.empty() &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

}  // namespace

std::string HostAction::describe() const {
  switch (kind) {
    case Kind::kRun:
      return "run: " + text;
    case Kind::kHostDriver:
      return "hostdrv script (line " + std::to_string(line) + ")";
    case Kind::kPowerCycle:
      break;
  }
  return "power_cycle";
}

std::optional<image::SectionType> section_type_named(const std::string& name) {
  for (unsigned t = 0; t <= 0xff; ++t) {
    const auto type = static_cast<image::SectionType>(t);
    if (name == image::section_name(type) && name != "UNKNOWN_SECTION") return type;
  }
  return std::nullopt;
}

AttackCase parse_attack_case(const YAML::Node& document, const YamlReader& reader) {
  reader.expect_keys(document, "attack scenario", kTopLevelKeys);
  AttackCase c;
  c.name = reader.string(document, "name");
  if (!valid_name(c.name)) {
    reader.fail(document["name"], "name: lower-case letters, digits and _ (it is the case id)");
  }
  c.category = reader.optional_string(document, "category").value_or("other");
  c.attack = reader.string(document, "attack");
  c.expected = reader.string(document, "expected");
  c.known_issue = reader.optional_string(document, "known_issue").value_or("");

  std::set<std::string> image_names;
  if (const YAML::Node images = document["images"]) {
    if (!images.IsMap()) reader.fail(images, "images: expected a mapping of image names");
    for (const auto& kv : images) image_names.insert(kv.first.Scalar());
  }
  std::set<std::string> file_names;  // the fixture's `files:` (text written to the work directory)
  if (const YAML::Node files = document["files"]; files && files.IsMap()) {
    for (const auto& kv : files) file_names.insert(kv.first.Scalar());
  }
  if (const YAML::Node derive = document["derive"]) {
    if (!derive.IsMap()) reader.fail(derive, "derive: expected a mapping of forged image names");
    for (const auto& kv : derive) {
      ImageForgery f;
      f.name = kv.first.Scalar();
      f.line = line_of(kv.first);
      const std::string what = "derive." + f.name;
      if (!valid_name(f.name) || f.name == "bdf" || f.name == "card" || f.name == "work") {
        reader.fail(kv.first, what +
                                  ": names are lower-case letters, digits and _ (not bdf, card, "
                                  "work)");
      }
      if (image_names.count(f.name) || file_names.count(f.name)) {
        reader.fail(kv.first, what + ": this name is taken");
      }
      reader.expect_keys(kv.second, what, {"from", "form", "ops"});
      f.from = reader.string(kv.second, "from");
      if (!image_names.count(f.from)) {
        reader.fail(kv.second["from"],
                    what + ".from: no image or earlier forgery named '" + f.from + "'");
      }
      const std::string form = reader.optional_string(kv.second, "form").value_or("file");
      if (form != "file" && form != "component") {
        reader.fail(kv.second["form"], what + ".form: `file` (default) or `component`");
      }
      f.component = form == "component";
      if (const YAML::Node ops = kv.second["ops"]) {
        if (!ops.IsSequence()) reader.fail(ops, what + ".ops: expected a list of edits");
        for (size_t i = 0; i < ops.size(); ++i) {
          ImageEdit edit = parse_edit(reader, ops[i], what + ".ops[" + std::to_string(i) + "]");
          for (const std::string* other : {&edit.from_image}) {
            if (!other->empty() && !image_names.count(*other)) {
              reader.fail(ops[i], what + ": no image or earlier forgery named '" + *other + "'");
            }
          }
          if (edit.kind == ImageEdit::Kind::kSign && f.component) {
            reader.fail(ops[i], what +
                                    ": a component cannot be signed; sign the file, then derive "
                                    "its component");
          }
          f.edits.push_back(std::move(edit));
        }
      }
      image_names.insert(f.name);
      c.forgeries.push_back(std::move(f));
    }
  }

  c.setup = parse_actions(reader, document, "setup", false);
  c.steps = parse_actions(reader, document, "steps", true);

  if (const YAML::Node inv = document["invariant"]) {
    reader.expect_keys(inv, "invariant", {"inactive_slot", "pending"});
    if (const YAML::Node holds = inv["inactive_slot"]; holds && holds.IsMap()) {
      reader.expect_keys(holds, "invariant.inactive_slot", {"holds"});
      c.invariant.inactive_slot = InvariantPolicy::InactiveSlot::kHolds;
      c.invariant.inactive_image = reader.string(holds, "holds");
      if (!image_names.count(c.invariant.inactive_image)) {
        reader.fail(holds["holds"], "invariant.inactive_slot.holds: no image named '" +
                                        c.invariant.inactive_image + "'");
      }
    } else if (auto slot = reader.optional_string(inv, "inactive_slot")) {
      if (*slot == "no_image") {
        c.invariant.inactive_slot = InvariantPolicy::InactiveSlot::kNoImage;
      } else if (*slot == "unchanged") {
        c.invariant.inactive_slot = InvariantPolicy::InactiveSlot::kUnchanged;
      } else {
        reader.fail(inv["inactive_slot"],
                    "invariant.inactive_slot: `no_image`, `unchanged` or {holds: IMAGE}");
      }
    }
    if (auto pending = reader.optional_string(inv, "pending")) {
      if (!image_names.count(*pending)) {
        reader.fail(inv["pending"], "invariant.pending: no image named '" + *pending + "'");
      }
      c.invariant.pending_image = *pending;
    }
  }
  return c;
}

}  // namespace secnic::campaign
