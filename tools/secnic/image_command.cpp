// `secnic image ...`: create, sign, verify and inspect ConnectX-4 Lx FS3 images, and convert
// between an image and the MCC component mstflint burns. Exit codes: 0 ok, 1 verification failed, 2
// bad command line, 3 malformed image or key file, 4 file not readable/writable
// (command_registry.h).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fs3_image.h"
#include "firmware_model/image/image_builder.h"
#include "firmware_model/image/image_description.h"
#include "firmware_model/image/image_signing.h"
#include "firmware_model/image/mcc_component.h"
#include "tools/secnic/command_registry.h"

namespace secnic::cli {
namespace {

// A failure with its exit code and message; thrown inside a command, caught at its boundary.
struct CommandFailure {
  int exit_code;
  std::string message;
};

[[noreturn]] void fail(int code, std::string message) {
  throw CommandFailure{code, std::move(message)};
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(kExitIoError, "cannot open '" + path + "': " + std::strerror(errno));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  if (in.bad()) fail(kExitIoError, "cannot read '" + path + "'");
  return bytes;
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) fail(kExitIoError, "cannot create '" + tmp + "': " + std::strerror(errno));
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) fail(kExitIoError, "cannot write '" + tmp + "'");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    fail(kExitIoError, "cannot rename '" + tmp + "' to '" + path + "': " + why);
  }
}

int exit_code_for(const crypto::Error& e) {
  return e.code == crypto::ErrorCode::kIo ? kExitIoError : kExitBadInput;
}

image::ImageForm parse_form(const std::string& text) {
  if (text == "file") return image::ImageForm::kFile;
  if (text == "component") return image::ImageForm::kComponent;
  if (text == "slot") return image::ImageForm::kFlashSlot;
  fail(kExitUsage, "--form must be file, component or slot, not '" + text + "'");
}

image::Fs3Image load_image(const std::string& path, image::ImageForm form) {
  auto parsed = image::parse_image(read_file(path), image::ParseOptions{form});
  if (!parsed) {
    fail(kExitBadInput, path + ": not a valid FS3 " + image::to_string(form) + " (" +
                            image::to_string(parsed.error().code) + "): " + parsed.error().message);
  }
  return std::move(parsed).value();
}

crypto::KeyUuid parse_uuid(const std::string& text, const char* option) {
  auto uuid = crypto::KeyUuid::parse(text);
  if (!uuid) fail(kExitUsage, std::string(option) + ": " + uuid.error().message);
  return *uuid;
}

crypto::RsaPrivateKey load_private_key(const std::string& path) {
  auto key = crypto::RsaPrivateKey::load_pem_file(path);
  if (!key) fail(exit_code_for(key.error()), "--key: " + key.error().message);
  return *key;
}

// "PUB.pem" or "PUB.pem:UUID" (the UUID after the first ':'; a path that exists as given wins).
struct TrustedKeyArg {
  std::string path;
  std::optional<crypto::KeyUuid> uuid;
};

TrustedKeyArg split_trusted_key(const std::string& arg) {
  const size_t colon = arg.find(':');
  if (colon == std::string::npos || std::ifstream(arg).good()) return {arg, std::nullopt};
  return {arg.substr(0, colon), parse_uuid(arg.substr(colon + 1), "--trusted-key")};
}

image::TrustedKey load_trusted_key(const std::string& arg, const image::Fs3Image* image) {
  TrustedKeyArg split = split_trusted_key(arg);
  auto key = crypto::RsaPublicKey::load_pem_file(split.path);
  if (!key) fail(exit_code_for(key.error()), "--trusted-key " + arg + ": " + key.error().message);
  if (!split.uuid && image != nullptr) {
    for (const auto& entry : image->public_keys()) {
      if (entry.modulus == key->modulus() && entry.exponent == key->exponent())
        split.uuid = entry.uuid;
    }
    if (!split.uuid) {
      fail(kExitUsage, "--trusted-key " + arg +
                           ": no UUID given and the image's PUBLIC_KEYS do not list this key; "
                           "use PUB.pem:UUID");
    }
  }
  if (!split.uuid) fail(kExitUsage, "--trusted-key " + arg + ": a UUID is required (PUB.pem:UUID)");
  return image::TrustedKey{*split.uuid, *key};
}

