// The part every scenario kind shares: the keys, images and card a scenario describes, built into a
// work directory with the secnic CLI, and running host commands against that card.
//
//   keys:                        # name -> a private key (PEM) and its keypair UUID
//     vendor: {private: ../keys/vendor_rsa2048.pem, uuid: 5ec0a11ce0000000000000000000a001}
//   images:                      # name -> built with `secnic image create` (or an existing file)
//     old: {fw_version: 14.22.1000, sign: vendor, size: 1M, seed: 1}
//     new: {fw_version: 14.22.2000, sign: vendor, list_keys: [vendor], forbidden_versions: [...]}
//     ext: {file: images/x.bin}
//     new_component: {component_of: new}   # the MCC component a tool would send
//     # also: psid, release_date, product_version, secure_fw, description
//   card:
//     image: old                 # programmed into slot A (or `blank: true`)
//     trusted_keys: [vendor]
//     secure: true               # default true
//     bdf: "03:00.0"             # default 03:00.0
//     psid: MT_2420110034        # default: the image's
//     forbidden_versions: [14.22.0500]
//     seed: 1                    # torn-operation seed
//     test_only_unsafe_in_place_update: false
//
//   files:                       # text files written to the work directory, ${...} expanded
//     script: {text: "steps: ..."}   # e.g. a secnic-hostdrv script
//
// Paths in the file are relative to the scenario file. In host command lines ${NAME} is an image's
// or a file's path, ${bdf} the card's PCI address, ${card} its directory, ${work} the work
// directory, ${bin} the directory of the secnic programs (secnic-hostdrv).
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "tools/campaign/process_runner.h"
#include "tools/campaign/scenario_kind.h"
#include "tools/campaign/scenario_yaml.h"

namespace secnic::campaign {

struct ScenarioKey {
  std::string private_pem;  // path
  std::string public_pem;   // path (written into the work directory)
  std::string uuid;         // 32 hex digits
};

class ScenarioFixture {
 public:
  // Builds keys:, images: and card: of `document` under `work_dir` (created). Throws ScenarioError
  // for a bad file and for a step that failed (with the command's output).
  ScenarioFixture(const YAML::Node& document, const std::string& scenario_file,
                  const std::string& work_dir, const std::string& secnic_binary);

  const std::string& work_dir() const { return m_work_dir; }
  const std::string& card_dir() const { return m_card_dir; }
  const std::string& bdf() const { return m_bdf; }
  const std::string& secnic() const { return m_secnic; }
  const YamlReader& reader() const { return m_reader; }
  // Path of image `name`; throws ScenarioError when there is none.
  std::string image(const std::string& name) const;
  const ScenarioKey& key(const std::string& name) const;
  const std::map<std::string, std::string>& images() const { return m_images; }

  // ${NAME} -> image path, ${bdf}, ${card}, ${work}; an unknown ${...} throws ScenarioError.
  std::string expand(const std::string& text) const;
  // A scenario path relative to the scenario file.
  std::string resolve(const std::string& path) const;

  // Runs `secnic ARGS...`.
  ProcessResult secnic(const std::vector<std::string>& args,
                       const ProcessOptions& options = {}) const;
  // Runs a host command line (expanded, split like a shell) under the shim against `card_dir`
  // (`secnic run --card DIR -- ...`).
  ProcessResult run_host(const std::string& command_line, const std::string& card_dir,
                         const ProcessOptions& options = {}) const;

  // A copy of the card (its configuration, flash and RAM) at `destination`.
  static void clone_card(const std::string& source, const std::string& destination);

 private:
  void build_key(const std::string& name, const YAML::Node& node);
  void build_image(const std::string& name, const YAML::Node& node);
  void build_card(const YAML::Node& node);
  void build_file(const std::string& name, const YAML::Node& node);
  [[noreturn]] void step_failed(const YAML::Node& node, const std::string& what,
                                const ProcessResult& result) const;

  YamlReader m_reader;
  std::string m_scenario_dir;
  std::string m_work_dir;
  std::string m_secnic;
  std::map<std::string, ScenarioKey> m_keys;
  std::map<std::string, std::string> m_images;
  std::map<std::string, std::string> m_files;
  std::string m_card_dir;
  std::string m_bdf = "0000:03:00.0";
};

}  // namespace secnic::campaign
