#include "tools/hostdrv/host_script_runner.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <ostream>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/update/update_controller.h"
#include "tools/hostdrv/access_register_request.h"
#include "tools/hostdrv/device_interface.h"
#include "tools/hostdrv/host_driver_error.h"
#include "tools/hostdrv/register_catalogue.h"

namespace secnic::hostdrv {
namespace {

namespace L = secnic::layout;
using fw::FsmState;
using fw::MccInstruction;

constexpr uint32_t kMailboxSize = 0x340;
constexpr uint32_t kDefaultChunk = L::mcda::kMaxDataSize;
// INITIALIZE polls of a scripted burn (the tool allows 3000).
constexpr unsigned kMaxInitializePolls = 3000;

std::vector<uint8_t> hex_bytes(const std::string& text) {
  std::vector<uint8_t> bytes;
  int high = -1;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
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
  return bytes;
}

std::string format(const Observation& o) {
  if (o.boolean) return o.key + "=" + (o.value != 0 ? "true" : "false");
  if (o.names) return o.key + "=" + describe(*o.names, static_cast<uint32_t>(o.value));
  return o.key + "=" + hex(o.value);
}

void add(StepReport& r, const std::string& key, uint64_t value,
         std::optional<NameTable> names = std::nullopt) {
  r.observations.push_back({key, value, names, false});
}

void add_flag(StepReport& r, const std::string& key, bool value) {
  r.observations.push_back({key, value ? 1u : 0u, std::nullopt, true});
}

}  // namespace

HostScriptRunner::HostScriptRunner(ConfigSpaceFile& config, std::ostream& out)
    : m_config(config), m_gateway(config), m_icmd(m_gateway), m_out(out) {}

uint64_t HostScriptRunner::number(const ScriptStep& step, const std::string& key, uint64_t fallback,
                                  std::optional<NameTable> names) const {
  const YAML::Node node = step.args[key];
  if (!node) return fallback;
  return resolve_number(node, names, m_variables, step, key);
}

bool HostScriptRunner::flag(const ScriptStep& step, const std::string& key, bool fallback) const {
  const YAML::Node node = step.args[key];
  return node ? node.Scalar() == "true" : fallback;
}

const std::vector<uint8_t>& HostScriptRunner::file_bytes(const ScriptStep& step,
                                                         const std::string& path) {
  auto it = m_files.find(path);
  if (it != m_files.end()) return it->second;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScriptError(step.where() + ": cannot read file '" + path + "'");
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  return m_files.emplace(path, std::move(bytes)).first->second;
}

bool HostScriptRunner::run(const HostScript& script) {
  bool all_expected = true;
  for (const ScriptStep& step : script.steps) {
    StepReport report = run_step(step);
    for (const auto& [key, expected_node] : step.expect) {
      auto o = std::find_if(report.observations.begin(), report.observations.end(),
                            [&key = key](const Observation& x) { return x.key == key; });
      if (o == report.observations.end()) {
        report.mismatches.push_back(key + ": not observed (the step did not get that far)");
        continue;
      }
      const uint64_t expected = resolve_number(expected_node, o->names, m_variables, step, key);
      if (expected != o->value) {
        Observation want = *o;
        want.value = expected;
        report.mismatches.push_back(key + ": expected " + format(want).substr(key.size() + 1) +
                                    ", got " + format(*o).substr(key.size() + 1));
      }
    }
    for (const auto& [variable, key] : step.save) {
      for (const Observation& o : report.observations) {
        if (o.key == key) m_variables.emplace_back(variable, o.value);
      }
    }
    m_out << "step " << step.number << " " << report.summary << ":";
    for (const Observation& o : report.observations) m_out << " " << format(o);
    if (report.mismatches.empty()) {
      m_out << (step.expect.empty() ? "" : "  [as expected]") << "\n";
    } else {
      all_expected = false;
      m_out << "\n";
      for (const std::string& m : report.mismatches) {
        m_out << "  UNEXPECTED " << m << "  (line " << step.line << ")\n";
      }
      if (script.stop_on_unexpected) {
        m_out << "stopping: stop_on_unexpected\n";
        break;
      }
    }
  }
  m_out.flush();
  return all_expected;
}

StepReport HostScriptRunner::run_step(const ScriptStep& step) {
  StepReport r;
  const std::string label = step.label.empty() ? "" : " '" + step.label + "'";
  if (step.kind == "config_read" || step.kind == "config_write") {
    const auto offset = static_cast<uint32_t>(number(step, "offset", 0));
    const auto size = static_cast<unsigned>(number(step, "size", 4));
    if (step.kind == "config_read") {
      r.summary = "config_read" + label + " " + hex(offset) + "/" + std::to_string(size);
      add(r, "value", m_config.read(offset, size));
    } else {
      const auto value = static_cast<uint32_t>(number(step, "value", 0));
      r.summary = "config_write" + label + " " + hex(offset) + "/" + std::to_string(size) + " = " +
                  hex(value);
      m_config.write(offset, size, value);
    }
  } else if (step.kind == "vsec_read") {
    const auto reg = static_cast<uint32_t>(number(step, "register", 0, NameTable::kVsecRegister));
    r.summary = "vsec_read" + label + " " + name_of(NameTable::kVsecRegister, reg);
    add(r, "value", m_gateway.read_register(reg));
  } else if (step.kind == "vsec_write") {
    const auto reg = static_cast<uint32_t>(number(step, "register", 0, NameTable::kVsecRegister));
    const auto value = static_cast<uint32_t>(number(step, "value", 0));
    r.summary =
        "vsec_write" + label + " " + name_of(NameTable::kVsecRegister, reg) + " = " + hex(value);
    m_gateway.write_register(reg, value);
  } else if (step.kind == "semaphore") {
    if (step.args.Scalar() == "take") {
      r.summary = "semaphore" + label + " take";
      m_holding_semaphore = m_gateway.take_semaphore(vsec::kMaxSemaphoreTries);
      add_flag(r, "taken", m_holding_semaphore);
    } else {
      r.summary = "semaphore" + label + " release";
      m_gateway.release_semaphore();
      m_holding_semaphore = false;
    }
  } else if (step.kind == "select_space") {
    const auto space = static_cast<uint16_t>(number(step, "space", 0, NameTable::kSpace));
    r.summary = "select_space" + label + " " + describe(NameTable::kSpace, space);
    add_flag(r, "supported", m_gateway.select_space(space));
  } else if (step.kind == "gateway_read" || step.kind == "gateway_write") {
    r = gateway_step(step, step.kind == "gateway_write");
  } else if (step.kind == "icmd") {
    IcmdCommand command;
    command.opcode = static_cast<uint16_t>(number(step, "opcode", 0));
    if (step.args["request"]) command.request = hex_bytes(step.args["request"].Scalar());
    command.response_size = static_cast<size_t>(number(step, "response_size", 0x40));
    command.exmb = flag(step, "exmb", false);
    command.mailbox_address =
        static_cast<uint32_t>(number(step, "mailbox_address", icmd::kMailbox));
    r.summary = "icmd" + label + " opcode " + hex(command.opcode) + " (" +
                std::to_string(command.request.size()) + " request bytes" +
                (command.exmb ? ", EXMB" : "") + ")";
    const IcmdResult result = m_icmd.execute(command);
    add_flag(r, "icmd_semaphore", result.icmd_semaphore);
    add_flag(r, "completed", result.completed);
    add_flag(r, "syndrome", result.syndrome);
    if (result.completed) add(r, "icmd_status", result.status, NameTable::kIcmdStatus);
  } else if (step.kind == "register") {
    r = register_step(step);
  } else if (step.kind == "mcc") {
    const auto instruction =
        static_cast<uint32_t>(number(step, "instruction", 0, NameTable::kMccInstruction));
    const bool is_set = step.args["method"]
                            ? step.args["method"].Scalar() == "set"
                            : instruction != static_cast<uint32_t>(MccInstruction::kQuery);
    const auto handle = static_cast<uint32_t>(number(step, "handle", 0));
    const auto size = static_cast<uint32_t>(number(step, "component_size", 0));
    const auto index = static_cast<uint32_t>(number(step, "component_index", 0));
    r.summary = std::string("mcc") + label + " " + (is_set ? "SET " : "GET ") +
                name_of(NameTable::kMccInstruction, instruction) + " handle=" + hex(handle) +
                (size != 0 ? " component_size=" + hex(size) : "") +
                (index != 0 ? " component_index=" + hex(index) : "");
    const MccAnswer a = mcc(instruction, handle, size, index, is_set);
    add(r, "status", a.status, NameTable::kRegisterStatus);
    add(r, "control_state", a.control_state, NameTable::kFsmState);
    add(r, "error_code", a.error_code, NameTable::kMccError);
    add(r, "update_handle", a.update_handle);
    add(r, "control_progress", a.control_progress);
  } else if (step.kind == "mcda_write") {
    const auto handle = static_cast<uint32_t>(number(step, "handle", 0));
    const auto offset = static_cast<uint32_t>(number(step, "offset", 0));
    const auto size = static_cast<uint32_t>(number(step, "size", kDefaultChunk));
    std::vector<uint8_t> data(L::mcda::kMaxDataSize, 0);
    std::string source = "zeros";
    if (step.args["file"]) {
      const std::string path = step.args["file"].Scalar();
      const std::vector<uint8_t>& bytes = file_bytes(step, path);
      const uint64_t from = number(step, "file_offset", offset);
      for (size_t i = 0; i < data.size() && from + i < bytes.size(); ++i) data[i] = bytes[from + i];
      source = path + "@" + hex(from);
    } else if (step.args["fill"]) {
      const auto fill = static_cast<uint8_t>(number(step, "fill", 0));
      std::fill(data.begin(), data.end(), fill);
      source = "fill " + hex(fill);
    }
    r.summary = "mcda_write" + label + " handle=" + hex(handle) + " offset=" + hex(offset) +
                " size=" + hex(size) + " (" + source + ")";
    add(r, "status", mcda_write(handle, offset, size, data.data(), data.size()),
        NameTable::kRegisterStatus);
  } else if (step.kind == "mcda_read") {
    const auto handle = static_cast<uint32_t>(number(step, "handle", 0));
    const auto offset = static_cast<uint32_t>(number(step, "offset", 0));
    const auto size = static_cast<uint32_t>(number(step, "size", kDefaultChunk));
    r.summary = "mcda_read" + label + " handle=" + hex(handle) + " offset=" + hex(offset) +
                " size=" + hex(size);
    add(r, "status", mcda_read(handle, offset, size), NameTable::kRegisterStatus);
  } else if (step.kind == "download") {
    r = download_step(step);
  } else if (step.kind == "burn") {
    r = burn_step(step);
  } else {
    throw ScriptError(step.where() + ": no runner for this kind");  // parse_host_script forbids it
  }
  return r;
}

StepReport HostScriptRunner::gateway_step(const ScriptStep& step, bool is_write) {
  StepReport r;
  const auto space = static_cast<uint16_t>(number(step, "space", 0, NameTable::kSpace));
  const auto address = number(step, "address", 0);
  const bool lock = flag(step, "lock", true) && !m_holding_semaphore;
  if (address > vsec::kAddressMask) {
    throw ScriptError(
        step.where() + ": address " + hex(address) +
        " does not fit the gateway's 30 bits (use vsec_write for raw ADDRESS values)");
  }
  const auto data = static_cast<uint32_t>(number(step, "data", 0));
  r.summary = std::string(is_write ? "gateway_write" : "gateway_read") +
              (step.label.empty() ? "" : " '" + step.label + "'") + " " +
              name_of(NameTable::kSpace, space) + ":" + hex(address) +
              (is_write ? " = " + hex(data) : "") + (lock ? "" : " (no semaphore)");
  if (lock && !m_gateway.take_semaphore(vsec::kMaxSemaphoreTries)) {
    r.mismatches.push_back("the gateway semaphore stayed busy");
    return r;
  }
  const bool supported = m_gateway.select_space(space);
  const GatewayResult g = is_write ? m_gateway.write(static_cast<uint32_t>(address), data)
                                   : m_gateway.read(static_cast<uint32_t>(address));
  if (lock) m_gateway.release_semaphore();
  add_flag(r, "supported", supported);
  add_flag(r, "completed", g.completed);
  add_flag(r, "syndrome", g.syndrome);
  if (!is_write) add(r, "data", g.data);
  return r;
}

StepReport HostScriptRunner::register_step(const ScriptStep& step) {
  StepReport r;
  const RegisterDescription* reg = nullptr;
  AccessRegisterRequest request;
  if (step.args["name"]) {
    reg = find_register(step.args["name"].Scalar());
    request.register_id = reg->id;
  } else {
    request.register_id = static_cast<uint16_t>(number(step, "id", 0));
    reg = find_register(request.register_id);
  }
  const uint32_t register_size = reg != nullptr ? reg->size : 0;
  const auto size = static_cast<uint32_t>(number(step, "size", register_size));
  if (size + L::access_tlv::kRegisterBodyOffset > kMailboxSize) {
    throw ScriptError(step.where() + ": a body of " + hex(size) +
                      " bytes does not fit the 0x340-byte mailbox with its TLV headers");
  }
  std::string method_text = "get";
  if (step.args["method"]) method_text = step.args["method"].Scalar();
  request.method = method_text == "get" ? L::access_tlv::kMethodGet
                   : method_text == "set"
                       ? L::access_tlv::kMethodSet
                       : static_cast<uint32_t>(number(step, "method", L::access_tlv::kMethodGet));
  request.reg_class =
      static_cast<uint32_t>(number(step, "class", L::access_tlv::kClassRegisterAccess));
  request.body.assign(size, 0);
  if (const YAML::Node body = step.args["body"]) {
    const std::vector<uint8_t> bytes = hex_bytes(body.Scalar());
    std::copy_n(bytes.begin(), std::min(bytes.size(), request.body.size()), request.body.begin());
  }
  std::string fields_text;
  if (const YAML::Node fields = step.args["fields"]) {
    for (const auto& kv : fields) {
      const RegisterField* f = reg->field(kv.first.Scalar());
      const uint64_t value = resolve_number(kv.second, f->names, m_variables, step, f->name);
      if (f->field.end() > request.body.size()) {
        throw ScriptError(step.where() + ": field " + f->name + " lies past a body of " +
                          hex(request.body.size()) + " bytes");
      }
      layout::set(request.body, f->field, static_cast<uint32_t>(value));
      fields_text += " " + f->name + "=" + hex(value);
    }
  }
  auto tlv = [&](const char* key, const char* field) -> std::optional<uint32_t> {
    const YAML::Node node = step.args[key];
    if (!node || !node[field]) return std::nullopt;
    return static_cast<uint32_t>(resolve_number(node[field], std::nullopt, m_variables, step,
                                                std::string(key) + "." + field));
  };
  request.operation_tlv_type = tlv("operation_tlv", "type");
  request.operation_tlv_len = tlv("operation_tlv", "len");
  request.register_tlv_type = tlv("register_tlv", "type");
  request.register_tlv_len = tlv("register_tlv", "len");

  r.summary = "register" + (step.label.empty() ? "" : " '" + step.label + "'") + " " +
              (reg != nullptr ? reg->name : hex(request.register_id)) +
              " method=" + hex(request.method) +
              (request.reg_class != 1 ? " class=" + hex(request.reg_class) : "") +
              " body=" + hex(size) + fields_text;
  IcmdCommand command;
  command.opcode = L::icmd_opcode::kAccessRegister;
  command.request = build_mailbox(request);
  command.response_size =
      std::min<size_t>(kMailboxSize, L::access_tlv::kRegisterBodyOffset +
                                         ((std::max(size, register_size) + 3) / 4) * 4);
  const IcmdResult result = m_icmd.execute(command);
  if (!result.completed) {
    r.mismatches.push_back("the ICMD command did not complete");
    return r;
  }
  add(r, "icmd_status", result.status, NameTable::kIcmdStatus);
  const AccessRegisterResponse response = parse_mailbox(result.mailbox, register_size);
  add(r, "status", response.status, NameTable::kRegisterStatus);
  add_flag(r, "response_bit", response.response_bit);
  if (reg != nullptr && response.body.size() >= reg->size) {
    for (const RegisterField& f : reg->fields) {
      if (step.expect.empty() && step.save.empty()) break;  // print only what matters
      const bool wanted = std::any_of(step.expect.begin(), step.expect.end(),
                                      [&f](const auto& e) { return e.first == f.name; }) ||
                          std::any_of(step.save.begin(), step.save.end(),
                                      [&f](const auto& s) { return s.second == f.name; });
      if (wanted) add(r, f.name, layout::get(response.body, f.field), f.names);
    }
  }
  return r;
}

HostScriptRunner::MccAnswer HostScriptRunner::mcc(uint32_t instruction, uint32_t handle,
                                                  uint32_t component_size, uint32_t component_index,
                                                  bool is_set) {
  AccessRegisterRequest request;
  request.register_id = L::mcc::kId;
  request.method = is_set ? L::access_tlv::kMethodSet : L::access_tlv::kMethodGet;
  request.body.assign(L::mcc::kSize, 0);
  layout::set(request.body, L::mcc::instruction, instruction);
  layout::set(request.body, L::mcc::update_handle, handle);
  layout::set(request.body, L::mcc::component_size, component_size);
  layout::set(request.body, L::mcc::component_index, component_index);
  IcmdCommand command;
  command.opcode = L::icmd_opcode::kAccessRegister;
  command.request = build_mailbox(request);
  command.response_size = L::access_tlv::kRegisterBodyOffset + L::mcc::kSize;
  const IcmdResult result = m_icmd.execute(command);
  if (!result.completed) throw HostDriverError("MCC: the ICMD command did not complete");
  const AccessRegisterResponse response = parse_mailbox(result.mailbox, L::mcc::kSize);
  MccAnswer a;
  a.icmd_status = result.status;
  a.status = response.status;
  if (response.body.size() == L::mcc::kSize) {
    a.control_state = layout::get(response.body, L::mcc::control_state);
    a.error_code = layout::get(response.body, L::mcc::error_code);
    a.update_handle = layout::get(response.body, L::mcc::update_handle);
    a.control_progress = layout::get(response.body, L::mcc::control_progress);
  }
  return a;
}

uint32_t HostScriptRunner::mcda_write(uint32_t handle, uint32_t offset, uint32_t size,
                                      const uint8_t* data, size_t available) {
  AccessRegisterRequest request;
  request.register_id = L::mcda::kId;
  request.method = L::access_tlv::kMethodSet;
  request.body.assign(L::mcda::kSize, 0);
  layout::set(request.body, L::mcda::update_handle, handle);
  layout::set(request.body, L::mcda::offset, offset);
  layout::set(request.body, L::mcda::size, size);
  // Each data dword carries its 4 stream bytes reversed (register_layouts.h, mcda).
  const size_t n = std::min<size_t>({available, L::mcda::kMaxDataSize, size});
  for (size_t i = 0; i < n; ++i) {
    request.body[L::mcda::data.byte + (i & ~size_t{3}) + (3 - (i & 3))] = data[i];
  }
  IcmdCommand command;
  command.opcode = L::icmd_opcode::kAccessRegister;
  command.request = build_mailbox(request);
  command.response_size = L::access_tlv::kRegisterBodyOffset;
  const IcmdResult result = m_icmd.execute(command);
  if (!result.completed) throw HostDriverError("MCDA: the ICMD command did not complete");
  return parse_mailbox(result.mailbox, 0).status;
}

uint32_t HostScriptRunner::mcda_read(uint32_t handle, uint32_t offset, uint32_t size) {
  AccessRegisterRequest request;
  request.register_id = L::mcda::kId;
  request.method = L::access_tlv::kMethodGet;
  request.body.assign(L::mcda::kSize, 0);
  layout::set(request.body, L::mcda::update_handle, handle);
  layout::set(request.body, L::mcda::offset, offset);
  layout::set(request.body, L::mcda::size, size);
  IcmdCommand command;
  command.opcode = L::icmd_opcode::kAccessRegister;
  command.request = build_mailbox(request);
  command.response_size = L::access_tlv::kRegisterBodyOffset + L::mcda::kSize;
  const IcmdResult result = m_icmd.execute(command);
  if (!result.completed) throw HostDriverError("MCDA: the ICMD command did not complete");
  return parse_mailbox(result.mailbox, 0).status;
}

StepReport HostScriptRunner::download_step(const ScriptStep& step) {
  StepReport r;
  const std::string path = step.args["file"].Scalar();
  const std::vector<uint8_t>& bytes = file_bytes(step, path);
  const auto handle = static_cast<uint32_t>(number(step, "handle", 0));
  const uint64_t from = number(step, "from", 0);
  const uint64_t to = std::min<uint64_t>(number(step, "to", bytes.size()), bytes.size());
  const uint64_t chunk = number(step, "chunk", kDefaultChunk);
  if (chunk == 0) throw ScriptError(step.where() + ": chunk must not be 0");
  r.summary = "download" + (step.label.empty() ? "" : " '" + step.label + "'") + " " + path + " [" +
              hex(from) + ", " + hex(to) + ") handle=" + hex(handle) + " chunk=" + hex(chunk);
  uint32_t status = 0;
  uint64_t chunks = 0;
  uint64_t sent = 0;
  for (uint64_t at = from; at < to; at += chunk) {
    const uint64_t n = std::min(chunk, to - at);
    status = mcda_write(handle, static_cast<uint32_t>(at), static_cast<uint32_t>(n),
                        bytes.data() + at, static_cast<size_t>(n));
    if (status != 0) break;
    ++chunks;
    sent += n;
  }
  add(r, "status", status, NameTable::kRegisterStatus);
  add(r, "chunks", chunks);
  add(r, "bytes", sent);
  return r;
}

StepReport HostScriptRunner::burn_step(const ScriptStep& step) {
  StepReport r;
  const std::string path = step.args["file"].Scalar();
  const std::vector<uint8_t>& bytes = file_bytes(step, path);
  const auto handle = static_cast<uint32_t>(number(step, "handle", 0));
  const auto size = static_cast<uint32_t>(number(step, "component_size", bytes.size()));
  const auto index = static_cast<uint32_t>(number(step, "component_index", 0));
  const uint64_t chunk = number(step, "chunk", kDefaultChunk);
  const bool activate = flag(step, "activate", false);
  const bool keep = step.args["finish"] && step.args["finish"].Scalar() == "keep";
  if (chunk == 0 || chunk > 0xffff) throw ScriptError(step.where() + ": chunk must be 1..0xffff");
  r.summary = "burn" + (step.label.empty() ? "" : " '" + step.label + "'") + " " + path +
              " handle=" + hex(handle) + " component_size=" + hex(size) +
              (activate ? " +activate" : "");
  constexpr auto set = true;
  auto op = [](MccInstruction i) { return static_cast<uint32_t>(i); };

  uint32_t stage = burn_stage::kNone;
  MccAnswer last;
  uint64_t sent = 0;
  auto refused = [&](uint32_t at, const MccAnswer& a) {
    stage = at;
    last = a;
  };
  last = mcc(op(MccInstruction::kLockUpdateHandle), handle, 0, 0, set);
  if (last.status != 0) refused(op(MccInstruction::kLockUpdateHandle), last);
  if (stage == burn_stage::kNone) {
    last = mcc(op(MccInstruction::kUpdateComponent), handle, size, index, set);
    if (last.status != 0) refused(op(MccInstruction::kUpdateComponent), last);
  }
  if (stage == burn_stage::kNone) {
    unsigned polls = 0;
    while (last.control_state == static_cast<uint32_t>(FsmState::kInitialize) &&
           polls++ < kMaxInitializePolls) {
      last = mcc(op(MccInstruction::kQuery), handle, 0, index, false);
      if (last.status != 0) break;
    }
    if (last.status != 0 || last.control_state != static_cast<uint32_t>(FsmState::kDownload)) {
      refused(burn_stage::kInitialize, last);
    }
  }
  if (stage == burn_stage::kNone) {
    for (uint64_t at = 0; at < bytes.size(); at += chunk) {
      const uint64_t n = std::min<uint64_t>(chunk, bytes.size() - at);
      const uint32_t status = mcda_write(handle, static_cast<uint32_t>(at),
                                         static_cast<uint32_t>(n), bytes.data() + at, n);
      if (status != 0) {
        MccAnswer a = last;
        a.status = status;
        a.error_code = 0;
        refused(burn_stage::kMcda, a);
        break;
      }
      sent += n;
    }
  }
  if (stage == burn_stage::kNone) {
    last = mcc(op(MccInstruction::kVerifyComponent), handle, 0, index, set);
    if (last.status != 0) refused(op(MccInstruction::kVerifyComponent), last);
  }
  if (stage == burn_stage::kNone && activate) {
    last = mcc(op(MccInstruction::kActivate), handle, 0, index, set);
    if (last.status != 0) refused(op(MccInstruction::kActivate), last);
  }
  const MccAnswer outcome = last;
  const bool locked_by_us = stage != op(MccInstruction::kLockUpdateHandle);
  if (!keep && locked_by_us) {
    // As the tool's destructor does: CANCEL unless LOCKED (or IDLE), then RELEASE.
    const MccAnswer now = mcc(op(MccInstruction::kQuery), handle, 0, index, false);
    if (now.control_state != static_cast<uint32_t>(FsmState::kIdle)) {
      if (now.control_state != static_cast<uint32_t>(FsmState::kLocked)) {
        mcc(op(MccInstruction::kCancel), handle, 0, index, set);
      }
      mcc(op(MccInstruction::kReleaseUpdateHandle), handle, 0, index, set);
    }
  }
  add(r, "stage", stage, NameTable::kBurnStage);
  add(r, "status", outcome.status, NameTable::kRegisterStatus);
  add(r, "error_code", outcome.error_code, NameTable::kMccError);
  add(r, "control_state", outcome.control_state, NameTable::kFsmState);
  add(r, "bytes", sent);
  return r;
}

}  // namespace secnic::hostdrv
