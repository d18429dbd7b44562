#include "model/pcie/vsec_gateway.h"

#include "firmware_model/layout/be_field.h"
#include "model/regs/model_log.h"
#include "model/regs/semaphore_word.h"

namespace secnic::model {

VsecGateway::VsecGateway(const sc_core::sc_module_name& name, VsecState& state,
                         const VsecGatewayConfig& config)
    : sc_core::sc_module(name),
      icmd_ext("icmd_ext"),
      cr_space("cr_space"),
      icmd("icmd"),
      semaphore("semaphore"),
      m_state(state),
      m_config(config),
      m_ports{{VsecSpace::kIcmdExt, "ICMD_EXT", &icmd_ext, config.icmd_ext_supported},
              {VsecSpace::kCrSpace, "CR_SPACE", &cr_space, config.cr_space_supported},
              {VsecSpace::kIcmd, "ICMD", &icmd, config.icmd_supported},
              {VsecSpace::kSemaphore, "SEMAPHORE", &semaphore, config.semaphore_supported}},
      m_registers(std::string(this->name()), vsec::kLength),
      m_ctrl(m_registers.add_register("CTRL", vsec::kCtrl, 4)),
      m_address(m_registers.add_register("ADDRESS", vsec::kAddress, 4)),
      m_data(m_registers.add_register("DATA", vsec::kData, 4)) {
  m_registers
      .add_register("CAP_HEADER", vsec::kCapHeader, 4,
                    vsec::kCapId.make(vsec::kCapabilityId) |
                        vsec::kCapNext.make(config.next_capability) |
                        vsec::kCapLength.make(vsec::kLength))
      .read_only();
  m_ctrl.storage(state.ctrl)
      .writable_bits(vsec::kCtrlSpace.mask())
      .after_write([this](uint32_t stored) { space_selected(stored); });
  m_registers.add_register("COUNTER", vsec::kCounter, 4)
      .read_only()
      .storage(state.counter)
      .on_read([this] { return next_ticket(); });
  m_registers.add_register("SEMAPHORE", vsec::kSemaphore, 4)
      .storage(state.semaphore)
      .on_write(semaphore_word_write);
  m_address.storage(state.address).after_write([this](uint32_t stored) {
    address_written(stored);
  });
  m_data.storage(state.data);

  if (adopt_state_layout(state.layout, VsecState::kLayoutVersion, sizeof(VsecState),
                         this->name())) {
    reset();
  }
}

void VsecGateway::reset() {
  m_state.layout = StateLayoutHeader{VsecState::kLayoutVersion, sizeof(VsecState)};
  m_registers.reset();
  space_selected(m_ctrl.get());
}

const VsecGateway::SpacePort* VsecGateway::port_for(uint16_t space) const {
  for (const SpacePort& port : m_ports) {
    if (static_cast<uint16_t>(port.space) == space) return &port;
  }
  return nullptr;
}

bool VsecGateway::space_supported(uint16_t space) const {
  const SpacePort* port = port_for(space);
  return port != nullptr && port->supported;
}

uint32_t VsecGateway::next_ticket() {
  uint32_t ticket = m_state.counter + 1;
  if (ticket == 0) ticket = 1;  // 0 would read as "release" when written to SEMAPHORE
  m_state.counter = ticket;
  return ticket;
}

void VsecGateway::space_selected(uint32_t stored) {
  const bool supported = space_supported(static_cast<uint16_t>(vsec::kCtrlSpace.get(stored)));
  m_ctrl.set(
      vsec::kCtrlStatus.set(stored, supported ? vsec::kStatusSupported : vsec::kStatusUnsupported));
}

void VsecGateway::address_written(uint32_t stored) {
  const uint32_t address = vsec::kAddressOffset.get(stored);
  const bool is_write = vsec::kAddressFlag.get(stored) != 0;
  uint32_t data = m_data.get();
  const bool ok = forward(is_write, address, data);
  if (!is_write) m_data.set(ok ? data : 0);
  m_address.set(vsec::kAddressOffset.make(address) | vsec::kAddressSyndrome.make(ok ? 0 : 1) |
                vsec::kAddressFlag.make(is_write ? 0 : 1));
}

bool VsecGateway::forward(bool is_write, uint32_t address, uint32_t& data) {
  const char* what = is_write ? "write" : "read";
  const auto space = static_cast<uint16_t>(vsec::kCtrlSpace.get(m_ctrl.get()));
  const SpacePort* port = port_for(space);
  if (port == nullptr || !port->supported) {
    model_log()->warn("{}: {} at {:#x} in unsupported space {:#x} fails", name(), what, address,
                      space);
    return false;
  }
  if (port->socket->size() == 0) {
    model_log()->warn("{}: {} at {:#x} in space {} fails: nothing is connected to it", name(), what,
                      address, port->name);
    return false;
  }
  uint8_t bytes[4];
  layout::store_le32(bytes, data);
  tlm::tlm_generic_payload payload;
  payload.set_command(is_write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  payload.set_address(address);
  payload.set_data_ptr(bytes);
  payload.set_data_length(4);
  payload.set_streaming_width(4);
  payload.set_byte_enable_ptr(nullptr);
  payload.set_dmi_allowed(false);
  payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
  (*port->socket)->b_transport(payload, delay);
  m_annotated_time += delay;
  if (!payload.is_response_ok()) {
    model_log()->warn("{}: {} at {:#x} in space {} fails: {}", name(), what, address, port->name,
                      payload.get_response_string());
    return false;
  }
  if (!is_write) data = layout::load_le32(bytes);
  return true;
}

}  // namespace secnic::model
