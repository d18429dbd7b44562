// What a host sees of a ConnectX-4 Lx through PCI config space, written from the host's side of the
// contract (../shared/reference/device_contract.md §2-§4): the Mellanox vendor-specific capability
// (the VSEC gateway into the device's address spaces), the ICMD interface in space 3 and the
// semaphore space 0xa. secnic-hostdrv drives the card with these and nothing else, exactly as a
// host tool does.
#pragma once

#include <cstdint>

namespace secnic::hostdrv {

namespace pci {
inline constexpr uint32_t kCapabilityPointer = 0x34;
inline constexpr uint32_t kFirstCapabilityOffset = 0x40;  // offsets below end the walk
inline constexpr uint32_t kLastCapabilityOffset = 0xff;
inline constexpr uint8_t kVendorSpecificCapabilityId = 0x09;
inline constexpr uint32_t kConfigSpaceSize = 0x1000;
}  // namespace pci

// Registers of the vendor-specific capability, as offsets from its base.
namespace vsec {
inline constexpr uint32_t kCapHeader = 0x00;
inline constexpr uint32_t kCtrl = 0x04;       // [15:0] space, [31:29] status (nonzero: supported)
inline constexpr uint32_t kCounter = 0x08;    // a fresh nonzero ticket per read
inline constexpr uint32_t kSemaphore = 0x0c;  // 0 free; write the ticket to take, 0 to release
inline constexpr uint32_t kAddress = 0x10;    // [29:0] address, [30] syndrome, [31] FLAG
inline constexpr uint32_t kData = 0x14;
inline constexpr uint32_t kSize = 0x18;

inline constexpr uint32_t kSpaceMask = 0xffff;
inline constexpr uint32_t kStatusShift = 29;
inline constexpr uint32_t kAddressMask = 0x3fffffff;
inline constexpr uint32_t kSyndromeBit = 1u << 30;
inline constexpr uint32_t kFlagBit = 1u << 31;
// The tool's budgets: 2048 semaphore tries, 2048 FLAG polls.
inline constexpr unsigned kMaxSemaphoreTries = 2048;
inline constexpr unsigned kMaxFlagPolls = 2048;
}  // namespace vsec

// Address spaces selected in CTRL[15:0].
namespace space {
inline constexpr uint16_t kIcmdExt = 0x1;
inline constexpr uint16_t kCrSpace = 0x2;
inline constexpr uint16_t kIcmd = 0x3;
inline constexpr uint16_t kSemaphore = 0xa;
}  // namespace space

// The ICMD interface in space 3.
namespace icmd {
inline constexpr uint32_t kCtrl = 0x000000;  // [0] BUSY/GO, [1] EXMB, [15:8] STATUS, [31:16] OPCODE
inline constexpr uint32_t kMailboxSizeRegister = 0x001000;
inline constexpr uint32_t kMailbox = 0x100000;  // dword k = big-endian value of bytes 4k..4k+3
inline constexpr uint32_t kBusyBit = 1u << 0;
inline constexpr uint32_t kExmbBit = 1u << 1;
inline constexpr uint32_t kStatusShift = 8;
inline constexpr uint32_t kStatusMask = 0xff;
inline constexpr uint32_t kOpcodeShift = 16;
inline constexpr unsigned kMaxBusyPolls = 5120;
// The semaphore word the tools take (with their pid) around every ICMD command, in space 0xa.
inline constexpr uint32_t kSemaphoreAddress = 0x0;
inline constexpr unsigned kMaxSemaphoreTries = 256;
}  // namespace icmd

// CR space (space 2) addresses a host reads before commands.
namespace cr {
inline constexpr uint32_t kHwId = 0xf0014;
inline constexpr uint32_t kStaticConfig = 0xb0004;  // bit 31: not ready
}  // namespace cr

}  // namespace secnic::hostdrv
