// The Mellanox vendor-specific PCI capability (ID 9): the gateway through which host tools reach
// the device's internal address spaces with config-space accesses only. Registers (offsets from the
// capability):
//
//   +0x00 CAP_HEADER  RO  [7:0] ID 9, [15:8] next pointer, [23:16] length 0x18
//   +0x04 CTRL        RW  [15:0] address space; [31:29] status, read-only, recomputed on every
//   write:
//                         1 if the selected space is supported, 0 if not
//   +0x08 COUNTER     RO  each read returns a new ticket, unique and never 0
//   +0x0c SEMAPHORE   RW  0 = free; writing a nonzero value takes it if free and is ignored while
//   taken;
//                         writing 0 releases it
//   +0x10 ADDRESS     RW  [29:0] address in the selected space; [31] FLAG. Writing FLAG=1 writes
//   DATA to the
//                         address, writing FLAG=0 reads the address into DATA; both complete before
//                         the config write returns (FLAG reads back 0 after a write, 1 after a
//                         read). [30] is the syndrome: set when the access failed (unsupported
//                         space, unbound space, address out of range, TLM error), cleared by the
//                         next successful one. A failed read leaves DATA = 0, a failed write
//                         changes nothing; both are logged. mstflint 4.21 ignores bit 30.
//   +0x14 DATA        RW
//
// Each supported space is forwarded as a 4-byte TLM transaction (bus order, address [29:0]) through
// its own initiator socket. A socket left unbound makes its space fail as above while still being
// advertised.
#pragma once

#include <tlm_utils/simple_initiator_socket.h>

#include <cstdint>
#include <systemc>
#include <tlm>

#include "model/pcie/vsec_state.h"
#include "model/regs/bit_field.h"
#include "model/regs/register_bank.h"

namespace secnic::model {

// The address spaces host software selects in CTRL[15:0] (the values mstflint uses).
enum class VsecSpace : uint16_t {
  kIcmdExt = 0x1,
  kCrSpace = 0x2,
  kIcmd = 0x3,
  kNodnicInitSeg = 0x4,
  kExpansionRom = 0x5,
  kNdCrSpace = 0x6,
  kScanCrSpace = 0x7,
  kSemaphore = 0xa,
  kMac = 0xf,
};

namespace vsec {
inline constexpr uint8_t kCapabilityId = 0x09;
inline constexpr uint32_t kLength = 0x18;
inline constexpr uint32_t kCapHeader = 0x00;
inline constexpr uint32_t kCtrl = 0x04;
inline constexpr uint32_t kCounter = 0x08;
inline constexpr uint32_t kSemaphore = 0x0c;
inline constexpr uint32_t kAddress = 0x10;
inline constexpr uint32_t kData = 0x14;

inline constexpr BitField kCapId{0, 8};
inline constexpr BitField kCapNext{8, 8};
inline constexpr BitField kCapLength{16, 8};
inline constexpr BitField kCtrlSpace{0, 16};
inline constexpr BitField kCtrlStatus{29, 3};
inline constexpr BitField kAddressOffset{0, 30};
inline constexpr BitField kAddressSyndrome{30, 1};
inline constexpr BitField kAddressFlag{31, 1};

inline constexpr uint32_t kStatusSupported = 1;
inline constexpr uint32_t kStatusUnsupported = 0;
}  // namespace vsec

struct VsecGatewayConfig {
  uint8_t next_capability = 0;  // pointer stored in CAP_HEADER[15:8]
  // Which of the four forwarded spaces report supported in CTRL status (whether or not their socket
  // is bound). mstflint needs all four; turning one off reproduces a card that lacks it. Every
  // other space reports unsupported.
  bool icmd_ext_supported = true;
  bool cr_space_supported = true;
  bool icmd_supported = true;
  bool semaphore_supported = true;
};

class VsecGateway : public sc_core::sc_module {
 public:
  using Socket = tlm_utils::simple_initiator_socket_optional<VsecGateway>;
  Socket icmd_ext;   // space 0x1
  Socket cr_space;   // space 0x2
  Socket icmd;       // space 0x3
  Socket semaphore;  // space 0xa

  // Adopts `state` (see state_layout.h): a blank state is reset, a kept one is used as is.
  VsecGateway(const sc_core::sc_module_name& name, VsecState& state,
              const VsecGatewayConfig& config = {});
  VsecGateway(const VsecGateway&) = delete;
  VsecGateway& operator=(const VsecGateway&) = delete;

  // The capability's 0x18 bytes; PcieFunction mounts it in config space.
  RegisterBank& registers() { return m_registers; }
  // Power-on: semaphore free, ctrl/address/data/counter 0; the layout header is (re)stamped, so
  // zeroing the state and calling reset() is a complete power cycle.
  void reset();

  bool space_supported(uint16_t space) const;
  // Sum of the delays the spaces annotated on forwarded transactions since construction.
  sc_core::sc_time annotated_time() const { return m_annotated_time; }

  const char* kind() const override { return "secnic::model::VsecGateway"; }

 private:
  struct SpacePort {
    VsecSpace space;
    const char* name;
    Socket* socket;
    bool supported;
  };
  const SpacePort* port_for(uint16_t space) const;
  uint32_t next_ticket();
  void space_selected(uint32_t stored);
  void address_written(uint32_t stored);
  // Performs one dword transaction on the selected space; false (logged) when it cannot be done.
  bool forward(bool is_write, uint32_t address, uint32_t& data);

  VsecState& m_state;
  VsecGatewayConfig m_config;
  SpacePort m_ports[4];
  RegisterBank m_registers;
  Register& m_ctrl;
  Register& m_address;
  Register& m_data;
  sc_core::sc_time m_annotated_time;
};

}  // namespace secnic::model
