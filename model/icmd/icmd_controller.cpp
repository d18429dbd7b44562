#include "model/icmd/icmd_controller.h"

#include <algorithm>

#include "model/regs/model_log.h"

namespace secnic::model {

IcmdController::IcmdController(const sc_core::sc_module_name& name, IcmdState& state,
                               IcmdHandler& handler)
    : sc_core::sc_module(name),
      socket("socket", m_registers),
      m_state(state),
      m_handler(handler),
      m_registers(std::string(this->name()), icmd::kMailbox + icmd::kMailboxSize) {
  m_registers.add_register("CTRL", icmd::kCtrl, 4)
      .storage(state.ctrl)
      .writable_bits(icmd::kCtrlBusy.mask() | icmd::kCtrlExmb.mask() | icmd::kCtrlOpcode.mask())
      .on_write(
          [this](uint32_t proposed, uint32_t current) { return ctrl_written(proposed, current); });
  m_registers.add_register("MAILBOX_SIZE", icmd::kMailboxSizeRegister, 4, icmd::kMailboxSize)
      .read_only();
  m_registers.add_region("MAILBOX", icmd::kMailbox, icmd::kMailboxSize, state.mailbox,
                         ByteOrder::kBigEndianDwords);

  if (adopt_state_layout(state.layout, IcmdState::kLayoutVersion, sizeof(IcmdState),
                         this->name())) {
    reset();
  }
}

void IcmdController::reset() {
  m_state.layout = StateLayoutHeader{IcmdState::kLayoutVersion, sizeof(IcmdState)};
  m_registers.reset();
  std::fill(std::begin(m_state.mailbox), std::end(m_state.mailbox), uint8_t{0});
}

uint32_t IcmdController::ctrl_written(uint32_t proposed, uint32_t current) {
  if (icmd::kCtrlBusy.get(proposed) == 0) return proposed;  // opcode set-up, no command yet
  if (icmd::kCtrlBusy.get(current) != 0) {
    // Cannot happen while commands complete synchronously; kept so a future asynchronous handler
    // cannot be re-entered.
    model_log()->warn("{}: GO while a command is running ignored", name());
    return current;
  }
  const auto opcode = static_cast<uint16_t>(icmd::kCtrlOpcode.get(proposed));
  IcmdStatus status;
  if (icmd::kCtrlExmb.get(proposed) != 0) {
    model_log()->info("{}: command {:#06x} with an external mailbox (EXMB) is not modelled", name(),
                      opcode);
    status = IcmdStatus::kInvalidCmd;
  } else {
    status = m_handler.execute(opcode, m_state.mailbox, icmd::kMailboxSize);
  }
  model_log()->debug("{}: command {:#06x} completed with status {}", name(), opcode,
                     static_cast<unsigned>(status));
  return icmd::kCtrlStatus.set(icmd::kCtrlBusy.set(proposed, 0), static_cast<uint8_t>(status));
}

}  // namespace secnic::model
