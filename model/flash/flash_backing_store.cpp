#include "model/flash/flash_backing_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace secnic::model {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
  throw FlashBackingError("flash backing file " + path + ": " + what +
                          (err != 0 ? std::string(": ") + std::strerror(err) : std::string()));
}

void* map_anonymous(size_t size, void* at) {
  const int fixed = at != nullptr ? MAP_FIXED : 0;
  void* p = ::mmap(at, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | fixed, -1, 0);
  return p == MAP_FAILED ? nullptr : p;
}

// Creates `path` as an erased image of `size` bytes. The image is built under a temporary name and
// linked into place, so no process ever sees a partial file; if another process created the file
// meanwhile, its file wins.
void create_erased(const std::string& path, size_t size) {
  const std::string temp = path + ".new." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail(path, "cannot create", errno);
  const std::vector<uint8_t> erased(64u << 10, 0xFF);
  size_t done = 0;
  while (done < size) {
    const size_t n = std::min(erased.size(), size - done);
    const ssize_t w = ::write(fd, erased.data(), n);
    if (w <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      fail(path, "cannot write erased image", err);
    }
    done += static_cast<size_t>(w);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  const int linked = synced ? ::link(temp.c_str(), path.c_str()) : -1;
  const int err = errno;
  ::unlink(temp.c_str());
  if (linked != 0 && !(synced && err == EEXIST)) fail(path, "cannot create", err);
}

}  // namespace

FlashBackingStore::FlashBackingStore(size_t size) : m_size(size) {
  m_data = static_cast<uint8_t*>(map_anonymous(size, nullptr));
  if (m_data == nullptr) {
    throw FlashBackingError("cannot allocate " + std::to_string(size) + " bytes of flash array");
  }
  std::memset(m_data, 0xFF, size);
}

FlashBackingStore::FlashBackingStore(const std::string& path, size_t size, FlashBacking mode)
    : m_size(size), m_mode(mode), m_path(path) {
  if (mode == FlashBacking::kInMemory) {
    throw FlashBackingError("flash backing file " + path + ": kInMemory takes no file");
  }
  map_file(mode);
}

void FlashBackingStore::map_file(FlashBacking mode) {
  const bool shared = mode == FlashBacking::kSharedFile;
  m_fd = ::open(m_path.c_str(), (shared ? O_RDWR : O_RDONLY) | O_CLOEXEC);
  if (m_fd < 0 && errno == ENOENT && shared) {
    create_erased(m_path, m_size);
    m_fd = ::open(m_path.c_str(), O_RDWR | O_CLOEXEC);
  }
  if (m_fd < 0) fail(m_path, "cannot open", errno);
  struct stat st {};
  if (::fstat(m_fd, &st) != 0) {
    const int err = errno;
    ::close(m_fd);
    fail(m_path, "cannot stat", err);
  }
  if (!S_ISREG(st.st_mode) || static_cast<uint64_t>(st.st_size) != m_size) {
    ::close(m_fd);
    fail(m_path,
         !S_ISREG(st.st_mode) ? std::string("not a regular file")
                              : "is " + std::to_string(st.st_size) + " bytes, the part holds " +
                                    std::to_string(m_size),
         0);
  }
  void* p =
      ::mmap(nullptr, m_size, PROT_READ | PROT_WRITE, shared ? MAP_SHARED : MAP_PRIVATE, m_fd, 0);
  if (p == MAP_FAILED) {
    const int err = errno;
    ::close(m_fd);
    fail(m_path, "cannot map", err);
  }
  m_data = static_cast<uint8_t*>(p);
}

FlashBackingStore::~FlashBackingStore() {
  if (m_data != nullptr) ::munmap(m_data, m_size);
  if (m_fd >= 0) ::close(m_fd);
}

void FlashBackingStore::make_private() {
  if (m_mode != FlashBacking::kSharedFile) return;
  void* copy = map_anonymous(m_size, nullptr);
  if (copy == nullptr) throw FlashBackingError("cannot allocate a private copy of " + m_path);
  std::memcpy(copy, m_data, m_size);
  // Move the copy onto the old address: readers holding m_data (DMI) keep a valid pointer.
  void* moved = ::mremap(copy, m_size, m_size, MREMAP_MAYMOVE | MREMAP_FIXED, m_data);
  if (moved == MAP_FAILED) {
    const int err = errno;
    ::munmap(copy, m_size);
    fail(m_path, "cannot detach", err);
  }
  ::close(m_fd);
  m_fd = -1;
  m_mode = FlashBacking::kInMemory;
}

void FlashBackingStore::flush() {
  if (m_mode == FlashBacking::kSharedFile && ::msync(m_data, m_size, MS_SYNC) != 0) {
    fail(m_path, "cannot sync", errno);
  }
}

}  // namespace secnic::model