// Decimal or 0x hex, with an optional K/KiB/M/MiB suffix.
uint32_t parse_size(const std::string& text) {
  size_t pos = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &pos, 0);
  } catch (const std::exception&) {
    fail(kExitUsage, "--size '" + text + "' is not a number");
  }
  const std::string suffix = text.substr(pos);
  unsigned long long scale = 1;
  if (suffix == "K" || suffix == "KiB" || suffix == "k") {
    scale = 1024;
  } else if (suffix == "M" || suffix == "MiB") {
    scale = 1024 * 1024;
  } else if (!suffix.empty()) {
    fail(kExitUsage, "--size '" + text + "': unknown suffix '" + suffix + "' (K, KiB, M, MiB)");
  }
  if (v > 0xFFFFFFFFull / scale) fail(kExitUsage, "--size '" + text + "' is too large");
  return static_cast<uint32_t>(v * scale);
}

image::FwVersion parse_version(const std::string& text, const char* option) {
  auto v = image::FwVersion::parse(text);
  if (!v) fail(kExitUsage, std::string(option) + " '" + text + "' is not X.Y.Z");
  return *v;
}

const char* key_kind(const crypto::RsaPrivateKey& key) {
  return key.size() == crypto::RsaKeySize::k2048 ? "RSA-2048/SHA-256" : "RSA-4096/SHA-512";
}

int run_guarded(const char* command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const CommandFailure& f) {
    std::cerr << "secnic image " << command << ": error: " << f.message << "\n";
    return f.exit_code;
  }
}

// ---- create
// -----------------------------------------------------------------------------------------

struct CreateOptions {
  std::string output;
  std::string psid;
  std::string fw_version;
  std::string key;
  std::string key_uuid;
  std::vector<std::string> trusted_keys;
  std::vector<std::string> forbidden_versions;
  std::string size;
  std::string release_date;
  std::string product_version;
  std::string description;
  std::string name;
  std::string prs_name;
  bool secure_fw = false;
  uint64_t seed = 0;
};

int run_create(const CreateOptions& o) {
  image::ImageSpec spec;
  spec.psid = o.psid;
  spec.fw_version = parse_version(o.fw_version, "--fw-version");
  if (!o.release_date.empty()) {
    auto d = image::ReleaseDate::parse(o.release_date);
    if (!d) fail(kExitUsage, "--release-date '" + o.release_date + "' is not a YYYY-MM-DD date");
    spec.release_date = *d;
  }
  spec.product_version = o.product_version;
  if (!o.description.empty()) spec.description = o.description;
  if (!o.name.empty()) spec.name = o.name;
  if (!o.prs_name.empty()) spec.prs_name = o.prs_name;
  spec.secure_fw = o.secure_fw;
  spec.payload_seed = o.seed;
  if (!o.size.empty()) spec.payload_size = parse_size(o.size);
  for (const auto& v : o.forbidden_versions) {
    spec.forbidden_versions.push_back(parse_version(v, "--forbidden-version"));
  }
  if (o.key.empty() != o.key_uuid.empty()) fail(kExitUsage, "--key and --key-uuid go together");
  std::optional<crypto::RsaPrivateKey> signing_key;
  crypto::KeyUuid signing_uuid;
  if (!o.key.empty()) {
    signing_uuid = parse_uuid(o.key_uuid, "--key-uuid");
    signing_key = load_private_key(o.key);
    spec.public_keys.push_back({signing_uuid, signing_key->public_key()});
  }
  for (const auto& arg : o.trusted_keys) {
    const image::TrustedKey t = load_trusted_key(arg, nullptr);
    const bool duplicate =
        signing_key && t.uuid == signing_uuid && t.key == signing_key->public_key();
    if (!duplicate) spec.public_keys.push_back({t.uuid, t.key});
  }
  auto bytes = image::build_image(spec);
  if (!bytes) {
    fail(bytes.error().code == image::ImageErrc::kImageTooLarge ||
                 bytes.error().code == image::ImageErrc::kFieldTooLong ||
                 bytes.error().code == image::ImageErrc::kBadArgument
             ? kExitUsage
             : kExitFailure,
         bytes.error().message);
  }
  std::string signature = "SHA-256 digest only (unsigned)";
  if (signing_key) {
    if (auto r = image::sign_image(*bytes, *signing_key, signing_uuid); !r) {
      fail(kExitFailure, "signing failed: " + r.error().message);
    }
    signature =
        std::string(key_kind(*signing_key)) + " signature by key " + signing_uuid.to_string();
  } else if (auto r = image::insert_digest(*bytes); !r) {
    fail(kExitFailure, "inserting the digest failed: " + r.error().message);
  }
  write_file(o.output, *bytes);
  std::cout << "wrote " << o.output << " (" << bytes->size() << " bytes): FW "
            << spec.fw_version.to_string() << ", PSID " << spec.psid << ", " << signature << "\n";
  return kExitOk;
}

