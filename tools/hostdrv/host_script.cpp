#include "tools/hostdrv/host_script.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "tools/hostdrv/register_catalogue.h"

namespace secnic::hostdrv {
namespace {

struct ArgSpec {
  const char* key;
  ArgType type;
  bool required;
  std::optional<NameTable> names;
};

struct StepSpec {
  const char* kind;
  bool scalar_argument;  // `semaphore: take` rather than a map
  std::vector<ArgSpec> args;
  std::vector<ObservationSpec> observations;
};

constexpr std::optional<NameTable> kPlain = std::nullopt;
// An icmd step may read past the 0x340-byte mailbox (to see the device refuse it), not forever.
constexpr uint64_t kMaxIcmdResponseSize = 0x1000;

// Every step kind: its arguments and what it observes. The reviewer's guide documents each one.
const std::vector<StepSpec>& step_specs() {
  static const std::vector<StepSpec> specs = {
      {"config_read",
       false,
       {{"offset", ArgType::kNumber, true, kPlain}, {"size", ArgType::kNumber, false, kPlain}},
       {{"value", kPlain, false}}},
      {"config_write",
       false,
       {{"offset", ArgType::kNumber, true, kPlain},
        {"size", ArgType::kNumber, false, kPlain},
        {"value", ArgType::kNumber, true, kPlain}},
       {}},
      {"vsec_read",
       false,
       {{"register", ArgType::kNumber, true, NameTable::kVsecRegister}},
       {{"value", kPlain, false}}},
      {"vsec_write",
       false,
       {{"register", ArgType::kNumber, true, NameTable::kVsecRegister},
        {"value", ArgType::kNumber, true, kPlain}},
       {}},
      {"semaphore", true, {}, {{"taken", kPlain, true}}},
      {"select_space",
       false,
       {{"space", ArgType::kNumber, true, NameTable::kSpace}},
       {{"supported", kPlain, true}}},
      {"gateway_read",
       false,
       {{"space", ArgType::kNumber, true, NameTable::kSpace},
        {"address", ArgType::kNumber, true, kPlain},
        {"lock", ArgType::kBool, false, kPlain}},
       {{"data", kPlain, false},
        {"syndrome", kPlain, true},
        {"completed", kPlain, true},
        {"supported", kPlain, true}}},
      {"gateway_write",
       false,
       {{"space", ArgType::kNumber, true, NameTable::kSpace},
        {"address", ArgType::kNumber, true, kPlain},
        {"data", ArgType::kNumber, true, kPlain},
        {"lock", ArgType::kBool, false, kPlain}},
       {{"syndrome", kPlain, true}, {"completed", kPlain, true}, {"supported", kPlain, true}}},
      {"icmd",
       false,
       {{"opcode", ArgType::kNumber, true, kPlain},
        {"request", ArgType::kText, false, kPlain},
        {"response_size", ArgType::kNumber, false, kPlain},
        {"exmb", ArgType::kBool, false, kPlain},
        {"mailbox_address", ArgType::kNumber, false, kPlain}},
       {{"icmd_status", NameTable::kIcmdStatus, false},
        {"completed", kPlain, true},
        {"syndrome", kPlain, true},
        {"icmd_semaphore", kPlain, true}}},
      {"register",
       false,
       {{"name", ArgType::kText, false, kPlain},
        {"id", ArgType::kNumber, false, kPlain},
        {"method", ArgType::kText, false, kPlain},
        {"class", ArgType::kNumber, false, kPlain},
        {"size", ArgType::kNumber, false, kPlain},
        {"fields", ArgType::kFieldMap, false, kPlain},
        {"body", ArgType::kText, false, kPlain},
        {"operation_tlv", ArgType::kTlv, false, kPlain},
        {"register_tlv", ArgType::kTlv, false, kPlain}},
       {{"status", NameTable::kRegisterStatus, false},
        {"response_bit", kPlain, true},
        {"icmd_status", NameTable::kIcmdStatus, false}}},
      {"mcc",
       false,
       {{"instruction", ArgType::kNumber, true, NameTable::kMccInstruction},
        {"handle", ArgType::kNumber, false, kPlain},
        {"component_size", ArgType::kNumber, false, kPlain},
        {"component_index", ArgType::kNumber, false, kPlain},
        {"method", ArgType::kText, false, kPlain}},
       {{"status", NameTable::kRegisterStatus, false},
        {"control_state", NameTable::kFsmState, false},
        {"error_code", NameTable::kMccError, false},
        {"update_handle", kPlain, false},
        {"control_progress", kPlain, false}}},
      {"mcda_write",
       false,
       {{"handle", ArgType::kNumber, false, kPlain},
        {"offset", ArgType::kNumber, true, kPlain},
        {"size", ArgType::kNumber, false, kPlain},
        {"file", ArgType::kText, false, kPlain},
        {"file_offset", ArgType::kNumber, false, kPlain},
        {"fill", ArgType::kNumber, false, kPlain}},
       {{"status", NameTable::kRegisterStatus, false}}},
      {"mcda_read",
       false,
       {{"handle", ArgType::kNumber, false, kPlain},
        {"offset", ArgType::kNumber, true, kPlain},
        {"size", ArgType::kNumber, false, kPlain}},
       {{"status", NameTable::kRegisterStatus, false}}},
      {"download",
       false,
       {{"handle", ArgType::kNumber, false, kPlain},
        {"file", ArgType::kText, true, kPlain},
        {"from", ArgType::kNumber, false, kPlain},
        {"to", ArgType::kNumber, false, kPlain},
        {"chunk", ArgType::kNumber, false, kPlain}},
       {{"status", NameTable::kRegisterStatus, false},
        {"chunks", kPlain, false},
        {"bytes", kPlain, false}}},
      {"burn",
       false,
       {{"file", ArgType::kText, true, kPlain},
        {"handle", ArgType::kNumber, true, kPlain},
        {"component_size", ArgType::kNumber, false, kPlain},
        {"component_index", ArgType::kNumber, false, kPlain},
        {"chunk", ArgType::kNumber, false, kPlain},
        {"activate", ArgType::kBool, false, kPlain},
        {"finish", ArgType::kText, false, kPlain}},
       {{"status", NameTable::kRegisterStatus, false},
        {"error_code", NameTable::kMccError, false},
        {"control_state", NameTable::kFsmState, false},
        {"stage", NameTable::kBurnStage, false},
        {"bytes", kPlain, false}}},
  };
  return specs;
}

const StepSpec* find_spec(const std::string& kind) {
  for (const StepSpec& s : step_specs()) {
    if (kind == s.kind) return &s;
  }
  return nullptr;
}

int line_of(const YAML::Node& node) { return node.Mark().line + 1; }

[[noreturn]] void fail(const std::string& origin, const YAML::Node& node,
                       const std::string& message) {
  throw ScriptError(origin + ":" + std::to_string(line_of(node)) + ": " + message);
}

std::string kind_names() {
  std::string names;
  for (const StepSpec& s : step_specs()) names += (names.empty() ? "" : ", ") + std::string(s.kind);
  return names;
}

std::optional<uint64_t> parse_integer(const std::string& text) {
  if (text.empty()) return std::nullopt;
  size_t pos = 0;
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    pos = 2;
  }
  uint64_t value = 0;
  for (; pos < text.size(); ++pos) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos])));
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c == '_') continue;  // 0x00_40_00 reads well for sizes
    if (digit < 0) return std::nullopt;
    if (value > (UINT64_MAX - static_cast<uint64_t>(digit)) / static_cast<uint64_t>(base)) {
      return std::nullopt;
    }
    value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(digit);
  }
  return value;
}

