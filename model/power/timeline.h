// The timeline of a host action as the card lived it: every flash program/erase operation, every
// change of the update FSM's state, every component the verifier accepted. Recorded by the
// PowerController of the uncut run; the campaign report draws it and VCD traces are made from it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/update/update_controller.h"
#include "model/flash/spi_nor_flash.h"

namespace secnic::power {

struct TimelineEvent {
  enum class Kind { kStart, kFlashOperation, kFsmState, kVerified, kEnd };
  Kind kind = Kind::kEnd;
  uint64_t time_ps = 0;  // card time
  // kFlashOperation
  uint64_t op_index = 0;
  model::FlashOperationKind op_kind = model::FlashOperationKind::kPageProgram;
  uint32_t address = 0;
  uint32_t length = 0;
  uint64_t duration_ps = 0;
  // kFlashOperation (the state it ran in) and kFsmState (the state entered)
  fw::FsmState state = fw::FsmState::kIdle;
  // kStart: the card time the action's times count from; kEnd: host accesses the action made
  uint64_t accesses = 0;
};

std::string to_json_line(const TimelineEvent& event);
std::optional<TimelineEvent> timeline_event_from_json(const std::string& line);
// Reads a timeline file; throws std::runtime_error naming the file and line on a bad record.
std::vector<TimelineEvent> read_timeline(const std::string& path);

}  // namespace secnic::power
