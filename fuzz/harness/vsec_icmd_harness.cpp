#include "fuzz/harness/vsec_icmd_harness.h"

#include <tlm_utils/simple_target_socket.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <systemc>

#include "fuzz/harness/byte_reader.h"
#include "fuzz/harness/checked_firmware.h"
#include "fuzz/harness/config_program.h"
#include "fuzz/harness/invariant.h"
#include "fuzz/harness/quiet_logs.h"
#include "model/crspace/cr_space.h"
#include "model/icmd/icmd_controller.h"
#include "model/icmd/semaphore_space.h"
#include "model/pcie/pcie_function.h"
#include "model/sysc/sysc_runtime.h"

namespace secnic::fuzz {

namespace {

using config_program::kVsecBase;

// The VSEC registers whose reads or writes have effects (CTRL .. DATA); everything else in config
// space, the VSEC capability header included, is constant.
constexpr uint32_t kVolatileBegin = kVsecBase + model::vsec::kCtrl;
constexpr uint32_t kVolatileEnd = kVsecBase + model::vsec::kLength;
constexpr uint32_t kCounterOffset = kVsecBase + model::vsec::kCounter;

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%#llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string access_name(const char* what, uint32_t offset, unsigned size) {
  return std::string(what) + " of " + std::to_string(size) + " bytes at " + hex(offset);
}

// $SECNIC_FUZZ_TRACE=1 prints every config access of a run on stderr (for reading reproducers).
bool tracing() {
  static const bool on = std::getenv("SECNIC_FUZZ_TRACE") != nullptr;
  return on;
}

void trace(bool is_read, uint32_t offset, unsigned size, bool answered, uint32_t value) {
  if (!tracing()) return;
  std::fprintf(stderr, "%s %u bytes at 0x%03x %s 0x%08x\n", is_read ? "read " : "write", size,
               offset, answered ? (is_read ? "->" : "<-") : "refused", value);
}

void throw_on_report(const sc_core::sc_report& report, const sc_core::sc_actions&) {
  if (report.get_severity() >= sc_core::SC_WARNING) {
    violation(std::string("SystemC ") + report.get_msg_type() + ": " + report.get_msg());
  }
}

// Stands where a direct flash-gateway model would be bound to CR space's restricted socket and
// records what reaches it.
class RestrictedProbe : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<RestrictedProbe> socket;

  explicit RestrictedProbe(const sc_core::sc_module_name& name)
      : sc_core::sc_module(name), socket("socket") {
    socket.register_b_transport(this, &RestrictedProbe::b_transport);
    socket.register_transport_dbg(this, &RestrictedProbe::transport_dbg);
  }

