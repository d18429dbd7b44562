#include "model/card/card.h"

#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "firmware_model/boot/boot_control_journal.h"
#include "firmware_model/crypto/digest.h"
#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/update/booted_image.h"
#include "model/card/process_liveness.h"

namespace secnic::card {
namespace {

using sc_core::SC_PS;
using sc_core::sc_time;

// getpid() without a system call per access; forked children refresh it.
pid_t g_pid = ::getpid();
const bool g_pid_refresh = [] {
  ::pthread_atfork(nullptr, nullptr, [] { g_pid = ::getpid(); });
  return true;
}();

int64_t wall_now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

std::vector<image::TrustedKey> load_trusted_keys(const CardConfig& config,
                                                 const std::string& origin) {
  std::vector<image::TrustedKey> keys;
  for (const auto& k : config.trusted_keys) {
    auto uuid = crypto::KeyUuid::parse(k.uuid);
    if (!uuid) throw CardConfigError(origin + ": trusted key uuid " + k.uuid + ": bad UUID");
    auto key = crypto::RsaPublicKey::from_pem(k.public_pem);
    if (!key) {
      throw CardConfigError(origin + ": trusted key " + k.uuid + ": " + key.error().message);
    }
    keys.push_back(image::TrustedKey{*uuid, std::move(*key)});
  }
  return keys;
}

// A FlashPort that passes everything to the firmware's driver and notes which 64 KiB sectors were
// read (what a boot depended on, for the BootCache).
class SectorReadRecorder : public fw::FlashPort {
 public:
  SectorReadRecorder(fw::FlashPort& inner, size_t sectors) : m_inner(inner), m_sectors(sectors) {}
  uint32_t size() const override { return m_inner.size(); }
  uint32_t subsector_size() const override { return m_inner.subsector_size(); }
  uint32_t sector_size() const override { return m_inner.sector_size(); }
  fw::FlashResult read(uint32_t addr, uint8_t* dst, size_t len) override {
    const uint64_t granule = model::SpiNorFlash::kGenerationGranule;
    for (uint64_t s = addr / granule; s < m_sectors.size() && s * granule < addr + uint64_t{len};
         ++s) {
      m_sectors[s] = true;
    }
    return m_inner.read(addr, dst, len);
  }
  fw::FlashResult program(uint32_t addr, const uint8_t* src, size_t len) override {
    return m_inner.program(addr, src, len);
  }
  fw::FlashResult erase(uint32_t addr, size_t len) override { return m_inner.erase(addr, len); }
  const std::vector<bool>& sectors() const { return m_sectors; }

 private:
  fw::FlashPort& m_inner;
  std::vector<bool> m_sectors;
};

}  // namespace

// Holds the card lock for one host access or command and keeps the kernel on the card's clock.
class Card::AccessScope {
 public:
  explicit AccessScope(Card& card) : m_card(card) {
    m_card.m_lock.lock();
    m_card.release_semaphores_of_dead_processes();
    m_card.sync_kernel_to_card_clock();
  }
  ~AccessScope() {
    try {
      m_card.finish_access();
    } catch (...) {
      // finish_access only advances the kernel; an exception here is a simulator bug already logged
      // by SystemC. The lock must still be released.
    }
    m_card.m_lock.unlock();
  }
  AccessScope(const AccessScope&) = delete;
  AccessScope& operator=(const AccessScope&) = delete;

