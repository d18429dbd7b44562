// Names for the numbers of the update protocol, so that scripts and their output read like the
// PRM: register status (operation TLV), MCC instruction, control_state and error_code, ICMD
// status, VSEC address space. Every table maps both ways; an unknown number prints as hex.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace secnic::hostdrv {

enum class NameTable {
  kRegisterStatus,  // OK, BAD_PARAM, ...
  kMccInstruction,  // QUERY, LOCK_UPDATE_HANDLE, ...
  kFsmState,        // IDLE, LOCKED, ...
  kMccError,        // OK, ERROR, REJECTED_DIGEST_ERR, ...
  kIcmdStatus,      // OK, INVALID_OPCODE, ...
  kSpace,           // icmd_ext, cr_space, icmd, semaphore
  kBurnStage,       // where a scripted burn was refused: NONE, LOCK_UPDATE_HANDLE, ..., MCDA
  kVsecRegister,    // cap_header, ctrl, counter, semaphore, address, data (offsets in the VSEC)
};

// The stages of a scripted burn (NameTable::kBurnStage): the MCC instructions it sends, plus the
// MCDA download and the wait for INITIALIZE to end.
namespace burn_stage {
inline constexpr uint32_t kNone = 0xff;
inline constexpr uint32_t kInitialize = 0x100;
inline constexpr uint32_t kMcda = 0x101;
}  // namespace burn_stage

// "BAD_PARAM" -> 7 (case-insensitive); nullopt when the table has no such name.
std::optional<uint32_t> value_of(NameTable table, const std::string& name);
// 7 -> "BAD_PARAM"; "0x2a" when the table has no name for it.
std::string name_of(NameTable table, uint32_t value);
// "7 BAD_PARAM", or just "0x2a" when the value has no name.
std::string describe(NameTable table, uint32_t value);

std::string hex(uint64_t value);

}  // namespace secnic::hostdrv
