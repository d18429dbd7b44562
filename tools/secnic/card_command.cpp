// `secnic card ...`: create a simulated card from an image, inspect it, and control its power.
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fs3_image.h"
#include "model/card/card.h"
#include "model/card/card_config.h"
#include "model/power/branch_outcome.h"
#include "model/sysc/sysc_runtime.h"
#include "tools/secnic/command_registry.h"

namespace secnic::cli {
namespace {

struct CardCreateOptions {
  std::string dir;
  std::string image;
  bool blank = false;
  bool allow_invalid_image = false;
  std::vector<std::string> trusted_keys;
  std::string bdf = "03:00.0";
  std::string psid;
  bool insecure = false;
  std::vector<std::string> forbidden_versions;
  std::string base_mac;
  std::string time_mode = "deterministic";
  uint64_t seed = 1;
  bool unsafe_in_place_update = false;
};

std::optional<std::vector<uint8_t>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// "PUB.pem" or "PUB.pem:UUID". Without a UUID, the image's PUBLIC_KEYS entry with the same modulus
// names it.
card::TrustedKey trusted_key_from_arg(const std::string& arg, const image::Fs3Image* image) {
  // The UUID may itself contain ':' (mstflint accepts it as a separator): take the first split
  // whose right side is a UUID.
  std::string path = arg;
  std::optional<crypto::KeyUuid> uuid;
  for (size_t colon = arg.find(':'); colon != std::string::npos; colon = arg.find(':', colon + 1)) {
    auto parsed = crypto::KeyUuid::parse(arg.substr(colon + 1));
    if (parsed) {
      uuid = *parsed;
      path = arg.substr(0, colon);
      break;
    }
  }
  auto key = crypto::RsaPublicKey::load_pem_file(path);
  if (!key) throw card::CardConfigError("--trusted-key " + arg + ": " + key.error().message);
  if (!uuid && image) {
    for (const auto& entry : image->public_keys()) {
      if (entry.modulus == key->modulus()) uuid = entry.uuid;
    }
  }
  if (!uuid) {
    throw card::CardConfigError(
        "--trusted-key " + arg +
        ": no UUID given and the image lists no such key; use PUB.pem:UUID");
  }
  std::string hex;
  for (uint8_t b : uuid->bytes()) {
    static const char* digits = "0123456789abcdef";
    hex.push_back(digits[b >> 4]);
    hex.push_back(digits[b & 0xf]);
  }
  return card::TrustedKey{hex, key->to_pem()};
}

int card_create(const CardCreateOptions& o) {
  if (o.blank == !o.image.empty()) {
    std::cerr << "secnic card create: give exactly one of --image IMG or --blank\n";
    return kExitUsage;
  }
  std::vector<uint8_t> bytes;
  std::optional<image::Fs3Image> parsed;
  if (!o.blank) {
    auto data = read_file(o.image);
    if (!data) {
      std::cerr << "secnic card create: cannot read image " << o.image << "\n";
      return kExitIoError;
    }
    bytes = std::move(*data);
    auto result = image::parse_image(bytes);
    if (result) {
      parsed = std::move(*result);
    } else if (!o.allow_invalid_image) {
      std::cerr << "secnic card create: " << o.image << ": " << result.error().message
                << "\n  (use --allow-invalid-image to build a card that cannot boot)\n";
      return kExitBadInput;
    }
  }

  card::CardConfig config;
  config.bdf = card::canonical_bdf(o.bdf);
  if (!o.psid.empty()) {
    config.psid = o.psid;
  } else if (parsed && !parsed->image_info().psid.empty()) {
    config.psid = parsed->image_info().psid;
  }
  config.secure = !o.insecure;
  for (const auto& k : o.trusted_keys) {
    config.trusted_keys.push_back(trusted_key_from_arg(k, parsed ? &*parsed : nullptr));
  }
  for (const auto& v : o.forbidden_versions) {
    config.forbidden_versions.push_back(card::parse_fw_version(v));
  }
  if (!o.base_mac.empty()) {
    // Validated through the same parser card.json uses.
    nlohmann::json j = nlohmann::json::parse(card::to_json(config));
    j["base_mac"] = o.base_mac;
    config = card::config_from_json(j.dump(), "--base-mac");
  }
  if (o.time_mode == "real") {
    config.time_mode = card::TimeMode::kReal;
  } else if (o.time_mode != "deterministic") {
    std::cerr << "secnic card create: --time is 'deterministic' or 'real'\n";
    return kExitUsage;
  }
  config.power_loss_seed = o.seed;
  config.test_only_unsafe_in_place_update = o.unsafe_in_place_update;
  if (config.secure && config.trusted_keys.empty()) {
    std::cerr << "secnic card create: a secure card needs at least one --trusted-key "
                 "(or --insecure)\n";
    return kExitUsage;
  }

  card::CardDirectory dir(o.dir);
  dir.create(config);
  sysc::quiet_systemc();
  card::Card card("card", dir.path(), card::Card::OnOpen::kStayOff);
  if (!bytes.empty()) card.program_factory_image(fw::FlashSlot::kA, bytes);
  const fw::BootReport report = card.power_on();
  std::cout << "card " << dir.path() << " at " << config.bdf << " (PSID " << config.psid
            << (config.secure ? ", secure firmware" : ", non-secure") << ")\n"
            << report.summary();
  return kExitOk;
}

const char* state_name(fw::FsmState s) {
  static const char* names[] = {"IDLE",  "LOCKED",   "INITIALIZE", "DOWNLOAD",      "VERIFY",
                                "APPLY", "ACTIVATE", "UPLOAD",     "UPLOAD_PENDING"};
  const auto i = static_cast<size_t>(s);
  return i < std::size(names) ? names[i] : "?";
}

std::string version_text(uint32_t v) { return card::format_fw_version(v); }

int card_info(const std::string& dir, bool json) {
  sysc::quiet_systemc();
  card::Card card("card", dir);
  const card::CardStatus s = card.status();
  const card::CardConfig& c = card.config();
  const char* power = s.power == card::PowerState::kOn ? "on" : "off";
  if (json) {
    nlohmann::json j = {
        {"directory", card.directory().path()},
        {"bdf", c.bdf},
        {"psid", c.psid},
        {"secure", c.secure},
        {"power", power},
        {"booted", s.booted},
        {"boot_count", s.boot_count},
        {"fsm_state", state_name(s.fsm_state)},
        {"card_time_s", static_cast<double>(s.card_time_ps) * 1e-12},
    };
    if (s.booted) {
      j["running"] = {{"version", version_text(s.running.version)},
                      {"slot", fw::slot_name(s.slot)},
                      {"fallback", s.fallback},
                      {"size", s.running.size},
                      {"sha256", power::hex(s.running.sha256, sizeof s.running.sha256)}};
    }
    if (s.pending) {
      j["pending"] = {{"version", version_text(s.pending->version)},
                      {"slot", fw::slot_name(static_cast<fw::FlashSlot>(s.pending->slot))},
                      {"size", s.pending->size},
                      {"sha256", power::hex(s.pending->sha256, sizeof s.pending->sha256)}};
    }
    std::cout << j.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "card:        " << card.directory().path() << "\n"
            << "bdf:         " << c.bdf << "\n"
            << "psid:        " << c.psid << "\n"
            << "security:    "
            << (c.secure ? "secure firmware (signed updates only)" : "non-secure") << "\n"
            << "power:       " << power << " (boots: " << s.boot_count << ")\n";
  if (s.booted) {
    std::cout << "running:     " << version_text(s.running.version) << " from slot "
              << fw::slot_name(s.slot) << (s.fallback ? " (fallback)" : "") << "\n";
  } else {
    std::cout << "running:     nothing: no bootable image (flash recovery mode)\n";
  }
  if (s.pending) {
    std::cout << "pending:     " << version_text(s.pending->version) << " in slot "
              << fw::slot_name(static_cast<fw::FlashSlot>(s.pending->slot))
              << " (boots at the next reset)\n";
  }
  std::cout << "update FSM:  " << state_name(s.fsm_state) << "\n"
            << "card time:   " << static_cast<double>(s.card_time_ps) * 1e-12 << " s\n"
            << "last boot:\n"
            << s.boot_summary;
  if (!s.boot_summary.empty() && s.boot_summary.back() != '\n') std::cout << "\n";
  return kExitOk;
}

int card_power(const std::string& dir, const std::string& action) {
  sysc::quiet_systemc();
  card::Card card("card", dir);
  if (action == "off") {
    card.power_off();
    std::cout << "card " << card.directory().path() << ": power off\n";
    return kExitOk;
  }
  const fw::BootReport report = action == "on"      ? card.power_on()
                                : action == "reset" ? card.reset()
                                                    : card.power_cycle();
  std::cout << "card " << card.directory().path() << ": " << action << "\n" << report.summary();
  return kExitOk;
}

template <class Fn>
void guarded(Context& ctx, const char* what, Fn&& fn) {
  try {
    ctx.exit_code = fn();
  } catch (const card::CardConfigError& e) {
    std::cerr << "secnic card " << what << ": " << e.what() << "\n";
    ctx.exit_code = kExitBadInput;
  } catch (const std::system_error& e) {
    std::cerr << "secnic card " << what << ": " << e.what() << "\n";
    ctx.exit_code = kExitIoError;
  } catch (const std::exception& e) {
    std::cerr << "secnic card " << what << ": " << e.what() << "\n";
    ctx.exit_code = kExitFailure;
  }
}

void add_card_commands(CLI::App& app, Context& ctx) {
  CLI::App* card = app.add_subcommand("card", "Create, inspect and power simulated cards");
  card->require_subcommand(1);

  auto create_opts = std::make_shared<CardCreateOptions>();
  CLI::App* create = card->add_subcommand("create", "Create a card directory and boot it");
  create->add_option("dir", create_opts->dir, "Card directory to create")->required();
  create->add_option("--image", create_opts->image, "Flash image to program into slot A");
  create->add_flag("--blank", create_opts->blank, "Leave the flash erased (the card cannot boot)");
  create->add_flag("--allow-invalid-image", create_opts->allow_invalid_image,
                   "Program an image that does not parse (to build a card that cannot boot)");
  create->add_option("--trusted-key", create_opts->trusted_keys,
                     "PUB.pem[:UUID] embedded as a trusted key (repeatable)");
  create->add_option("--bdf", create_opts->bdf, "PCI address, e.g. 03:00.0")->capture_default_str();
  create->add_option("--psid", create_opts->psid, "Board PSID (default: the image's)");
  create->add_flag("--insecure", create_opts->insecure, "Non-secure firmware (unsigned updates)");
  create->add_option("--forbidden-version", create_opts->forbidden_versions,
                     "X.Y.Z the card refuses (repeatable)");
  create->add_option("--base-mac", create_opts->base_mac, "Manufacturing base MAC (12 hex digits)");
  create->add_option("--time", create_opts->time_mode, "deterministic | real")
      ->capture_default_str();
  create->add_flag("--test-only-unsafe-in-place-update", create_opts->unsafe_in_place_update,
                   "TEST ONLY: firmware that updates over the running image (not fail-safe)");
  create->add_option("--seed", create_opts->seed, "Seed of torn flash operations")
      ->capture_default_str();
  create->callback(
      [&ctx, create_opts] { guarded(ctx, "create", [&] { return card_create(*create_opts); }); });

  auto info_dir = std::make_shared<std::string>();
  auto info_json = std::make_shared<bool>(false);
  CLI::App* info = card->add_subcommand("info", "Show what the card booted and its update state");
  info->add_option("dir", *info_dir, "Card directory")->required();
  info->add_flag("--json", *info_json, "Machine-readable output");
  info->callback([&ctx, info_dir, info_json] {
    guarded(ctx, "info", [&] { return card_info(*info_dir, *info_json); });
  });

  struct PowerCommand {
    const char* name;
    const char* action;
    const char* help;
  };
  static const PowerCommand power_commands[] = {
      {"power-cycle", "power-cycle", "Cut power and power up again (BootRom runs)"},
      {"reset", "reset", "Reset the card (as mstfwreset or a reboot would): the BootRom runs"},
      {"power-off", "off", "Cut power: the card stops answering"},
      {"power-on", "on", "Power up (BootRom runs)"},
  };
  for (const auto& pc : power_commands) {
    auto dir = std::make_shared<std::string>();
    CLI::App* sub = card->add_subcommand(pc.name, pc.help);
    sub->add_option("dir", *dir, "Card directory")->required();
    const std::string action = pc.action;
    sub->callback([&ctx, dir, action, name = std::string(pc.name)] {
      guarded(ctx, name.c_str(), [&] { return card_power(*dir, action); });
    });
  }
}

const CommandArea kCardArea("card", add_card_commands);

}  // namespace
}  // namespace secnic::cli