  uint64_t accesses = 0;
  uint64_t outside_ranges = 0;

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time&) { serve(payload); }
  unsigned transport_dbg(tlm::tlm_generic_payload& payload) {
    serve(payload);
    return payload.get_data_length();
  }
  void serve(tlm::tlm_generic_payload& payload) {
    ++accesses;
    const uint64_t begin = payload.get_address();
    const uint64_t end = begin + payload.get_data_length();
    bool inside = false;
    for (const auto& r : {model::cr_space::kFlashGateway, model::cr_space::kHwSemaphores}) {
      inside = inside || (begin >= r.begin && end <= uint64_t{r.begin} + r.size);
    }
    if (!inside) ++outside_ranges;
    if (payload.is_read()) std::memset(payload.get_data_ptr(), 0, payload.get_data_length());
    payload.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

struct CardState {
  model::VsecState vsec;
  model::IcmdState icmd;
  model::SemaphoreSpaceState semaphores;
};

model::CrSpaceConfig cr_space_config(bool secure) {
  model::CrSpaceConfig config;
  config.secure = secure;
  return config;
}

// The host-visible part of the card (as model/card assembles it), on state the harness owns.
class FuzzCard : public sc_core::sc_module {
 public:
  FuzzCard(const sc_core::sc_module_name& name, bool secure)
      : sc_core::sc_module(name),
        secure(secure),
        pcie("pcie", state.vsec),
        cr_space("cr_space", cr_space_config(secure)),
        icmd("icmd", state.icmd, firmware),
        semaphores("semaphores", state.semaphores),
        probe("restricted_probe") {
    pcie.vsec().cr_space.bind(cr_space.socket);
    pcie.vsec().icmd.bind(icmd.socket);
    pcie.vsec().semaphore.bind(semaphores.socket);
    cr_space.restricted.bind(probe.socket);
    power_cycle(FirmwareScript{});
    take_snapshot();
  }

  // Fresh RAM everywhere, as after a power cycle.
  void power_cycle(const FirmwareScript& script) {
    state = CardState{};
    pcie.reset();
    cr_space.reset();
    icmd.reset();
    semaphores.reset();
    firmware.reset(script);
    probe.accesses = 0;
    probe.outside_ranges = 0;
  }

  // The constant part of config space as power-on shows it.
  uint8_t constant_byte(uint32_t offset) const { return m_constant[offset]; }

  const bool secure;
  CardState state;
  CheckedFirmware firmware;
  model::PcieFunction pcie;
  model::CrSpace cr_space;
  model::IcmdController icmd;
  model::SemaphoreSpace semaphores;
  RestrictedProbe probe;

 private:
  void take_snapshot() {
    for (uint32_t offset = 0; offset < model::pci_config::kSize; ++offset) {
      uint32_t value = 0;
      const bool is_volatile = offset >= kVolatileBegin && offset < kVolatileEnd;
      if (!is_volatile && !pcie.config_read(offset, 1, value)) {
        throw std::runtime_error("config byte " + hex(offset) + " cannot be read");
      }
      m_constant[offset] = static_cast<uint8_t>(value);
    }
  }

  std::array<uint8_t, model::pci_config::kSize> m_constant{};
};

FuzzCard& fuzz_card(bool secure) {
  static std::unique_ptr<FuzzCard> cards[2];
  std::unique_ptr<FuzzCard>& card = cards[secure ? 0 : 1];
  if (!card) {
    sysc::quiet_systemc();
    sc_core::sc_report_handler::set_handler(throw_on_report);
    card = std::make_unique<FuzzCard>(secure ? "fuzz_secure_card" : "fuzz_open_card", secure);
  }
  return *card;
}

bool answerable(uint32_t offset, unsigned size) {
  return (size == 1 || size == 2 || size == 4) && offset < model::pci_config::kSize &&
         offset + size <= model::pci_config::kSize;
}

bool touches_volatile(uint32_t offset, unsigned size) {
  return offset < kVolatileEnd && offset + size > kVolatileBegin;
}

// Drives one card and checks every access (see vsec_icmd_harness.h).
class CheckedConfigBus : public ConfigBus {
 public:
  explicit CheckedConfigBus(FuzzCard& card) : m_card(card) {}

  bool read(uint32_t offset, unsigned size, uint32_t& value) override {
    const CardState before = m_card.state;
    value = 0;
    const bool answered = guarded("config read", offset, size,
                                  [&] { return m_card.pcie.config_read(offset, size, value); });
    trace(true, offset, size, answered, value);
    after_access("config read", offset, size, answered, before);
    if (!answered) return false;
    if (!touches_volatile(offset, size)) {
      uint32_t expected = 0;
      for (unsigned i = 0; i < size; ++i) {
        expected |= uint32_t{m_card.constant_byte(offset + i)} << (8 * i);
      }
      require(value == expected, [&] {
        return access_name("config read", offset, size) + " returned " + hex(value) +
               ", power-on value " + hex(expected);
      });
      require(std::memcmp(&before, &m_card.state, sizeof before) == 0,
              [&] { return access_name("config read", offset, size) + " changed device state"; });
    }
    if (offset == kCounterOffset && size == 4) require(value != 0, "COUNTER handed out ticket 0");
    return true;
  }

  bool write(uint32_t offset, unsigned size, uint32_t value) override {
    const CardState before = m_card.state;
    const uint64_t commands = m_card.firmware.commands();
    const bool answered = guarded("config write", offset, size,
                                  [&] { return m_card.pcie.config_write(offset, size, value); });
    trace(false, offset, size, answered, value);
    after_access("config write", offset, size, answered, before);
    if (answered && !touches_volatile(offset, size)) {
      require(std::memcmp(&before, &m_card.state, sizeof before) == 0 &&
                  m_card.firmware.commands() == commands,
              [&] { return access_name("config write", offset, size) + " changed device state"; });
      uint32_t readback = 0;
      read(offset, size, readback);
    }
    return answered;
  }

  void reset(bool power_cycle) override {
    if (tracing()) std::fprintf(stderr, "%s\n", power_cycle ? "power cycle" : "PCIe reset");
    if (power_cycle) {
      m_card.power_cycle(FirmwareScript{});
    } else {
      m_card.pcie.reset();
    }
  }

  void finish() {
    uint32_t hw_id = 0;
    require(m_card.cr_space.registers().read_value(model::cr_space::kHwId, 4, hw_id, true) ==
                    model::BankResponse::kOk &&
                model::cr_space::kHwIdDevice.get(hw_id) == 0x20b,
            "the CR-space hardware id changed");
  }

 private:
  template <class F>
  bool guarded(const char* what, uint32_t offset, unsigned size, F&& f) {
    try {
      return f();
    } catch (const InvariantViolation&) {
      throw;
    } catch (const std::exception& e) {
      violation(access_name(what, offset, size) + " threw: " + e.what());
    }
  }

  void after_access(const char* what, uint32_t offset, unsigned size, bool answered,
                    const CardState& before) {
    const CardState& now = m_card.state;
    require(answered == answerable(offset, size), [&] {
      return access_name(what, offset, size) + (answered ? " was answered" : " was refused");
    });
    require(now.vsec.layout.version == model::VsecState::kLayoutVersion &&
                now.icmd.layout.version == model::IcmdState::kLayoutVersion &&
                now.semaphores.layout.version == model::SemaphoreSpaceState::kLayoutVersion,
            [&] { return access_name(what, offset, size) + " broke a state layout header"; });
    const auto space = static_cast<uint16_t>(model::vsec::kCtrlSpace.get(now.vsec.ctrl));
    const uint32_t status = model::vsec::kCtrlStatus.get(now.vsec.ctrl);
    require(
        status == (m_card.pcie.vsec().space_supported(space) ? model::vsec::kStatusSupported
                                                             : model::vsec::kStatusUnsupported),
        [&] { return "VSEC CTRL status " + hex(status) + " is wrong for space " + hex(space); });
    require((now.vsec.ctrl & 0x1fff0000u) == 0, "VSEC CTRL reserved bits are set");
    require(before.vsec.semaphore == 0 || now.vsec.semaphore == before.vsec.semaphore ||
                now.vsec.semaphore == 0,
            [&] { return access_name(what, offset, size) + " stole the taken VSEC semaphore"; });
    // (A gateway access at an unaligned address may change two neighbouring words, each by the
    // semaphore rules; see docs/fuzzing.md.)
    const bool semaphores_changed = std::memcmp(before.semaphores.words, now.semaphores.words,
                                                sizeof now.semaphores.words) != 0;
    for (size_t i = 0; semaphores_changed && i < model::semaphore_space::kWords; ++i) {
      const uint32_t was = before.semaphores.words[i];
      const uint32_t is = now.semaphores.words[i];
      require(was == 0 || is == was || is == 0, [&] {
        return access_name(what, offset, size) + " stole taken semaphore word " + std::to_string(i);
      });
    }
    require(model::icmd::kCtrlBusy.get(now.icmd.ctrl) == 0, "an ICMD command is left BUSY");
    if (m_card.secure) {
      require(m_card.probe.accesses == 0, [&] {
        return access_name(what, offset, size) +
               " reached the restricted CR-space socket in "
               "secure mode";
      });
    } else {
      require(m_card.probe.outside_ranges == 0,
              "an access outside the restricted ranges reached the restricted socket");
    }
    const sc_core::sc_time t = m_card.pcie.annotated_time();
    require(t >= m_time, "simulated time ran backwards");
    m_time = t;
  }

  FuzzCard& m_card;
  sc_core::sc_time m_time = sc_core::SC_ZERO_TIME;
};

}  // namespace

void run_vsec_icmd_input(const uint8_t* data, size_t size) {
  static const bool logs_quiet = (quiet_logs(), true);
  (void)logs_quiet;
  ByteReader input(data, size);
  const uint8_t flags = input.u8();
  const uint8_t a = input.u8();
  const uint8_t b = input.u8();
  FuzzCard& card = fuzz_card((flags & vsec_icmd_input::kNonSecureCrSpace) == 0);
  card.power_cycle(FirmwareScript::decode(a, b));
  CheckedConfigBus bus(card);
  run_config_program(input, bus);
  bus.finish();
}

}  // namespace secnic::fuzz
