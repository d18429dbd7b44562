// secnic-hostdrv without a card: script parsing and checking (every mistake is a precise
// ScriptError naming the line), access-register request building with overridden TLV fields, and
// the protocol name tables.
#include <gtest/gtest.h>

#include "firmware_model/layout/register_layouts.h"
#include "tools/hostdrv/access_register_request.h"
#include "tools/hostdrv/config_space_file.h"
#include "tools/hostdrv/host_script.h"
#include "tools/hostdrv/protocol_names.h"

namespace secnic::hostdrv {
namespace {

namespace L = secnic::layout;

std::string script_error(const std::string& text) {
  try {
    parse_host_script(text, "s.yaml");
  } catch (const ScriptError& e) {
    return e.what();
  }
  return "";
}

TEST(HostScript, ParsesStepsExpectationsAndVariables) {
  const HostScript s = parse_host_script(R"(
device: 03:00.0
steps:
  - mcc: {instruction: QUERY}
    save: {h: update_handle}
  - name: lock with the offered handle
    mcc: {instruction: LOCK_UPDATE_HANDLE, handle: $h}
    expect: {status: OK, control_state: LOCKED}
  - semaphore: take
  - register: {name: MCC, method: set, fields: {instruction: 2, update_handle: $h}}
    expect: {status: BAD_PARAM, control_state: IDLE}
)",
                                         "s.yaml");
  EXPECT_EQ(s.device, "03:00.0");
  ASSERT_EQ(s.steps.size(), 4u);
  EXPECT_EQ(s.steps[0].kind, "mcc");
  ASSERT_EQ(s.steps[0].save.size(), 1u);
  EXPECT_EQ(s.steps[0].save[0].first, "h");
  EXPECT_EQ(s.steps[1].label, "lock with the offered handle");
  EXPECT_EQ(s.steps[1].line, 6);
  EXPECT_EQ(s.steps[1].expect.size(), 2u);
  EXPECT_EQ(s.steps[2].kind, "semaphore");
  const std::vector<std::pair<std::string, uint64_t>> vars = {{"h", 0x123456}};
  EXPECT_EQ(resolve_number(s.steps[1].args["handle"], std::nullopt, vars, s.steps[1], "handle"),
            0x123456u);
  EXPECT_EQ(resolve_number(s.steps[1].expect[1].second, NameTable::kFsmState, vars, s.steps[1],
                           "control_state"),
            1u);
}

TEST(HostScript, RefusesMistakesWithTheirLine) {
  EXPECT_NE(script_error("steps:\n  - mcc: {instruction: LOCK, handle: 1}\n")
                .find("s.yaml:2: step 1 (mcc) instruction: 'LOCK' is not a number, a known name"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - mcc: {instruction: QUERY, handel: 1}\n")
                .find("unknown argument 'handel'"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - jump: {}\n").find("unknown key 'jump'"), std::string::npos);
  EXPECT_NE(script_error("steps:\n  - mcc: {instruction: QUERY, handle: $nope}\n")
                .find("$nope is not saved by an earlier step"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - mcc: {instruction: QUERY}\n    expect: {colour: 1}\n")
                .find("cannot expect 'colour'"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - register: {name: MCC, fields: {nope: 1}}\n")
                .find("MCC has no field 'nope'"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - register: {name: XYZ}\n").find("unknown register 'XYZ'"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - register: {id: 0x9999}\n").find("give `size`"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - semaphore: grab\n").find("`take` or `release`"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - icmd: {opcode: 1, request: \"0g\"}\n")
                .find("'g' is not a hex digit"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - mcda_write: {offset: 0, fill: 1, file: x}\n")
                .find("`file` or `fill`"),
            std::string::npos);
  EXPECT_NE(script_error("steps: []\n").find("non-empty list"), std::string::npos);
  EXPECT_NE(script_error("steps:\n  - mcc: {instruction: QUERY, handle: 0x100000000}\n")
                .find("does not fit 32 bits"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - config_read: {offset: 0, size: 3}\n").find("1, 2 or 4"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - icmd: {opcode: 1, response_size: 0x100000}\n")
                .find("response_size is at most 0x1000"),
            std::string::npos);
  EXPECT_NE(script_error("steps:\n  - mcc: {instruction: QUERY}\n    mcda_read: {offset: 0}\n")
                .find("two kinds"),
            std::string::npos);
  EXPECT_NE(script_error("steps: [\n").find("not YAML"), std::string::npos);
}

TEST(HostScript, EveryKindDeclaresWhatItObserves) {
  EXPECT_FALSE(observations_of("mcc").empty());
  EXPECT_FALSE(observations_of("burn").empty());
  EXPECT_TRUE(observations_of("config_write").empty());
  EXPECT_TRUE(observations_of("no_such_kind").empty());
}

TEST(AccessRegisterRequest, BuildsWhatTheToolsBuild) {
  AccessRegisterRequest r;
  r.register_id = L::mcam::kId;
  r.body.assign(L::mcam::kSize, 0);
  const std::vector<uint8_t> m = build_mailbox(r);
  ASSERT_EQ(m.size(), L::access_tlv::kRegisterBodyOffset + L::mcam::kSize);
  // The operation TLV and reg TLV headers mstflint sends for an MCAM GET.
  EXPECT_EQ(L::load_be32(m.data()), 0x08040000u);
  EXPECT_EQ(L::load_be32(m.data() + 4), 0x907f0101u);
  EXPECT_EQ(L::load_be32(m.data() + 0x10), 0x18130000u);
}

TEST(AccessRegisterRequest, EveryHeaderFieldCanLie) {
  AccessRegisterRequest r;
  r.register_id = 0x9999;
  r.method = 0x7f;
  r.reg_class = 2;
  r.body = {1, 2, 3};  // padded to a dword
  r.operation_tlv_type = 4;
  r.operation_tlv_len = 5;
  r.register_tlv_type = 2;
  r.register_tlv_len = 0x7ff;
  const std::vector<uint8_t> m = build_mailbox(r);
  ASSERT_EQ(m.size(), L::access_tlv::kRegisterBodyOffset + 4);
  EXPECT_EQ(L::get(m, L::access_tlv::op_type), 4u);
  EXPECT_EQ(L::get(m, L::access_tlv::op_len), 5u);
  EXPECT_EQ(L::get(m, L::access_tlv::op_register_id), 0x9999u);
  EXPECT_EQ(L::get(m, L::access_tlv::op_method), 0x7fu);
  EXPECT_EQ(L::get(m, L::access_tlv::op_class), 2u);
  EXPECT_EQ(L::get(m, L::access_tlv::reg_type), 2u);
  EXPECT_EQ(L::get(m, L::access_tlv::reg_len), 0x7ffu);
  EXPECT_EQ(m[L::access_tlv::kRegisterBodyOffset + 2], 3);
  EXPECT_EQ(m[L::access_tlv::kRegisterBodyOffset + 3], 0);
}

TEST(AccessRegisterRequest, ParsesStatusAndBodyOfAnyLength) {
  std::vector<uint8_t> m(L::access_tlv::kRegisterBodyOffset + 8, 0);
  L::set(m, L::access_tlv::op_status, 0x24);
  L::set(m, L::access_tlv::op_r, 1);
  m[L::access_tlv::kRegisterBodyOffset] = 0xab;
  const AccessRegisterResponse r = parse_mailbox(m, 0x20);
  EXPECT_EQ(r.status, 0x24u);
  EXPECT_TRUE(r.response_bit);
  EXPECT_EQ(r.body.size(), 8u);  // what there is, never more
  EXPECT_EQ(r.body[0], 0xab);
  EXPECT_TRUE(parse_mailbox({1, 2, 3}, 4).body.empty());
}

TEST(ProtocolNames, MapBothWays) {
  EXPECT_EQ(value_of(NameTable::kRegisterStatus, "bad_param"), 7u);
  EXPECT_EQ(value_of(NameTable::kRegisterStatus, "LEN_TOO_SMALL"), 0x24u);
  EXPECT_EQ(value_of(NameTable::kMccError, "REJECTED_FORBIDDEN_VERSION"), 0xfu);
  EXPECT_EQ(value_of(NameTable::kSpace, "cr_space"), 2u);
  EXPECT_EQ(value_of(NameTable::kBurnStage, "MCDA"), burn_stage::kMcda);
  EXPECT_FALSE(value_of(NameTable::kFsmState, "SLEEPING"));
  EXPECT_EQ(name_of(NameTable::kFsmState, 3), "DOWNLOAD");
  EXPECT_EQ(name_of(NameTable::kFsmState, 0x2a), "0x2a");
  EXPECT_EQ(describe(NameTable::kIcmdStatus, 1), "0x1 INVALID_OPCODE");
}

TEST(ConfigSpaceFile, AcceptsOnlyPciAddresses) {
  EXPECT_EQ(canonical_pci_address("03:00.0"), "0000:03:00.0");
  EXPECT_EQ(canonical_pci_address("0000:5C:1f.7"), "0000:5c:1f.7");
  EXPECT_EQ(canonical_pci_address("03:00.8"), "");
  EXPECT_EQ(canonical_pci_address("../../etc"), "");
  EXPECT_EQ(canonical_pci_address(""), "");
}

}  // namespace
}  // namespace secnic::hostdrv
