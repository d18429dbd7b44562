#include "model/card/card_directory.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace secnic::card {

namespace fs = std::filesystem;

CardDirectory::CardDirectory(const std::string& dir) {
  std::error_code ec;
  const fs::path abs = fs::absolute(dir, ec);
  m_dir = (ec ? fs::path(dir) : abs).lexically_normal().string();
  while (m_dir.size() > 1 && m_dir.back() == '/') m_dir.pop_back();
}

CardConfig CardDirectory::load_config() const {
  std::error_code ec;
  if (!fs::is_directory(m_dir, ec)) throw CardConfigError(m_dir + ": no such card directory");
  std::ifstream in(config_path());
  if (!in) throw CardConfigError(config_path() + ": cannot read (not a card directory?)");
  std::stringstream text;
  text << in.rdbuf();
  return config_from_json(text.str(), config_path());
}

void CardDirectory::create(const CardConfig& config) const {
  std::error_code ec;
  if (fs::exists(m_dir, ec)) {
    if (!fs::is_directory(m_dir, ec))
      throw CardConfigError(m_dir + ": exists and is not a directory");
    if (!fs::is_empty(m_dir, ec)) throw CardConfigError(m_dir + ": directory is not empty");
  } else if (!fs::create_directories(m_dir, ec) || ec) {
    throw CardConfigError(m_dir + ": cannot create directory: " + ec.message());
  }
  save_config(config);
}

void CardDirectory::save_config(const CardConfig& config) const {
  const std::string tmp = config_path() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << to_json(config);
    if (!out) throw CardConfigError(tmp + ": cannot write");
  }
  std::error_code ec;
  fs::rename(tmp, config_path(), ec);
  if (ec) throw CardConfigError(config_path() + ": cannot write: " + ec.message());
}

}  // namespace secnic::card
