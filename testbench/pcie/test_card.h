// The device side of a card as the tests need it: a PcieFunction whose VSEC spaces are bound to CR
// space, the ICMD controller (with a scripted IcmdHandler) and the semaphore space; ICMD_EXT is
// left unbound. Volatile state lives in a TestCardState the test owns, so a test can build a second
// TestCard on the same state to model the next host-tool process.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <systemc>
#include <vector>

#include "model/crspace/cr_space.h"
#include "model/icmd/icmd_controller.h"
#include "model/icmd/semaphore_space.h"
#include "model/pcie/pcie_function.h"

namespace secnic::testing {

// Records each command and answers with a scripted status after running an optional response
// writer.
class ScriptedIcmdHandler : public model::IcmdHandler {
 public:
  struct Call {
    uint16_t opcode;
    std::vector<uint8_t> request;  // the whole mailbox as the handler received it
    size_t mailbox_size;
  };

  model::IcmdStatus execute(uint16_t opcode, uint8_t* mailbox, size_t mailbox_size) override {
    calls.push_back(
        Call{opcode, std::vector<uint8_t>(mailbox, mailbox + mailbox_size), mailbox_size});
    if (respond) respond(mailbox, mailbox_size);
    return status;
  }

  model::IcmdStatus status = model::IcmdStatus::kOk;
  std::function<void(uint8_t* mailbox, size_t size)> respond;
  std::vector<Call> calls;
};

struct TestCardState {
  model::VsecState vsec;
  model::IcmdState icmd;
  model::SemaphoreSpaceState semaphores;
};

struct TestCardConfig {
  model::PcieFunctionConfig pcie;
  model::CrSpaceConfig cr_space;
};

class TestCard : public sc_core::sc_module {
 public:
  TestCard(const sc_core::sc_module_name& name, TestCardState& state,
           const TestCardConfig& config = {})
      : sc_core::sc_module(name),
        pcie("pcie", state.vsec, config.pcie),
        cr_space("cr_space", config.cr_space),
        icmd("icmd", state.icmd, handler),
        semaphores("semaphores", state.semaphores) {
    pcie.vsec().cr_space.bind(cr_space.socket);
    pcie.vsec().icmd.bind(icmd.socket);
    pcie.vsec().semaphore.bind(semaphores.socket);
  }

  ScriptedIcmdHandler handler;  // declared first: the controller keeps a reference
  model::PcieFunction pcie;
  model::CrSpace cr_space;
  model::IcmdController icmd;
  model::SemaphoreSpace semaphores;
};

}  // namespace secnic::testing