bool is_variable(const std::string& text) {
  if (text.size() < 2 || text[0] != '$') return false;
  return std::all_of(text.begin() + 1, text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

struct Checker {
  const std::string& origin;
  std::vector<std::string> variables;  // saved by earlier steps

  void number(const YAML::Node& node, std::optional<NameTable> names, const std::string& what) {
    if (!node.IsScalar()) fail(origin, node, what + " must be a number");
    const std::string text = node.Scalar();
    if (auto n = parse_integer(text)) {
      // Every field a script can set or observe is at most 32 bits wide.
      if (*n > 0xffffffffu) fail(origin, node, what + ": " + text + " does not fit 32 bits");
      return;
    }
    if (is_variable(text)) {
      if (std::find(variables.begin(), variables.end(), text.substr(1)) == variables.end()) {
        fail(origin, node, what + ": " + text + " is not saved by an earlier step");
      }
      return;
    }
    if (text == "true" || text == "false") return;
    if (names && value_of(*names, text)) return;
    fail(origin, node,
         what + ": '" + text + "' is not a number" + (names ? ", a known name" : "") +
             " or a $variable");
  }

  void boolean(const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
      fail(origin, node, what + " must be true or false");
    }
  }
};

void check_hex_bytes(const std::string& origin, const YAML::Node& node, const std::string& what) {
  size_t digits = 0;
  for (char c : node.Scalar()) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) {
      fail(origin, node, what + ": '" + std::string(1, c) + "' is not a hex digit");
    }
    ++digits;
  }
  if (digits % 2 != 0) fail(origin, node, what + ": an odd number of hex digits");
}