 private:
  Card& m_card;
};

Card::Card(const sc_core::sc_module_name& name, const std::string& dir, OnOpen on_open,
           Sharing sharing)
    : sc_module(name),
      m_dir(dir),
      m_config(m_dir.load_config()),
      m_lock(m_dir.lock_path(),
             sharing == Sharing::kShared ? MappingSharing::kShared : MappingSharing::kPrivate),
      m_ram(m_dir.state_path(), card_state_layout_tag(),
            sharing == Sharing::kShared ? MappingSharing::kShared : MappingSharing::kPrivate),
      m_state(m_ram.get()),
      m_flash("flash", m_dir.flash_path(),
              sharing == Sharing::kShared ? model::FlashBacking::kSharedFile
                                          : model::FlashBacking::kPrivateFile,
              [&] {
                model::SpiNorFlashConfig flash_config;
                flash_config.torn_seed = m_config.power_loss_seed;
                return flash_config;
              }()),
      m_driver("flash_driver") {
  m_driver.socket.bind(m_flash.socket);
  m_trusted_keys = load_trusted_keys(m_config, m_dir.config_path());

  m_verifier = std::make_unique<fw::Fs3ComponentVerifier>(card_trust());
  m_boot_control = std::make_unique<fw::JournalBootControl>(m_driver);

  fw::UpdateFsmPorts ports;
  ports.flash = &m_driver;
  ports.verifier = m_verifier.get();
  ports.boot_control = m_boot_control.get();
  ports.take_flash_time = [this] { return m_driver.take_elapsed(); };
  ports.card_time = [this] { return card_time(); };
  ports.on_power_lost = [this] { m_state.power = PowerState::kOff; };
  ports.on_component_verified = [this](const fw::ComponentInfo& verified) {
    if (m_power) m_power->on_component_verified(verified);
  };
  fw::UpdateFsmConfig fsm_config;
  fsm_config.unsafe_in_place_update = m_config.test_only_unsafe_in_place_update;
  m_fsm = std::make_unique<fw::UpdateFsm>("update_fsm", m_state.fsm, ports, fsm_config);
  m_image_status = std::make_unique<CardImageStatus>(*m_fsm);

  m_lock.lock();
  try {
    if (m_state.power == PowerState::kNeverPowered && on_open == OnOpen::kPowerOnIfFresh) {
      power_on_locked();
    }
  } catch (...) {
    m_lock.unlock();
    throw;
  }
  m_lock.unlock();
  build_host_side();
}

Card::~Card() = default;

void Card::build_host_side() {
  m_profile.psid = m_config.psid;
  m_profile.secure_fw = m_config.secure;
  m_profile.base_mac = m_config.base_mac;
  m_profile.base_guid = m_config.base_guid;
  m_profile.num_macs = m_config.num_macs;
  m_profile.num_guids = m_config.num_guids;
  m_profile.part_number = m_config.part_number;
  m_profile.description = m_config.description;
  m_profile.max_component_size = fw::kSlotMaxSize;
  try {
    m_profile.validate();
  } catch (const std::invalid_argument& e) {
    throw CardConfigError(m_dir.config_path() + ": " + e.what());
  }
  m_nv_config = std::make_unique<fw::InMemoryNvConfig>(m_profile);
  m_registers = std::make_unique<fw::AccessRegisterDispatch>(m_profile, *m_image_status, *m_fsm,
                                                             *m_nv_config);
  m_firmware_icmd = std::make_unique<FirmwareIcmd>(*m_registers, m_state.booted);

  model::CrSpaceConfig cr;
  cr.secure = m_config.secure;
  m_cr_space = std::make_unique<model::CrSpace>("cr_space", cr);
  m_semaphores = std::make_unique<model::SemaphoreSpace>("semaphores", m_state.semaphores);
  m_icmd = std::make_unique<model::IcmdController>("icmd", m_state.icmd, *m_firmware_icmd);

  model::PcieFunctionConfig pcie;
  // A card whose firmware did not boot comes up in flash-recovery ("live-fish") mode: its PCI
  // device id is the bare HW id, which tells the tools that no firmware answers commands.
  if (m_state.power == PowerState::kOn && !m_state.booted) pcie.identity.device_id = 0x020b;
  m_pcie = std::make_unique<model::PcieFunction>("pcie", m_state.vsec, pcie);
  m_pcie->vsec().cr_space.bind(m_cr_space->socket);
  m_pcie->vsec().icmd.bind(m_icmd->socket);
  m_pcie->vsec().semaphore.bind(m_semaphores->socket);
  m_pcie_time_taken = m_pcie->annotated_time();
}

void Card::anchor_wall_clock() {
  m_state.wall_epoch_ns = wall_now_ns() - static_cast<int64_t>(m_state.card_time_ps / 1000);
}

fw::CardTrust Card::card_trust() const {
  fw::CardTrust trust;
  trust.psid = m_config.psid;
  trust.trusted_keys = m_trusted_keys;
  auto unpack = [](uint32_t v) {
    return image::FwVersion{static_cast<uint16_t>(v >> 24), static_cast<uint16_t>((v >> 16) & 0xff),
                            static_cast<uint16_t>(v & 0xffff)};
  };
  for (uint32_t v : m_config.forbidden_versions) trust.forbidden_versions.push_back(unpack(v));
  const uint32_t n =
      std::min(m_state.running_forbidden_count, CardVolatileState::kMaxRunningForbidden);
  for (uint32_t i = 0; i < n; ++i)
    trust.forbidden_versions.push_back(unpack(m_state.running_forbidden[i]));
  return trust;
}

sc_time Card::card_time() const {
  // The kernel's time resolution is the default 1 ps, so the value is the count of picoseconds.
  return sc_time::from_value(m_state.card_time_ps);
}

// The kernel may lag the card clock by at most this much (LT global quantum).
const sc_time kQuantum(1, sc_core::SC_MS);

void Card::sync_kernel_to_card_clock() {
  // Another process may have moved the card's clock on: catch up (time only moves forward).
  const sc_time here = sc_core::sc_time_stamp() + m_local_time;
  const sc_time card_now = card_time();
  if (card_now > here) m_local_time += card_now - here;
}

void Card::finish_access() {
  m_local_time += m_driver.take_elapsed();
  if (m_pcie) {
    const sc_time total = m_pcie->annotated_time();
    m_local_time += total - m_pcie_time_taken;
    m_pcie_time_taken = total;
  }
  if (m_config.time_mode == TimeMode::kReal) {
    // Real time: the card clock follows the wall clock. It moves on with the wall while the host is
    // away, and when simulated work runs ahead of the wall (a page program the firmware did at
    // once), the access takes that long, as it would on a busy card.
    const sc_time now = sc_core::sc_time_stamp();
    if (m_state.wall_epoch_ns == 0) anchor_wall_clock();
    const int64_t card_ns = static_cast<int64_t>((now + m_local_time).value() / 1000);
    const int64_t wall_ns = wall_now_ns() - m_state.wall_epoch_ns;
    if (card_ns > wall_ns) {
      const int64_t ahead_us = (card_ns - wall_ns) / 1000;
      if (ahead_us > 0) ::usleep(static_cast<useconds_t>(std::min<int64_t>(ahead_us, 1'000'000)));
    }
    const sc_time wall(static_cast<double>(wall_now_ns() - m_state.wall_epoch_ns), sc_core::SC_NS);
    const sc_time target = std::max(now + m_local_time, wall);
    sc_core::sc_start(target - now);
    m_local_time = sc_core::SC_ZERO_TIME;
  } else if (sc_core::sc_pending_activity() || m_local_time >= kQuantum) {
    sc_core::sc_start(m_local_time);
    m_local_time = sc_core::SC_ZERO_TIME;
    // Deterministic time: the card runs ahead to idle between host accesses.
    while (sc_core::sc_pending_activity()) {
      sc_core::sc_start(sc_core::sc_time_to_pending_activity());
    }
  }
  m_state.card_time_ps = static_cast<uint64_t>((sc_core::sc_time_stamp() + m_local_time).value());
}

bool Card::config_read(uint32_t offset, unsigned size, uint32_t& value) {
  return host_access(false, offset, size, value);
}

bool Card::config_write(uint32_t offset, unsigned size, uint32_t value) {
  return host_access(true, offset, size, value);
}

bool Card::host_access(bool is_write, uint32_t offset, unsigned size, uint32_t& value) {
  bool ok = false;
  {
    AccessScope scope(*this);
    if (m_state.power != PowerState::kOn) {
      ok = false;
    } else if (!is_write) {
      ok = m_pcie->config_read(offset, size, value);
    } else {
      const uint32_t semaphore_before = m_state.vsec.semaphore;
      ok = m_pcie->config_write(offset, size, value);
      if (semaphore_before == 0 && m_state.vsec.semaphore != 0) {
        m_state.vsec_semaphore_owner_pid = g_pid;
      }
    }
  }
  // With the lock released: a campaign branch powers the card up from here.
  if (m_power) m_power->after_access();
  return ok;
}

void Card::release_semaphores_of_dead_processes() {
  (void)g_pid_refresh;
  // At a process's first access (a holder died before it started) and then every 1024 accesses (a
  // tool spinning on a semaphore retries 2048 times before it gives up).
  if (m_accesses_until_dead_owner_check-- != 0) return;
  m_accesses_until_dead_owner_check = 1023;
  if (m_state.vsec.semaphore != 0 && m_state.vsec_semaphore_owner_pid != g_pid &&
      process_gone(m_state.vsec_semaphore_owner_pid)) {
    m_state.vsec.semaphore = 0;
    ++m_state.dead_owner_releases;
  }
  // mstflint writes its pid into the semaphore-space words it takes (ICMD at 0x0, flash at 0x10).
  for (uint32_t& word : m_state.semaphores.words) {
    if (word != 0 && static_cast<int32_t>(word) != g_pid &&
        process_gone(static_cast<int32_t>(word))) {
      word = 0;
      ++m_state.dead_owner_releases;
    }
  }
}

fw::BootReport Card::power_on() {
  AccessScope scope(*this);
  return power_on_locked();
}

void Card::power_off() {
  AccessScope scope(*this);
  m_flash.power_off();
  m_state.power = PowerState::kOff;
}

fw::BootReport Card::power_cycle() {
  AccessScope scope(*this);
  m_flash.power_off();
  m_state.power = PowerState::kOff;
  return power_on_locked();
}

fw::BootReport Card::reset() {
  AccessScope scope(*this);
  return power_on_locked();
}

fw::BootReport Card::power_on_locked() {
  prepare_power_on();
  fw::BootReport report;
  start_firmware(run_boot_rom(m_driver, report));
  return report;
}

void Card::prepare_power_on() {
  if (!m_flash.powered()) m_flash.power_on();
  m_flash.reset();

  // RAM comes up blank; only the card's clock and boot counter (kept by the simulator, not the
  // card) carry over.
  const uint64_t clock = m_state.card_time_ps;
  const int64_t epoch = m_state.wall_epoch_ns;
  const uint32_t boots = m_state.boot_count;
  m_ram.clear();
  m_state.card_time_ps = clock;
  m_state.wall_epoch_ns = epoch;
  m_state.boot_count = boots + 1;
}

BootResult Card::run_boot_rom(fw::FlashPort& flash, fw::BootReport& report) {
  fw::BootRomConfig rom_config;
  rom_config.secure_boot = m_config.secure;
  rom_config.trusted_keys = m_trusted_keys;
  fw::BootRom rom(flash, rom_config);
  report = rom.boot();
  BootResult boot;
  boot.flash_time_ps = static_cast<uint64_t>(m_driver.take_elapsed().value());
  boot.booted = report.booted ? 1 : 0;
  boot.slot = static_cast<uint8_t>(report.slot);
  boot.fallback = report.fallback ? 1 : 0;
  const std::string summary = report.summary();
  std::strncpy(boot.summary, summary.c_str(), sizeof boot.summary - 1);
  if (report.booted) {
    const fw::FlashResult r = fw::booted_component_info(report, flash, boot.running);
    if (r != fw::FlashResult::kOk) {
      throw std::runtime_error(std::string("power-on: reading the booted image: ") +
                               fw::to_string(r));
    }
    for (const auto& v : report.image->forbidden_versions()) {
      if (boot.forbidden_count == std::size(boot.forbidden)) break;
      boot.forbidden[boot.forbidden_count++] = (uint32_t{static_cast<uint8_t>(v.major)} << 24) |
                                               (uint32_t{static_cast<uint8_t>(v.minor)} << 16) |
                                               v.subminor;
    }
    boot.flash_time_ps += static_cast<uint64_t>(m_driver.take_elapsed().value());
  }
  return boot;
}

void Card::start_firmware(const BootResult& boot) {
  m_state.card_time_ps += boot.flash_time_ps;
  m_state.power = PowerState::kOn;
  // Real time runs from power-up: factory programming or a long power-off do not count.
  if (m_config.time_mode == TimeMode::kReal) anchor_wall_clock();
  m_state.booted = boot.booted;
  m_state.booted_slot = boot.slot;
  m_state.fallback = boot.fallback;
  static_assert(sizeof m_state.boot_summary == sizeof boot.summary);
  std::memcpy(m_state.boot_summary, boot.summary, sizeof boot.summary);
  m_state.running_forbidden_count =
      std::min<uint32_t>(boot.forbidden_count, CardVolatileState::kMaxRunningForbidden);
  std::copy_n(boot.forbidden, m_state.running_forbidden_count, m_state.running_forbidden);
  fw::power_on_update_fsm_state(m_state.fsm, boot.running);
  *m_verifier = fw::Fs3ComponentVerifier(card_trust());
  // The host-side models adopt their (now blank) state again.
  if (m_pcie) m_pcie->reset();
  if (m_icmd) m_icmd->reset();
  if (m_semaphores) m_semaphores->reset();
}

CardStatus Card::status() {
  AccessScope scope(*this);
  CardStatus s;
  s.power = m_state.power;
  s.booted = m_state.booted != 0;
  s.boot_count = m_state.boot_count;
  s.slot = static_cast<fw::FlashSlot>(m_state.booted_slot);
  s.fallback = m_state.fallback != 0;
  s.running = m_fsm->running_image();
  if (const fw::ComponentInfo* p = m_fsm->pending_image()) s.pending = *p;
  s.fsm_state = m_fsm->control_state();
  s.card_time_ps = m_state.card_time_ps;
  s.boot_summary =
      std::string(m_state.boot_summary, strnlen(m_state.boot_summary, sizeof m_state.boot_summary));
  return s;
}

void Card::program_factory_image(fw::FlashSlot slot, const std::vector<uint8_t>& image) {
  AccessScope scope(*this);
  if (image.empty() || image.size() > fw::kSlotMaxSize) {
    throw std::runtime_error("image of " + std::to_string(image.size()) +
                             " bytes does not fit a flash slot (at most " +
                             std::to_string(fw::kSlotMaxSize) + ")");
  }
  const uint32_t base = fw::slot_base(slot);
  const uint32_t granule = m_driver.subsector_size();
  const uint32_t span = static_cast<uint32_t>((image.size() + granule - 1) / granule * granule);
  auto check = [](fw::FlashResult r, const char* what) {
    if (r != fw::FlashResult::kOk) {
      throw std::runtime_error(std::string("factory programming: ") + what + ": " +
                               fw::to_string(r));
    }
  };
  check(m_driver.erase(base, span), "erase");
  check(m_driver.program(base, image.data(), image.size()), "program");
  std::array<uint8_t, 32> digest{};
  check(fw::slot_sha256(m_driver, slot, static_cast<uint32_t>(image.size()), digest), "read back");
  fw::BootControlJournal journal(m_driver);
  check(journal.append(slot, static_cast<uint32_t>(image.size()), digest), "journal");
}

void Card::erase_flash() {
  AccessScope scope(*this);
  const fw::FlashResult r = m_driver.erase(0, m_driver.size());
  if (r != fw::FlashResult::kOk) {
    throw std::runtime_error(std::string("erase flash: ") + fw::to_string(r));
  }
}

// ---------------------------------------------------------------------------------------------------
// Power-fail campaigns (model/power)

namespace {
power::PowerController* g_exit_controller = nullptr;
}  // namespace

void Card::attach_power_plan(power::PowerPlan plan) {
  if (m_power) throw power::PowerPlanError("the card already has a power plan");
  if (plan.mode == power::PlanMode::kBranch &&
      m_flash.backing() == model::FlashBacking::kSharedFile) {
    throw power::PowerPlanError("a branching power plan needs an isolated card");
  }
  if (plan.mode == power::PlanMode::kBranch) m_boot_cache = std::make_unique<BootCache>();
  if (plan.mode == power::PlanMode::kBranch && plan.memo) {
    m_outcome_memo = std::make_unique<OutcomeMemo>();
  }
  m_power = std::make_unique<power::PowerController>(*this, std::move(plan));
  m_flash.on_operation_start(
      [this](const model::FlashOperationStart& op) { m_power->on_flash_operation(op); });
  // The action ends when the process does.
  g_exit_controller = m_power.get();
  static const bool registered = [] {
    std::atexit([] {
      if (g_exit_controller) g_exit_controller->finish();
    });
    return true;
  }();
  (void)registered;
}

void Card::arm_flash_cut(uint64_t op_index, model::CutMode mode, uint64_t seed) {
  m_flash.arm_cut(op_index, mode, seed);
}

void Card::cut_power_at(uint64_t at_ps) {
  m_flash.power_off(sc_time::from_value(at_ps));
  m_state.power = PowerState::kOff;
}

void Card::begin_branch() {
  // Generations this branch writes must never look like the parent's or another branch's.
  if (m_boot_cache) m_flash.set_generation_base(m_boot_cache->take_branch_serial() << 40);
}

power::BootFacts Card::power_up() {
  {
    AccessScope scope(*this);
    m_flash.power_off();
    m_state.power = PowerState::kOff;
    prepare_power_on();
    BootResult boot;
    if (!m_boot_cache ||
        !m_boot_cache->lookup(m_flash.sector_generations(), boot, &m_last_boot_read)) {
      SectorReadRecorder recorder(m_driver, BootCache::kSectors);
      fw::BootReport report;
      boot = run_boot_rom(recorder, report);
      m_last_boot_read = recorder.sectors();
      if (m_boot_cache) m_boot_cache->store(recorder.sectors(), m_flash.sector_generations(), boot);
    }
    start_firmware(boot);
  }
  power::BootFacts facts;
  facts.booted = m_state.booted != 0;
  facts.slot = m_state.booted_slot;
  facts.fallback = m_state.fallback != 0;
  facts.summary =
      std::string(m_state.boot_summary, strnlen(m_state.boot_summary, sizeof m_state.boot_summary));
  facts.running = m_fsm->running_image();
  facts.fsm_state = m_fsm->control_state();
  facts.pending = m_fsm->pending_image() != nullptr;
  return facts;
}

fw::FsmState Card::fsm_state() const { return m_state.fsm.control_state; }

uint64_t Card::card_time_ps() const {
  const uint64_t kernel = static_cast<uint64_t>((sc_core::sc_time_stamp() + m_local_time).value());
  return std::max(kernel, m_state.card_time_ps);
}

std::array<uint8_t, 32> Card::preserved_digest() {
  // The flash outside both slots and the journal, and the configuration (identity, keys,
  // forbidden versions).
  std::vector<uint8_t> bytes(m_flash.contents() + fw::kSlotABase + fw::kSlotMaxSize,
                             m_flash.contents() + fw::kSlotBBase);
  const std::string config = to_json(m_config);
  bytes.insert(bytes.end(), config.begin(), config.end());
  const std::vector<uint8_t> d = crypto::sha256(bytes.data(), bytes.size());
  std::array<uint8_t, 32> digest{};
  std::copy(d.begin(), d.end(), digest.begin());
  return digest;
}

void Card::remember_outcome(const power::BootFacts& facts, const std::array<uint8_t, 32>& preserved,
                            const std::string& id) {
  if (!m_outcome_memo || m_last_boot_read.size() != OutcomeMemo::kSectors) return;
  std::vector<bool> read = m_last_boot_read;
  // preserved_digest() hashes the flash between the slots.
  const uint32_t granule = model::SpiNorFlash::kGenerationGranule;
  for (uint32_t a = fw::kSlotABase + fw::kSlotMaxSize; a < fw::kSlotBBase; a += granule) {
    read[a / granule] = true;
  }
  m_outcome_memo->store(read, m_flash.sector_generations(), facts, preserved, id);
}

bool Card::recall_outcome(uint32_t changed_address, uint32_t changed_length,
                          power::BootFacts& facts, std::array<uint8_t, 32>& preserved,
                          std::string& source_id) {
  if (!m_outcome_memo) return false;
  std::vector<uint64_t> generations = m_flash.sector_generations();
  const uint32_t granule = model::SpiNorFlash::kGenerationGranule;
  for (uint64_t s = changed_address / granule;
       changed_length != 0 && s < generations.size() &&
       s * granule < uint64_t{changed_address} + changed_length;
       ++s) {
    generations[s] = UINT64_MAX;  // the cut changes it: no stored generation matches
  }
  return m_outcome_memo->lookup(generations, facts, preserved, source_id);
}

void Card::save_card(const std::string& dir) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  CardDirectory target(dir);
  {
    std::ofstream config(target.config_path(), std::ios::trunc);
    config << to_json(m_config);
    if (!config) throw std::runtime_error("cannot write " + target.config_path());
  }
  {
    std::ofstream flash(target.flash_path(), std::ios::binary | std::ios::trunc);
    flash.write(reinterpret_cast<const char*>(m_flash.contents()), m_flash.size());
    if (!flash) throw std::runtime_error("cannot write " + target.flash_path());
  }
  m_ram.save_to(target.state_path());
}

}  // namespace secnic::card
