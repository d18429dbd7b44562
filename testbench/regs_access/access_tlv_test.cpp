// The ICMD / access-register TLV protocol: wire format, ICMD opcodes, and every malformed or
// unsupported request answered with the protocol's own status, idempotently (the tool re-sends
// failed small registers).
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include <random>
#include <string>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "regs_test_support.h"

namespace secnic::fw::testing {
namespace {

namespace tlv = layout::access_tlv;
using layout::load_be32;
using model::IcmdStatus;

// Operation TLV + reg TLV as mstflint packs them for an MCAM GET (device_contract.md §4.4).
std::vector<uint8_t> raw_mcam_get() {
  std::vector<uint8_t> mailbox(kMailboxSize, 0);
  layout::store_be32(&mailbox[0x00], 0x08040000);  // Type=1 len=4
  layout::store_be32(&mailbox[0x04], 0x907f0101);  // MCAM, GET, class 1
  layout::store_be32(&mailbox[0x10], 0x18130000);  // Type=3 len=19 dwords
  return mailbox;
}

uint32_t op_status(const std::vector<uint8_t>& mailbox) {
  return (load_be32(&mailbox[0]) >> 8) & 0x7f;
}

TEST(AccessTlv, RequestBuilderMatchesTheToolsBytes) {
  const std::vector<uint8_t> built =
      build_access_register_request(layout::mcam::kId, AccessMethod::kGet,
                                    std::vector<uint8_t>(layout::mcam::kSize, 0), kMailboxSize);
  EXPECT_EQ(built, raw_mcam_get());
}

TEST(AccessTlv, RawToolRequestIsAnsweredWithStatusInTheOperationTlv) {
  RegsFixtureCard card;
  std::vector<uint8_t> mailbox = raw_mcam_get();
  EXPECT_EQ(card.run(mailbox), IcmdStatus::kOk);
  EXPECT_EQ(op_status(mailbox), 0u);
  EXPECT_EQ(load_be32(&mailbox[0]) & ~0x7f00u, 0x08040000u);  // type and len kept
  EXPECT_EQ(load_be32(&mailbox[4]) >> 16, 0x907fu);           // register id kept
  EXPECT_EQ(load_be32(&mailbox[4]) & 0x8000u, 0x8000u);       // response bit
  EXPECT_EQ(mailbox[0x14 + 0x0B], 0x1f);                      // MCAM body answered
}

TEST(AccessTlv, UnknownOpcodeIsInvalidOpcodeAndLeavesTheMailbox) {
  RegsFixtureCard card;
  std::vector<uint8_t> mailbox = raw_mcam_get();
  const std::vector<uint8_t> before = mailbox;
  EXPECT_EQ(card.run(mailbox, 0x1234), IcmdStatus::kInvalidOpcode);
  EXPECT_EQ(mailbox, before);
}

TEST(AccessTlv, QueryCapReportsWhatMstregRequires) {
  RegsFixtureCard card;
  std::vector<uint8_t> mailbox(kMailboxSize, 0xee);
  EXPECT_EQ(card.run(mailbox, layout::icmd_opcode::kQueryCap), IcmdStatus::kOk);
  EXPECT_EQ(load_be32(&mailbox[0]),
            0xa4000000u);  // nv_access | allow_icmd_access_reg... | mcam_reg
  EXPECT_EQ(load_be32(&mailbox[4]), 0u);
  EXPECT_EQ(layout::get(mailbox, layout::icmd_query_cap::allow_icmd_access_reg_on_all_registers),
            1u);
}

TEST(AccessTlv, MailboxTooSmallForTheCommandIsBadParam) {
  RegsFixtureCard card;
  std::vector<uint8_t> tiny(8, 0);
  EXPECT_EQ(card.dispatch.execute(0x9001, tiny.data(), tiny.size()), IcmdStatus::kBadParam);
  std::vector<uint8_t> tinier(4, 0);
  EXPECT_EQ(card.dispatch.execute(0x8400, tinier.data(), tinier.size()), IcmdStatus::kBadParam);
}

struct Rejection {
  const char* name;
  void (*corrupt)(std::vector<uint8_t>& mailbox);
  RegStatus expected;
};

const Rejection kRejections[] = {
    {"first TLV not an operation TLV", [](auto& m) { layout::set(m, tlv::op_type, 2); },
     RegStatus::kUnknownTlv},
    {"operation TLV length", [](auto& m) { layout::set(m, tlv::op_len, 5); }, RegStatus::kBadParam},
    {"class 0xA", [](auto& m) { layout::set(m, tlv::op_class, 0xA); },
     RegStatus::kClassNotSupported},
    {"reg TLV type", [](auto& m) { layout::set(m, tlv::reg_type, 4); }, RegStatus::kUnknownTlv},
    {"reg TLV longer than the mailbox",
     [](auto& m) { layout::set(m, tlv::reg_len, kMailboxSize / 4); }, RegStatus::kBadParam},
    {"reg TLV length at its 11-bit maximum", [](auto& m) { layout::set(m, tlv::reg_len, 0x7ff); },
     RegStatus::kBadParam},
    {"reg TLV shorter than its header", [](auto& m) { layout::set(m, tlv::reg_len, 0); },
     RegStatus::kBadParam},
    {"body shorter than MCAM", [](auto& m) { layout::set(m, tlv::reg_len, 0x10); },
     kRegStatusLenTooSmall},
    {"body longer than MCAM", [](auto& m) { layout::set(m, tlv::reg_len, 0x20); },
     RegStatus::kBadParam},
    {"method 3", [](auto& m) { layout::set(m, tlv::op_method, 3); },
     RegStatus::kMethodNotSupported},
    {"method 0", [](auto& m) { layout::set(m, tlv::op_method, 0); },
     RegStatus::kMethodNotSupported},
    {"SET of the read-only MCAM", [](auto& m) { layout::set(m, tlv::op_method, tlv::kMethodSet); },
     RegStatus::kMethodNotSupported},
    {"unknown register 0x1234", [](auto& m) { layout::set(m, tlv::op_register_id, 0x1234); },
     RegStatus::kRegNotSupported},
    {"MFPA on a secure card",
     [](auto& m) { layout::set(m, tlv::op_register_id, layout::unsupported_register::kMfpa); },
     RegStatus::kRegNotSupported},
    {"MFBA on a secure card",
     [](auto& m) { layout::set(m, tlv::op_register_id, layout::unsupported_register::kMfba); },
     RegStatus::kRegNotSupported},
    {"MFBE on a secure card",
     [](auto& m) { layout::set(m, tlv::op_register_id, layout::unsupported_register::kMfbe); },
     RegStatus::kRegNotSupported},
    {"MFSV (not advertised)",
     [](auto& m) { layout::set(m, tlv::op_register_id, layout::unsupported_register::kMfsv); },
     RegStatus::kRegNotSupported},
    {"MCDD (DMA path)",
     [](auto& m) { layout::set(m, tlv::op_register_id, layout::unsupported_register::kMcdd); },
     RegStatus::kRegNotSupported},
};

TEST(AccessTlv, MalformedOrUnsupportedRequestsGetTheProtocolStatusIdempotently) {
  RegsFixtureCard card;
  for (const Rejection& r : kRejections) {
    SCOPED_TRACE(r.name);
    std::vector<uint8_t> request = raw_mcam_get();
    for (size_t i = 0x14; i < 0x14 + layout::mcam::kSize; ++i) request[i] = static_cast<uint8_t>(i);
    r.corrupt(request);
    std::vector<uint8_t> first = request;
    EXPECT_EQ(card.run(first), IcmdStatus::kOk);
    EXPECT_EQ(static_cast<RegStatus>(op_status(first)), r.expected);
    // Nothing but the status and the response bit changed.
    std::vector<uint8_t> expected = request;
    layout::set(expected, tlv::op_status, static_cast<uint32_t>(r.expected));
    layout::set(expected, tlv::op_r, 1);
    EXPECT_EQ(first, expected);
    // The tool's second send (a fresh operation TLV, the body it got back) gets the same answer.
    std::vector<uint8_t> second = request;
    EXPECT_EQ(card.run(second), IcmdStatus::kOk);
    EXPECT_EQ(second, first);
  }
}

TEST(AccessTlv, EveryMailboxPrefixIsAnsweredWithoutReadingPastIt) {
  // A mailbox cut anywhere is rejected by a status, never by a crash (ASan build checks the reads).
  RegsFixtureCard card;
  const std::vector<uint8_t> request = raw_mcam_get();
  for (size_t size = 0; size <= 0x14 + layout::mcam::kSize; ++size) {
    std::vector<uint8_t> cut(request.begin(), request.begin() + size);
    const IcmdStatus icmd = card.dispatch.execute(0x9001, cut.data(), cut.size());
    if (size < tlv::kRegisterBodyOffset) {
      EXPECT_EQ(icmd, IcmdStatus::kBadParam) << size;
    } else {
      EXPECT_EQ(icmd, IcmdStatus::kOk) << size;
      const auto status = static_cast<RegStatus>(op_status(cut));
      EXPECT_EQ(status, size < 0x14 + layout::mcam::kSize ? RegStatus::kBadParam : RegStatus::kOk)
          << size;
    }
  }
}

TEST(AccessTlv, RandomRequestsToEveryRegisterAreAnsweredWithAStatus) {
  // Host-controlled bytes everywhere: the method, the reg TLV length and the whole body are random,
  // aimed at the declared registers and their neighbours. Every answer is a status; nothing throws
  // (the Sanitize build also checks every read and write stays inside the mailbox).
  RegsFixtureCard card;
  card.update.image.assign(0x1000, 0x5a);
  std::vector<uint16_t> ids;
  for (const auto& [id, reg] : card.dispatch.registers().registers()) {
    ids.push_back(id);
    ids.push_back(static_cast<uint16_t>(id + 1));
  }
  std::mt19937 rng(20251124);
  size_t answered_ok = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<uint8_t> mailbox(kMailboxSize);
    for (auto& b : mailbox) b = static_cast<uint8_t>(rng());
    layout::set(mailbox, tlv::op_type, rng() % 8 == 0 ? rng() : tlv::kTypeOperation);
    layout::set(mailbox, tlv::op_len, rng() % 8 == 0 ? rng() : tlv::kOperationTlvDwords);
    layout::set(mailbox, tlv::op_class, rng() % 8 == 0 ? rng() : tlv::kClassRegisterAccess);
    layout::set(mailbox, tlv::op_register_id, ids[rng() % ids.size()]);
    layout::set(mailbox, tlv::op_method, rng() % 8 == 0 ? rng() : 1 + rng() % 2);
    layout::set(mailbox, tlv::reg_type, rng() % 8 == 0 ? rng() : tlv::kTypeRegister);
    const AccessRegister* reg = card.dispatch.registers().find(
        static_cast<uint16_t>(layout::get(mailbox, tlv::op_register_id)));
    const uint32_t size = reg && rng() % 4 != 0
                              ? reg->min_size() + rng() % (reg->max_size() - reg->min_size() + 1)
                              : rng() % 0x400;
    layout::set(mailbox, tlv::reg_len, (size + tlv::kRegTlvHeaderSize) / 4);
    ASSERT_NO_THROW({ EXPECT_EQ(card.run(mailbox), IcmdStatus::kOk); }) << "round " << round;
    if (op_status(mailbox) == 0) ++answered_ok;
  }
  EXPECT_GT(answered_ok, 300u);  // the generator reaches the handlers, not only the TLV checks
}

TEST(AccessTlv, GuestErrorsAreLoggedAsWarnings) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(16);
  auto logger = std::make_shared<spdlog::logger>(kFirmwareLoggerName, sink);
  logger->set_level(spdlog::level::debug);
  spdlog::register_logger(logger);
  RegsFixtureCard card;
  std::vector<uint8_t> mailbox = raw_mcam_get();
  layout::set(mailbox, tlv::reg_len, 0x7ff);
  card.run(mailbox);
  spdlog::drop(kFirmwareLoggerName);
  const std::vector<std::string> lines = sink->last_formatted();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("warning"), std::string::npos) << lines.back();
  EXPECT_NE(lines.back().find("does not fit"), std::string::npos) << lines.back();
}

}  // namespace
}  // namespace secnic::fw::testing