const RegisterDescription* register_of(const std::string& origin, const YAML::Node& args,
                                       const std::string& where) {
  const YAML::Node name = args["name"];
  const YAML::Node id = args["id"];
  if (name && id) fail(origin, args, where + ": give `name` or `id`, not both");
  if (!name && !id) fail(origin, args, where + ": `name` or `id` is required");
  if (name) {
    const RegisterDescription* reg = find_register(name.Scalar());
    if (reg == nullptr) {
      fail(origin, name,
           where + ": unknown register '" + name.Scalar() + "' (known: " + register_names() +
               "; any other by `id` and `size`)");
    }
    return reg;
  }
  const auto number = parse_integer(id.Scalar());
  if (!number || *number > 0xffff) fail(origin, id, where + ": id must be a 16-bit number");
  const RegisterDescription* reg = find_register(static_cast<uint16_t>(*number));
  if (reg == nullptr && !args["size"]) {
    fail(origin, id,
         where + ": register " + hex(*number) + " is not in the catalogue: give `size`");
  }
  return reg;
}

void check_step(const StepSpec& spec, ScriptStep& step, Checker& checker) {
  const std::string& origin = checker.origin;
  const std::string where = step.where();
  if (spec.scalar_argument) {
    if (!step.args.IsScalar() ||
        (step.args.Scalar() != "take" && step.args.Scalar() != "release")) {
      fail(origin, step.args, where + ": must be `take` or `release`");
    }
  } else {
    if (!step.args.IsMap()) fail(origin, step.args, where + ": arguments must be a map");
    for (const auto& kv : step.args) {
      const std::string key = kv.first.Scalar();
      auto arg = std::find_if(spec.args.begin(), spec.args.end(),
                              [&key](const ArgSpec& a) { return key == a.key; });
      if (arg == spec.args.end()) {
        std::string known;
        for (const ArgSpec& a : spec.args)
          known += (known.empty() ? "" : ", ") + std::string(a.key);
        fail(origin, kv.first, where + ": unknown argument '" + key + "' (known: " + known + ")");
      }
      const std::string what = where + " " + key;
      switch (arg->type) {
        case ArgType::kNumber:
          checker.number(kv.second, arg->names, what);
          break;
        case ArgType::kBool:
          checker.boolean(kv.second, what);
          break;
        case ArgType::kText:
          if (!kv.second.IsScalar()) fail(origin, kv.second, what + " must be a string");
          break;
        case ArgType::kFieldMap:
        case ArgType::kTlv:
          if (!kv.second.IsMap()) fail(origin, kv.second, what + " must be a map");
          break;
      }
    }
    for (const ArgSpec& a : spec.args) {
      if (a.required && !step.args[a.key]) {
        fail(origin, step.args, where + ": argument '" + std::string(a.key) + "' is required");
      }
    }
  }

  const std::vector<ObservationSpec>& observed = spec.observations;
  if (step.kind == "register") {
    const RegisterDescription* reg = register_of(origin, step.args, where);
    if (step.args["body"] && step.args["fields"]) {
      fail(origin, step.args, where + ": give `fields` or `body`, not both");
    }
    if (step.args["body"]) check_hex_bytes(origin, step.args["body"], where + " body");
    if (const YAML::Node method = step.args["method"]) {
      const std::string m = method.Scalar();
      if (m != "get" && m != "set" && !parse_integer(m)) {
        fail(origin, method, where + ": method is get, set or a number");
      }
    }
    if (const YAML::Node fields = step.args["fields"]) {
      if (reg == nullptr) fail(origin, fields, where + ": `fields` needs a catalogued register");
      for (const auto& kv : fields) {
        const RegisterField* f = reg->field(kv.first.Scalar());
        if (f == nullptr) {
          fail(origin, kv.first,
               where + ": " + reg->name + " has no field '" + kv.first.Scalar() + "'");
        }
        checker.number(kv.second, f->names, where + " " + f->name);
      }
    }
    for (const char* tlv_key : {"operation_tlv", "register_tlv"}) {
      if (const YAML::Node tlv = step.args[tlv_key]) {
        for (const auto& kv : tlv) {
          const std::string k = kv.first.Scalar();
          if (k != "type" && k != "len") {
            fail(origin, kv.first, where + " " + tlv_key + ": unknown key '" + k + "' (type, len)");
          }
          checker.number(kv.second, kPlain, where + " " + tlv_key + " " + k);
        }
      }
    }
    // A register step observes the register's own fields besides the status.
    auto known = [&](const std::string& key) -> std::optional<ObservationSpec> {
      for (const ObservationSpec& o : spec.observations) {
        if (key == o.key) return o;
      }
      if (reg != nullptr) {
        if (const RegisterField* f = reg->field(key)) return ObservationSpec{"", f->names, false};
      }
      return std::nullopt;
    };
    for (auto& [key, value] : step.expect) {
      auto o = known(key);
      if (!o) fail(origin, value, where + ": cannot expect '" + key + "' of this register");
      if (o->boolean) {
        checker.boolean(value, where + " expect " + key);
      } else {
        checker.number(value, o->names, where + " expect " + key);
      }
    }
    for (const auto& [variable, key] : step.save) {
      if (!known(key)) fail(origin, step.args, where + ": cannot save '" + key + "'");
      checker.variables.push_back(variable);
    }
    return;
  }
  if (step.kind == "mcda_write") {
    const int sources = (step.args["file"] ? 1 : 0) + (step.args["fill"] ? 1 : 0);
    if (sources > 1) fail(origin, step.args, where + ": give `file` or `fill`, not both");
    if (step.args["file_offset"] && !step.args["file"]) {
      fail(origin, step.args, where + ": `file_offset` needs `file`");
    }
  }
  if (step.kind == "icmd" && step.args["request"]) {
    check_hex_bytes(origin, step.args["request"], where + " request");
  }
  if (step.kind == "icmd" && step.args["response_size"]) {
    const auto n = parse_integer(step.args["response_size"].Scalar());
    if (n && *n > kMaxIcmdResponseSize) {
      fail(origin, step.args["response_size"],
           where + ": response_size is at most " + hex(kMaxIcmdResponseSize) +
               " (the mailbox is 0x340 bytes)");
    }
  }
  if ((step.kind == "config_read" || step.kind == "config_write") && step.args["size"]) {
    const auto n = parse_integer(step.args["size"].Scalar());
    if (n && *n != 1 && *n != 2 && *n != 4) {
      fail(origin, step.args["size"], where + ": size is 1, 2 or 4 bytes");
    }
  }
  if ((step.kind == "mcc") && step.args["method"]) {
    const std::string m = step.args["method"].Scalar();
    if (m != "get" && m != "set")
      fail(origin, step.args["method"], where + ": method is get or set");
  }
  if (step.kind == "burn" && step.args["finish"]) {
    const std::string f = step.args["finish"].Scalar();
    if (f != "release" && f != "keep") {
      fail(origin, step.args["finish"], where + ": finish is `release` or `keep`");
    }
  }
  auto known = [&observed](const std::string& key) -> const ObservationSpec* {
    for (const ObservationSpec& o : observed) {
      if (key == o.key) return &o;
    }
    return nullptr;
  };
  for (auto& [key, value] : step.expect) {
    const ObservationSpec* o = known(key);
    if (o == nullptr) {
      std::string keys;
      for (const ObservationSpec& x : observed)
        keys += (keys.empty() ? "" : ", ") + std::string(x.key);
      fail(origin, value,
           where + ": cannot expect '" + key +
               "' (this step observes: " + (keys.empty() ? "nothing" : keys) + ")");
    }
    if (o->boolean) {
      checker.boolean(value, where + " expect " + key);
    } else {
      checker.number(value, o->names, where + " expect " + key);
    }
  }
  for (const auto& [variable, key] : step.save) {
    if (known(key) == nullptr) fail(origin, step.args, where + ": cannot save '" + key + "'");
    checker.variables.push_back(variable);
  }
}

}  // namespace

