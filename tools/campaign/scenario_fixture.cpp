#include "tools/campaign/scenario_fixture.h"

#include <filesystem>
#include <fstream>

namespace secnic::campaign {
namespace fs = std::filesystem;

ScenarioFixture::ScenarioFixture(const YAML::Node& document, const std::string& scenario_file,
                                 const std::string& work_dir, const std::string& secnic_binary)
    : m_reader(scenario_file),
      m_scenario_dir(fs::absolute(scenario_file).parent_path().string()),
      m_work_dir(fs::absolute(work_dir).string()),
      m_secnic(secnic_binary) {
  std::error_code error;
  fs::create_directories(m_work_dir, error);
  if (error)
    throw ScenarioError(m_work_dir + ": cannot create the work directory: " + error.message());
  if (const YAML::Node keys = document["keys"]) {
    if (!keys.IsMap()) m_reader.fail(keys, "keys: expected a mapping of key names");
    for (const auto& entry : keys) build_key(entry.first.Scalar(), entry.second);
  }
  if (const YAML::Node images = document["images"]) {
    if (!images.IsMap()) m_reader.fail(images, "images: expected a mapping of image names");
    for (const auto& entry : images) build_image(entry.first.Scalar(), entry.second);
  }
  const YAML::Node card = m_reader.child(document, "card", true);
  build_card(card);
  if (const YAML::Node files = document["files"]) {
    if (!files.IsMap()) m_reader.fail(files, "files: expected a mapping of file names");
    for (const auto& entry : files) build_file(entry.first.Scalar(), entry.second);
  }
}

std::string ScenarioFixture::resolve(const std::string& path) const {
  if (path.empty() || path[0] == '/') return path;
  return (fs::path(m_scenario_dir) / path).lexically_normal().string();
}

void ScenarioFixture::step_failed(const YAML::Node& node, const std::string& what,
                                  const ProcessResult& result) const {
  std::string output = result.output;
  if (output.size() > 2000) output = output.substr(0, 2000) + "...";
  m_reader.fail(node, what + " failed (exit " + std::to_string(result.exit_code) + "): " + output);
}

void ScenarioFixture::build_key(const std::string& name, const YAML::Node& node) {
  m_reader.expect_keys(node, "keys." + name, {"private", "uuid"});
  ScenarioKey key;
  key.private_pem = resolve(m_reader.string(node, "private"));
  key.uuid = m_reader.string(node, "uuid");
  if (key.uuid.size() != 32 ||
      key.uuid.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    m_reader.fail(node["uuid"], "keys." + name + ".uuid: expected 32 hex digits");
  }
  if (!fs::exists(key.private_pem)) {
    m_reader.fail(node["private"], "keys." + name + ".private: no such file " + key.private_pem);
  }
  key.public_pem = m_work_dir + "/" + name + ".pub.pem";
  const ProcessResult r =
      run_process({"openssl", "pkey", "-in", key.private_pem, "-pubout", "-out", key.public_pem});
  if (r.exit_code != 0) step_failed(node, "keys." + name + ": deriving the public key", r);
  m_keys[name] = key;
}

const ScenarioKey& ScenarioFixture::key(const std::string& name) const {
  auto it = m_keys.find(name);
  if (it == m_keys.end()) throw ScenarioError(m_reader.file() + ": no key named '" + name + "'");
  return it->second;
}

std::string ScenarioFixture::image(const std::string& name) const {
  auto it = m_images.find(name);
  if (it == m_images.end())
    throw ScenarioError(m_reader.file() + ": no image named '" + name + "'");
  return it->second;
}

void ScenarioFixture::build_image(const std::string& name, const YAML::Node& node) {
  const std::string what = "images." + name;
  if (name.empty() ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    m_reader.fail(node, what + ": image names are lower-case letters, digits and _");
  }
  if (name == "bdf" || name == "card" || name == "work") {
    m_reader.fail(node, what + ": '" + name + "' is reserved");
  }
  m_reader.expect_keys(
      node, what,
      {"file", "component_of", "fw_version", "psid", "size", "seed", "sign", "list_keys",
       "forbidden_versions", "secure_fw", "release_date", "product_version", "description"});
  if (auto file = m_reader.optional_string(node, "file")) {
    const std::string path = resolve(*file);
    if (!fs::exists(path)) m_reader.fail(node["file"], what + ".file: no such file " + path);
    m_images[name] = path;
    return;
  }
  const std::string out = m_work_dir + "/" + name + ".bin";
  if (auto source = m_reader.optional_string(node, "component_of")) {
    // The MCC component a tool sends for that image (what a scripted host downloads).
    const ProcessResult r = secnic({"image", "component", image(*source), "-o", out});
    if (r.exit_code != 0) step_failed(node, what + ": secnic image component", r);
    m_images[name] = out;
    return;
  }
  std::vector<std::string> args = {
      "image",        "create",
      "-o",           out,
      "--fw-version", m_reader.string(node, "fw_version"),
      "--psid",       m_reader.optional_string(node, "psid").value_or("MT_2420110034")};
  if (auto size = m_reader.optional_size(node, "size")) {
    args.insert(args.end(), {"--size", std::to_string(*size)});
  }
  if (auto seed = m_reader.optional_size(node, "seed")) {
    args.insert(args.end(), {"--seed", std::to_string(*seed)});
  }
  if (auto sign = m_reader.optional_string(node, "sign")) {
    const ScenarioKey& k = key(*sign);
    args.insert(args.end(), {"--key", k.private_pem, "--key-uuid", k.uuid});
  }
  for (const auto& listed : m_reader.string_list(node, "list_keys")) {
    const ScenarioKey& k = key(listed);
    args.insert(args.end(), {"--trusted-key", k.public_pem + ":" + k.uuid});
  }
  for (const auto& v : m_reader.string_list(node, "forbidden_versions")) {
    args.insert(args.end(), {"--forbidden-version", v});
  }
  if (m_reader.optional_bool(node, "secure_fw").value_or(false)) args.push_back("--secure-fw");
  if (auto d = m_reader.optional_string(node, "release_date")) {
    args.insert(args.end(), {"--release-date", *d});
  }
  if (auto p = m_reader.optional_string(node, "product_version")) {
    args.insert(args.end(), {"--product-version", *p});
  }
  if (auto d = m_reader.optional_string(node, "description")) {
    args.insert(args.end(), {"--description", *d});
  }
  const ProcessResult r = secnic(args);
  if (r.exit_code != 0) step_failed(node, what + ": secnic image create", r);
  m_images[name] = out;
}

void ScenarioFixture::build_file(const std::string& name, const YAML::Node& node) {
  const std::string what = "files." + name;
  if (name.empty() ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    m_reader.fail(node, what + ": file names are lower-case letters, digits and _");
  }
  if (m_images.count(name) || name == "bdf" || name == "card" || name == "work" || name == "bin") {
    m_reader.fail(node, what + ": '" + name + "' is already taken");
  }
  m_reader.expect_keys(node, what, {"text"});
  const std::string path = m_work_dir + "/" + name + ".yaml";
  std::ofstream out(path, std::ios::trunc);
  out << expand(m_reader.string(node, "text"));
  if (!out) m_reader.fail(node, what + ": cannot write " + path);
  m_files[name] = path;
}

void ScenarioFixture::build_card(const YAML::Node& node) {
  m_reader.expect_keys(node, "card",
                       {"image", "blank", "trusted_keys", "secure", "bdf", "psid",
                        "forbidden_versions", "seed", "test_only_unsafe_in_place_update"});
  m_card_dir = m_work_dir + "/card";
  std::error_code error;
  fs::remove_all(m_card_dir, error);
  std::vector<std::string> args = {"card", "create", m_card_dir};
  if (m_reader.optional_bool(node, "blank").value_or(false)) {
    args.push_back("--blank");
  } else {
    args.insert(args.end(), {"--image", image(m_reader.string(node, "image"))});
  }
  for (const auto& name : m_reader.string_list(node, "trusted_keys")) {
    const ScenarioKey& k = key(name);
    args.insert(args.end(), {"--trusted-key", k.public_pem + ":" + k.uuid});
  }
  if (!m_reader.optional_bool(node, "secure").value_or(true)) args.push_back("--insecure");
  if (auto bdf = m_reader.optional_string(node, "bdf")) {
    args.insert(args.end(), {"--bdf", *bdf});
    m_bdf = *bdf;
  } else {
    args.insert(args.end(), {"--bdf", m_bdf});
  }
  if (auto psid = m_reader.optional_string(node, "psid"))
    args.insert(args.end(), {"--psid", *psid});
  for (const auto& v : m_reader.string_list(node, "forbidden_versions")) {
    args.insert(args.end(), {"--forbidden-version", v});
  }
  if (auto seed = m_reader.optional_size(node, "seed")) {
    args.insert(args.end(), {"--seed", std::to_string(*seed)});
  }
  if (m_reader.optional_bool(node, "test_only_unsafe_in_place_update").value_or(false)) {
    args.push_back("--test-only-unsafe-in-place-update");
  }
  const ProcessResult r = secnic(args);
  if (r.exit_code != 0) step_failed(node, "card: secnic card create", r);
}

std::string ScenarioFixture::expand(const std::string& text) const {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 2, "${") != 0) {
      out.push_back(text[i++]);
      continue;
    }
    const size_t close = text.find('}', i);
    if (close == std::string::npos) {
      throw ScenarioError(m_reader.file() + ": unterminated ${ in '" + text + "'");
    }
    const std::string name = text.substr(i + 2, close - i - 2);
    if (name == "bdf") {
      out += m_bdf;
    } else if (name == "card") {
      out += m_card_dir;
    } else if (name == "work") {
      out += m_work_dir;
    } else if (name == "bin") {
      out += fs::path(m_secnic).parent_path().string();
    } else if (m_files.count(name)) {
      out += m_files.at(name);
    } else if (m_images.count(name)) {
      out += m_images.at(name);
    } else {
      throw ScenarioError(m_reader.file() + ": '${" + name + "}' in '" + text +
                          "' names no image or file (nor bdf, card, work, bin)");
    }
    i = close + 1;
  }
  return out;
}

ProcessResult ScenarioFixture::secnic(const std::vector<std::string>& args,
                                      const ProcessOptions& options) const {
  std::vector<std::string> argv = {m_secnic};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, options);
}

ProcessResult ScenarioFixture::run_host(const std::string& command_line,
                                        const std::string& card_dir,
                                        const ProcessOptions& options) const {
  std::vector<std::string> words;
  try {
    words = split_command_line(expand(command_line));
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(m_reader.file() + ": '" + command_line + "': " + e.what());
  }
  if (words.empty()) throw ScenarioError(m_reader.file() + ": an empty host command");
  std::vector<std::string> args = {"run", "--card", card_dir, "--"};
  args.insert(args.end(), words.begin(), words.end());
  return secnic(args, options);
}

void ScenarioFixture::clone_card(const std::string& source, const std::string& destination) {
  std::error_code error;
  fs::remove_all(destination, error);
  fs::create_directories(destination);
  for (const char* file : {"card.json", "flash.bin", "state.bin"}) {
    fs::copy_file(fs::path(source) / file, fs::path(destination) / file,
                  fs::copy_options::overwrite_existing);
  }
}

}  // namespace secnic::campaign
