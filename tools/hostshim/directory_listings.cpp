#include "tools/hostshim/directory_listings.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace secnic::hostshim {

DirectoryListings& directory_listings() {
  static auto* listings = new DirectoryListings;
  return *listings;
}

void DirectoryListings::add(DIR* stream, std::vector<std::string> extra,
                            std::vector<std::string> shadowed, bool synthetic_only) {
  std::lock_guard<std::mutex> lock(m_mutex);
  Listing& listing = m_listings[stream];
  listing = Listing{};
  listing.extra = std::move(extra);
  listing.shadowed = std::move(shadowed);
  listing.synthetic_only = synthetic_only;
  m_count.store(static_cast<int>(m_listings.size()), std::memory_order_release);
}

void DirectoryListings::remove(DIR* stream) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_listings.erase(stream);
  m_count.store(static_cast<int>(m_listings.size()), std::memory_order_release);
}

void DirectoryListings::rewind(DIR* stream) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_listings.find(stream);
  if (it == m_listings.end()) return;
  it->second.real_done = false;
  it->second.next_extra = 0;
}

dirent64* DirectoryListings::next(DIR* stream, dirent64* (*next_real)(DIR*), bool& tracked) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_listings.find(stream);
  tracked = it != m_listings.end();
  if (!tracked) return nullptr;
  Listing& listing = it->second;
  while (!listing.synthetic_only && !listing.real_done) {
    dirent64* real = next_real(stream);
    if (real == nullptr) {
      listing.real_done = true;
      break;
    }
    const auto& shadowed = listing.shadowed;
    if (std::find(shadowed.begin(), shadowed.end(), real->d_name) == shadowed.end()) return real;
  }
  if (listing.next_extra >= listing.extra.size()) return nullptr;
  const std::string& name = listing.extra[listing.next_extra++];
  dirent64& entry = listing.entry;
  entry = dirent64{};
  entry.d_ino = std::hash<std::string>{}(name) | 1;  // nonzero: some programs skip d_ino == 0
  entry.d_off = static_cast<off64_t>(listing.next_extra);
  entry.d_reclen = sizeof(dirent64);
  entry.d_type = name == "." || name == ".." ? DT_DIR : (listing.synthetic_only ? DT_REG : DT_DIR);
  std::strncpy(entry.d_name, name.c_str(), sizeof entry.d_name - 1);
  return &entry;
}

}  // namespace secnic::hostshim