// ---- sign
// -------------------------------------------------------------------------------------------

struct SignOptions {
  std::string input;
  std::string output;
  std::string key;
  std::string key_uuid;
};

int run_sign(const SignOptions& o) {
  const crypto::KeyUuid uuid = parse_uuid(o.key_uuid, "--key-uuid");
  const crypto::RsaPrivateKey key = load_private_key(o.key);
  std::vector<uint8_t> bytes = load_image(o.input, image::ImageForm::kFile).bytes();
  if (auto r = image::sign_image(bytes, key, uuid); !r) {
    fail(r.error().code == image::ImageErrc::kMissingSection ? kExitBadInput : kExitFailure,
         "cannot sign " + o.input + ": " + r.error().message);
  }
  const std::string out = o.output.empty() ? o.input : o.output;
  write_file(out, bytes);
  std::cout << "signed " << out << ": " << key_kind(key) << ", key " << uuid.to_string() << "\n";
  return kExitOk;
}

// ---- verify
// -----------------------------------------------------------------------------------------

struct VerifyOptions {
  std::string input;
  std::vector<std::string> trusted_keys;
  bool image_keys = false;
  std::string form = "file";
};

int run_verify(const VerifyOptions& o) {
  const image::Fs3Image img = load_image(o.input, parse_form(o.form));
  std::vector<image::TrustedKey> trusted;
  for (const auto& arg : o.trusted_keys) trusted.push_back(load_trusted_key(arg, &img));
  if (o.image_keys) {
    for (auto& k : image::embedded_keys(img)) trusted.push_back(std::move(k));
  }
  if (trusted.empty()) fail(kExitUsage, "no trusted key: give --trusted-key or --image-keys");
  const image::Verification v = image::verify_signature(img, trusted);
  if (v.outcome == image::VerifyOutcome::kOk) {
    std::cout << o.input << ": OK: " << v.message << "\n";
    return kExitOk;
  }
  std::cout << o.input << ": FAILED (" << image::to_string(v.outcome) << "): " << v.message << "\n";
  return kExitFailure;
}

// ---- info / component / restore
// ---------------------------------------------------------------------

struct InfoOptions {
  std::string input;
  bool json = false;
  std::string form = "file";
};

int run_info(const InfoOptions& o) {
  const image::Fs3Image img = load_image(o.input, parse_form(o.form));
  std::cout << (o.json ? image::describe_json(img) + "\n" : image::describe_text(img));
  return kExitOk;
}

struct ConvertOptions {
  std::string input;
  std::string output;
};

int run_component(const ConvertOptions& o) {
  const image::Fs3Image img = load_image(o.input, image::ImageForm::kFile);
  const std::vector<uint8_t> component = image::make_component(img);
  write_file(o.output, component);
  std::cout << "wrote " << o.output << ": MCC component of " << component.size() << " bytes\n";
  return kExitOk;
}

int run_restore(const ConvertOptions& o) {
  auto flash = image::component_to_flash_image(read_file(o.input));
  if (!flash) fail(kExitBadInput, o.input + ": " + flash.error().message);
  auto parsed = image::parse_image(*flash, image::ParseOptions{image::ImageForm::kFlashSlot});
  if (!parsed) fail(kExitBadInput, o.input + ": " + parsed.error().message);
  write_file(o.output, *flash);
  std::cout << "wrote " << o.output << ": bootable slot image of " << flash->size() << " bytes\n";
  return kExitOk;
}

