// MCC and MCDA forwarded to the UpdateController (a recording test double), MVTS answered
// "not supported" (status 7, which burn accepts).
#include <gtest/gtest.h>

#include <numeric>
#include <stdexcept>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "regs_test_support.h"

namespace secnic::fw::testing {
namespace {

using layout::load_be32;
namespace mcc = layout::mcc;
namespace mcda = layout::mcda;

uint32_t be32(const std::vector<uint8_t>& body, size_t offset) { return load_be32(&body[offset]); }

// MCC SET as the tool sends it: instruction, component_index, update_handle, component_size (device
// 0).
std::vector<uint8_t> mcc_set(MccInstruction instruction, uint32_t handle, uint32_t size = 0,
                             uint32_t component = 0) {
  std::vector<uint8_t> body(mcc::kSize, 0);
  layout::store_be32(&body[0x00], static_cast<uint32_t>(instruction));
  layout::store_be32(&body[0x04], component);
  layout::store_be32(&body[0x08], handle);
  layout::store_be32(&body[0x10], size);
  return body;
}

TEST(ComponentUpdateRegisters, MccSetIsForwardedFieldByField) {
  RegsFixtureCard card;
  card.update.mcc_reply.control_state = FsmState::kInitialize;
  card.update.mcc_reply.update_handle = 0x123456;
  card.update.mcc_reply.control_progress = 42;
  std::vector<uint8_t> request = mcc_set(MccInstruction::kUpdateComponent, 0x123456, 0x7100);
  layout::store_be32(&request[0x14], (5u << 16) | 0);  // device_index 5, device_type 0
  const Response r = card.set(mcc::kId, request);
  ASSERT_EQ(r.status, RegStatus::kOk);
  ASSERT_EQ(card.update.mcc_calls.size(), 1u);
  const MccCommand& cmd = card.update.mcc_calls[0];
  EXPECT_TRUE(cmd.is_set);
  EXPECT_EQ(cmd.instruction, MccInstruction::kUpdateComponent);
  EXPECT_EQ(cmd.update_handle, 0x123456u);
  EXPECT_EQ(cmd.component_size, 0x7100u);
  EXPECT_EQ(cmd.component_index, 0u);
  EXPECT_EQ(cmd.device_index, 5u);
  EXPECT_EQ(be32(r.body, 0x0C) & 0xf, 2u);            // control_state INITIALIZE
  EXPECT_EQ((be32(r.body, 0x0C) >> 16) & 0x7f, 42u);  // control_progress
  EXPECT_EQ(be32(r.body, 0x00) & 0xff, 3u);           // instruction echoed
  EXPECT_EQ(be32(r.body, 0x10), 0x7100u);             // component_size echoed
}

TEST(ComponentUpdateRegisters, MccRejectionCarriesErrorCodeAndIsResentIdentically) {
  RegsFixtureCard card;
  card.update.mcc_reply.status = RegStatus::kBadParam;
  card.update.mcc_reply.error_code = MccError::kRejectedUnsigned;
  card.update.mcc_reply.control_state = FsmState::kLocked;
  card.update.mcc_reply.update_handle =
      0xabcdef;  // another owner's handle must not leak into the body
  const std::vector<uint8_t> request = mcc_set(MccInstruction::kVerifyComponent, 0x123456);
  const Response first = card.set(mcc::kId, request);
  EXPECT_EQ(first.status, RegStatus::kBadParam);
  EXPECT_EQ((be32(first.body, 0x0C) >> 8) & 0xff,
            0x6u);                              // error_code: "The component is not signed"
  EXPECT_EQ(be32(first.body, 0x0C) & 0xf, 1u);  // control_state LOCKED
  EXPECT_EQ(be32(first.body, 0x08) & 0xffffff, 0x123456u);
  // The tool re-sends its struct as it came back: the FSM sees the same command again.
  const Response second = card.set(mcc::kId, first.body);
  EXPECT_EQ(second.mailbox, first.mailbox);
  ASSERT_EQ(card.update.mcc_calls.size(), 2u);
  EXPECT_EQ(card.update.mcc_calls[1].update_handle, card.update.mcc_calls[0].update_handle);
  EXPECT_EQ(card.update.mcc_calls[1].instruction, card.update.mcc_calls[0].instruction);
}

TEST(ComponentUpdateRegisters, MccUnknownInstructionIsRejectedBeforeTheFsm) {
  RegsFixtureCard card;
  const Response r = card.set(mcc::kId, mcc_set(static_cast<MccInstruction>(0xC), 0x123456));
  EXPECT_EQ(r.status, RegStatus::kBadParam);
  EXPECT_TRUE(card.update.mcc_calls.empty());
}

TEST(ComponentUpdateRegisters, MccGetIsAQueryWhateverTheInstructionField) {
  RegsFixtureCard card;
  card.get(mcc::kId, mcc_set(MccInstruction::kActivate, 0));
  ASSERT_EQ(card.update.mcc_calls.size(), 1u);
  EXPECT_FALSE(card.update.mcc_calls[0].is_set);
  EXPECT_EQ(card.update.mcc_calls[0].instruction, MccInstruction::kQuery);
}

// An image chunk packed as the tool packs MCDA data: each 4-byte group reversed.
std::vector<uint8_t> mcda_body(uint32_t handle, uint32_t offset,
                               const std::vector<uint8_t>& chunk) {
  std::vector<uint8_t> body(mcda::kSize, 0);
  layout::store_be32(&body[0x0], handle);
  layout::store_be32(&body[0x4], offset);
  layout::store_be32(&body[0x8], static_cast<uint32_t>(chunk.size()));
  for (size_t k = 0; k * 4 < chunk.size(); ++k) {
    for (size_t j = 0; j < 4 && 4 * k + j < chunk.size(); ++j)
      body[0x10 + 4 * k + 3 - j] = chunk[4 * k + j];
  }
  return body;
}

TEST(ComponentUpdateRegisters, McdaSetUndoesThePerDwordSwap) {
  RegsFixtureCard card;
  std::vector<uint8_t> chunk(128);
  std::iota(chunk.begin(), chunk.end(), uint8_t{0x40});
  const std::vector<uint8_t> body = mcda_body(0x123456, 0x80, chunk);
  // Register bytes 0x10..0x13 hold image bytes 3, 2, 1, 0.
  EXPECT_EQ(body[0x10], 0x43);
  EXPECT_EQ(body[0x13], 0x40);
  const Response r = card.set(mcda::kId, body);
  ASSERT_EQ(r.status, RegStatus::kOk);
  ASSERT_EQ(card.update.writes.size(), 1u);
  EXPECT_EQ(card.update.writes[0].update_handle, 0x123456u);
  EXPECT_EQ(card.update.writes[0].offset, 0x80u);
  EXPECT_EQ(card.update.writes[0].data, chunk);
}

TEST(ComponentUpdateRegisters, McdaLastShortChunkPassesExactlyItsBytes) {
  RegsFixtureCard card;
  const std::vector<uint8_t> chunk{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  ASSERT_EQ(card.set(mcda::kId, mcda_body(7, 0x7080, chunk)).status, RegStatus::kOk);
  EXPECT_EQ(card.update.writes.at(0).data, chunk);
}

TEST(ComponentUpdateRegisters, McdaStatusFromTheControllerReachesTheHost) {
  RegsFixtureCard card;
  card.update.mcda_status = RegStatus::kBadParam;
  EXPECT_EQ(card.set(mcda::kId, mcda_body(7, 0, {1, 2, 3, 4})).status, RegStatus::kBadParam);
}

TEST(ComponentUpdateRegisters, McdaSizeBeyondTheDataFieldIsRejected) {
  RegsFixtureCard card;
  std::vector<uint8_t> body = mcda_body(7, 0, {});
  layout::store_be32(&body[0x8], 0x84);
  EXPECT_EQ(card.set(mcda::kId, body).status, RegStatus::kBadParam);
  EXPECT_EQ(card.get(mcda::kId, body).status, RegStatus::kBadParam);
  layout::store_be32(&body[0x8], 0xffff);
  EXPECT_EQ(card.set(mcda::kId, body).status, RegStatus::kBadParam);
  EXPECT_TRUE(card.update.writes.empty());
  EXPECT_TRUE(card.update.reads.empty());
}

TEST(ComponentUpdateRegisters, McdaGetServesImageBytesSwappedPerDword) {
  RegsFixtureCard card;
  card.update.image.resize(0x200);
  std::iota(card.update.image.begin(), card.update.image.end(), uint8_t{0});
  std::vector<uint8_t> request = mcda_body(0x123456, 0x100, {});
  layout::store_be32(&request[0x8], 128);
  const Response r = card.get(mcda::kId, request);
  ASSERT_EQ(r.status, RegStatus::kOk);
  ASSERT_EQ(card.update.reads.size(), 1u);
  EXPECT_EQ(card.update.reads[0].offset, 0x100u);
  EXPECT_EQ(card.update.reads[0].size, 128u);
  for (size_t k = 0; k < 32; ++k) {
    for (size_t j = 0; j < 4; ++j) {
      EXPECT_EQ(r.body[0x10 + 4 * k + 3 - j], card.update.image[0x100 + 4 * k + j])
          << k << "," << j;
    }
  }
}

TEST(ComponentUpdateRegisters, McdaGetOfAWrongLengthFromTheControllerIsASimulatorBug) {
  RegsFixtureCard card;
  card.update.image.resize(64);
  card.update.short_read = true;
  std::vector<uint8_t> request = mcda_body(1, 0, {});
  layout::store_be32(&request[0x8], 16);
  EXPECT_THROW(card.get(mcda::kId, request), std::logic_error);
}

TEST(ComponentUpdateRegisters, MvtsIsNotSupportedWithStatus7AndNotAdvertised) {
  RegsFixtureCard card;
  std::vector<uint8_t> request(layout::mvts::kSize, 0);
  const Response running0 = card.get(layout::mvts::kId, request);
  EXPECT_EQ(static_cast<uint32_t>(running0.status), 7u);
  const Response again = card.get(layout::mvts::kId, running0.body);  // re-sent (20 bytes <= 44)
  EXPECT_EQ(again.mailbox, running0.mailbox);
  layout::store_be32(&request[0], 1u << 30);  // running_flag
  EXPECT_EQ(static_cast<uint32_t>(card.get(layout::mvts::kId, request).status), 7u);
  EXPECT_EQ(static_cast<uint32_t>(card.set(layout::mvts::kId, request).status), 7u);
  std::vector<uint8_t> mcam(layout::mcam::kSize, 0);
  EXPECT_EQ(card.get(layout::mcam::kId, mcam).body[0x12] & 0x10, 0);
}

}  // namespace
}  // namespace secnic::fw::testing
