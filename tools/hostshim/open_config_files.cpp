#include "tools/hostshim/open_config_files.h"

#include <type_traits>

namespace secnic::hostshim {
namespace {

static_assert(std::is_trivially_default_constructible_v<std::atomic<OpenConfigFile*>>,
              "the descriptor table must need no constructor");
OpenConfigFiles g_open_config_files;

}  // namespace

OpenConfigFiles& open_config_files() { return g_open_config_files; }

void OpenConfigFiles::add(int fd, OpenConfigFile* file) {
  file->descriptors.fetch_add(1, std::memory_order_relaxed);
  m_files[fd].store(file, std::memory_order_release);
}

void OpenConfigFiles::remove(int fd) {
  if (static_cast<unsigned>(fd) >= static_cast<unsigned>(kMaxDescriptor)) return;
  OpenConfigFile* file = m_files[fd].exchange(nullptr, std::memory_order_acq_rel);
  if (file != nullptr && file->descriptors.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete file;
}

void OpenConfigFiles::remove_range(unsigned first, unsigned last) {
  const unsigned end = last < static_cast<unsigned>(kMaxDescriptor) ? last + 1 : kMaxDescriptor;
  for (unsigned fd = first; fd < end; ++fd) {
    if (m_files[fd].load(std::memory_order_relaxed) != nullptr) remove(static_cast<int>(fd));
  }
}

}  // namespace secnic::hostshim