void add_image_commands(CLI::App& app, Context& ctx) {
  CLI::App* image = app.add_subcommand("image", "Create, sign, verify and inspect FS3 images");
  image->require_subcommand(1);

  auto create_opts = std::make_shared<CreateOptions>();
  CLI::App* create = image->add_subcommand(
      "create", "Build a complete ConnectX-4 Lx FS3 image (signed with --key, else digest only)");
  create->add_option("-o,--output", create_opts->output, "Image file to write")->required();
  create->add_option("--psid", create_opts->psid, "PSID (up to 16 characters)")->required();
  create->add_option("--fw-version", create_opts->fw_version, "FW version X.Y.Z")->required();
  create->add_option("--key", create_opts->key,
                     "Private key PEM (RSA-2048 or RSA-4096) to sign with");
  create->add_option("--key-uuid", create_opts->key_uuid, "Keypair UUID of --key (32 hex digits)");
  create->add_option("--trusted-key", create_opts->trusted_keys,
                     "PUB.pem:UUID to list in PUBLIC_KEYS_2048/4096 (repeatable)");
  create->add_option("--forbidden-version", create_opts->forbidden_versions,
                     "X.Y.Z to list in FORBIDDEN_VERSIONS (repeatable)");
  create->add_option("--size", create_opts->size,
                     "Code payload bytes (decimal, 0x hex, K/M suffix; default 1 MiB)");
  create->add_option("--release-date", create_opts->release_date,
                     "YYYY-MM-DD (default 2025-11-24)");
  create->add_option("--product-version", create_opts->product_version,
                     "Product version string (default: the FW version)");
  create->add_option("--description", create_opts->description, "IMAGE_INFO description");
  create->add_option("--name", create_opts->name, "IMAGE_INFO name (part number)");
  create->add_option("--prs-name", create_opts->prs_name, "IMAGE_INFO PRS name");
  create->add_flag("--secure-fw", create_opts->secure_fw, "Set IMAGE_INFO.secure_fw");
  create->add_option("--seed", create_opts->seed, "Seed of the deterministic payload");
  create->callback([create_opts, &ctx] {
    ctx.exit_code = run_guarded("create", [&] { return run_create(*create_opts); });
  });

  auto sign_opts = std::make_shared<SignOptions>();
  CLI::App* sign = image->add_subcommand("sign", "Sign an image (as mstflint sign does)");
  sign->add_option("image", sign_opts->input, "Image file")->required();
  sign->add_option("--key", sign_opts->key, "Private key PEM")->required();
  sign->add_option("--key-uuid", sign_opts->key_uuid, "Keypair UUID")->required();
  sign->add_option("-o,--output", sign_opts->output, "Write here instead of in place");
  sign->callback([sign_opts, &ctx] {
    ctx.exit_code = run_guarded("sign", [&] { return run_sign(*sign_opts); });
  });

  auto verify_opts = std::make_shared<VerifyOptions>();
  CLI::App* verify = image->add_subcommand("verify", "Verify an image's signature");
  verify->add_option("image", verify_opts->input, "Image file")->required();
  verify
      ->add_option("--trusted-key", verify_opts->trusted_keys,
                   "PUB.pem[:UUID]; without UUID the image's PUBLIC_KEYS entry names it")
      ->take_all();
  verify->add_flag("--image-keys", verify_opts->image_keys,
                   "Also trust the keys the image lists in PUBLIC_KEYS (self-consistency only)");
  verify->add_option("--form", verify_opts->form, "file (default), component or slot");
  verify->callback([verify_opts, &ctx] {
    ctx.exit_code = run_guarded("verify", [&] { return run_verify(*verify_opts); });
  });

  auto info_opts = std::make_shared<InfoOptions>();
  CLI::App* info = image->add_subcommand("info", "Show an image's fields, signature and sections");
  info->add_option("image", info_opts->input, "Image file")->required();
  info->add_flag("--json", info_opts->json, "JSON output");
  info->add_option("--form", info_opts->form, "file (default), component or slot");
  info->callback([info_opts, &ctx] {
    ctx.exit_code = run_guarded("info", [&] { return run_info(*info_opts); });
  });

  auto component_opts = std::make_shared<ConvertOptions>();
  CLI::App* component =
      image->add_subcommand("component", "Write the MCC component mstflint would burn");
  component->add_option("image", component_opts->input, "Image file")->required();
  component->add_option("-o,--output", component_opts->output, "Component file")->required();
  component->callback([component_opts, &ctx] {
    ctx.exit_code = run_guarded("component", [&] { return run_component(*component_opts); });
  });

  auto restore_opts = std::make_shared<ConvertOptions>();
  CLI::App* restore = image->add_subcommand(
      "restore", "Turn a received MCC component back into a bootable slot image");
  restore->add_option("component", restore_opts->input, "Component file")->required();
  restore->add_option("-o,--output", restore_opts->output, "Slot image file")->required();
  restore->callback([restore_opts, &ctx] {
    ctx.exit_code = run_guarded("restore", [&] { return run_restore(*restore_opts); });
  });
}

const CommandArea kImageArea("image", add_image_commands);

}  // namespace
}  // namespace secnic::cli
