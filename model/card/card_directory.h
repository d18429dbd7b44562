// A simulated card is a directory:
//   card.json   its factory configuration (CardConfig; never changed by a firmware update)
//   flash.bin   the 16 MiB SPI NOR flash contents (survive power-off)
//   state.bin   its RAM while powered (CardVolatileState; shared by every process simulating the
//   card) lock        flock'ed around every access
#pragma once

#include <string>

#include "model/card/card_config.h"

namespace secnic::card {

class CardDirectory {
 public:
  // `dir` is made absolute. Does not touch the file system.
  explicit CardDirectory(const std::string& dir);

  const std::string& path() const { return m_dir; }
  std::string config_path() const { return m_dir + "/card.json"; }
  std::string flash_path() const { return m_dir + "/flash.bin"; }
  std::string state_path() const { return m_dir + "/state.bin"; }
  std::string lock_path() const { return m_dir + "/lock"; }

  // Reads and validates card.json. Throws CardConfigError (missing directory or file included).
  CardConfig load_config() const;
  // Creates the directory (it must not exist, or be empty) and writes card.json. Throws
  // CardConfigError when the directory is not usable.
  void create(const CardConfig& config) const;
  // Rewrites card.json.
  void save_config(const CardConfig& config) const;

 private:
  std::string m_dir;
};

}  // namespace secnic::card
