// A point at which a power-fail campaign cuts the card's power, and its replayable id.
//
// Ids are short, stable and say what they cut:
//   op812-before       before flash program/erase operation #812 of the host action (not applied)
//   op812-after        right after it completed
//   op812-torn-s3      in the middle of it, torn as the flash model tears with seed 3
//   state-VERIFY-1     when the update FSM enters VERIFY for the 1st time
//   t1500000us         at card time 1.5 s after the host action's first access
//   end                after the host action finished (a plain power cycle)
// Operations are numbered from 0 in the order the card starts them during the host action.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "firmware_model/update/update_controller.h"
#include "model/flash/spi_nor_flash.h"

namespace secnic::power {

enum class CutTrigger { kFlashOperation, kFsmState, kTime, kEnd };

struct CutPoint {
  CutTrigger trigger = CutTrigger::kEnd;
  uint64_t op_index = 0;                            // kFlashOperation
  model::CutMode mode = model::CutMode::kBeforeOp;  // kFlashOperation
  uint64_t seed = 0;                                // kFlashOperation + kTornOp
  fw::FsmState state = fw::FsmState::kIdle;         // kFsmState
  uint32_t occurrence = 1;                          // kFsmState: 1 = first entry
  uint64_t time_us = 0;                             // kTime: since the action's first access
  bool dump_card = false;  // save the card after the boot (a retried update runs on it)

  std::string id() const;
  bool operator==(const CutPoint& other) const { return id() == other.id(); }
};

// Parses an id made by CutPoint::id(); nullopt when it is not one.
std::optional<CutPoint> parse_cut_point_id(const std::string& id);

// "IDLE", "VERIFY", ... (the names the ids use) and back.
const char* fsm_state_name(fw::FsmState state);
std::optional<fw::FsmState> parse_fsm_state_name(const std::string& name);

}  // namespace secnic::power