std::string ScriptStep::where() const {
  return "step " + std::to_string(number) + " (" + kind +
         (label.empty() ? "" : " '" + label + "'") + ")";
}

const std::vector<ObservationSpec>& observations_of(const std::string& kind) {
  static const std::vector<ObservationSpec> none;
  const StepSpec* spec = find_spec(kind);
  return spec != nullptr ? spec->observations : none;
}

HostScript parse_host_script(const std::string& text, const std::string& origin) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ScriptError(origin + ":" + std::to_string(e.mark.line + 1) + ": not YAML: " + e.msg);
  }
  if (!root.IsMap()) throw ScriptError(origin + ": a script is a map with `steps:`");
  HostScript script;
  script.origin = origin;
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (key == "device") {
      script.device = kv.second.Scalar();
    } else if (key == "stop_on_unexpected") {
      if (kv.second.Scalar() != "true" && kv.second.Scalar() != "false") {
        fail(origin, kv.second, "stop_on_unexpected must be true or false");
      }
      script.stop_on_unexpected = kv.second.Scalar() == "true";
    } else if (key != "steps") {
      fail(origin, kv.first, "unknown key '" + key + "' (device, stop_on_unexpected, steps)");
    }
  }
  const YAML::Node steps = root["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0) {
    throw ScriptError(origin + ": `steps:` must be a non-empty list");
  }
  Checker checker{origin, {}};
  for (const YAML::Node& node : steps) {
    ScriptStep step;
    step.number = script.steps.size() + 1;
    step.line = line_of(node);
    if (!node.IsMap()) fail(origin, node, "step " + std::to_string(step.number) + " must be a map");
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      if (key == "name") {
        step.label = kv.second.Scalar();
      } else if (key == "expect") {
        if (!kv.second.IsMap()) fail(origin, kv.second, "`expect` must be a map");
        for (const auto& e : kv.second) step.expect.emplace_back(e.first.Scalar(), e.second);
      } else if (key == "save") {
        if (!kv.second.IsMap()) fail(origin, kv.second, "`save` must be a map variable: field");
        for (const auto& s : kv.second) {
          const std::string variable = s.first.Scalar();
          if (!is_variable("$" + variable)) {
            fail(origin, s.first, "'" + variable + "' is not a variable name (letters, digits, _)");
          }
          step.save.emplace_back(variable, s.second.Scalar());
        }
      } else if (find_spec(key) != nullptr) {
        if (!step.kind.empty()) {
          fail(origin, kv.first,
               "step " + std::to_string(step.number) + " has two kinds: " + step.kind + " and " +
                   key);
        }
        step.kind = key;
        step.args = kv.second;
      } else {
        fail(origin, kv.first,
             "step " + std::to_string(step.number) + ": unknown key '" + key +
                 "' (a step is one of " + kind_names() + ", with optional name, expect, save)");
      }
    }
    if (step.kind.empty()) {
      fail(origin, node,
           "step " + std::to_string(step.number) + " has no kind (" + kind_names() + ")");
    }
    check_step(*find_spec(step.kind), step, checker);
    script.steps.push_back(std::move(step));
  }
  return script;
}

uint64_t resolve_number(const YAML::Node& node, std::optional<NameTable> names,
                        const std::vector<std::pair<std::string, uint64_t>>& variables,
                        const ScriptStep& step, const std::string& key) {
  const std::string text = node.Scalar();
  if (auto n = parse_integer(text)) return *n;
  if (text == "true") return 1;
  if (text == "false") return 0;
  if (is_variable(text)) {
    for (auto it = variables.rbegin(); it != variables.rend(); ++it) {
      if (it->first == text.substr(1)) return it->second;
    }
    throw ScriptError(step.where() + " " + key + ": " + text +
                      " has no value (its step did not run)");
  }
  if (names) {
    if (auto v = value_of(*names, text)) return *v;
  }
  throw ScriptError(step.where() + " " + key + ": '" + text + "' is not a number");
}

}  // namespace secnic::hostdrv
