#include "model/card/shared_state_file.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "model/card/process_liveness.h"

namespace secnic::card {
namespace {

constexpr uint64_t kFileMagic = 0x5345434e49435354ull;  // "SECNICST"

struct Header {
  uint64_t magic;
  uint64_t layout_tag;
  uint64_t payload_size;
  uint64_t reserved;
};
static_assert(sizeof(Header) == 32);

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

SharedStateMapping::SharedStateMapping(const std::string& path, uint64_t layout_tag,
                                       size_t payload_size, MappingSharing sharing)
    : m_payload_size(payload_size) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("cannot open card state " + path);
  m_length = sizeof(Header) + payload_size;
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    errno = err;
    throw_errno("cannot stat card state " + path);
  }
  const bool right_size = static_cast<size_t>(st.st_size) == m_length;
  if (!right_size && ::ftruncate(fd, static_cast<off_t>(m_length)) != 0) {
    const int err = errno;
    ::close(fd);
    errno = err;
    throw_errno("cannot size card state " + path);
  }
  m_base = ::mmap(nullptr, m_length, PROT_READ | PROT_WRITE,
                  sharing == MappingSharing::kShared ? MAP_SHARED : MAP_PRIVATE, fd, 0);
  const int err = errno;
  ::close(fd);
  if (m_base == MAP_FAILED) {
    m_base = nullptr;
    errno = err;
    throw_errno("cannot map card state " + path);
  }
  auto* header = static_cast<Header*>(m_base);
  m_payload = static_cast<uint8_t*>(m_base) + sizeof(Header);
  if (!right_size || header->magic != kFileMagic || header->layout_tag != layout_tag ||
      header->payload_size != payload_size) {
    clear();
    header->magic = kFileMagic;
    header->layout_tag = layout_tag;
    header->payload_size = payload_size;
    header->reserved = 0;
    m_was_reset = true;
  }
}

SharedStateMapping::~SharedStateMapping() {
  if (m_base) ::munmap(m_base, m_length);
}

void SharedStateMapping::clear() { std::memset(m_payload, 0, m_payload_size); }

void SharedStateMapping::save_to(const std::string& path) const {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("cannot create " + path);
  const auto* p = static_cast<const uint8_t*>(m_base);
  size_t left = m_length;
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      errno = err;
      throw_errno("cannot write " + path);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::close(fd) != 0) throw_errno("cannot write " + path);
}

struct CardLock::Shared {
  uint64_t magic;
  std::atomic<int32_t> owner;  // pid of the holder, 0 = free
};
static_assert(std::atomic<int32_t>::is_always_lock_free,
              "the card lock must work across processes");

namespace {
constexpr uint64_t kLockMagic = 0x534e49434c4f434cull;  // "SNICLOCL"

// getpid() without a system call per lock (a burn takes the lock millions of times); forked
// children refresh it.
int32_t g_lock_pid = static_cast<int32_t>(::getpid());
const bool g_lock_pid_refresh = [] {
  ::pthread_atfork(nullptr, nullptr, [] { g_lock_pid = static_cast<int32_t>(::getpid()); });
  return true;
}();
}  // namespace

CardLock::CardLock(const std::string& lock_path, MappingSharing sharing) {
  if (sharing == MappingSharing::kPrivate) {
    void* base =
        ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) throw_errno("cannot map a private card lock");
    m_shared = static_cast<Shared*>(base);
    m_shared->owner.store(0);
    m_shared->magic = kLockMagic;
    return;
  }
  const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw_errno("cannot open card lock " + lock_path);
  // Only the first process to see the file initialises it; flock orders that one-time step.
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      const int err = errno;
      ::close(fd);
      errno = err;
      throw_errno("cannot lock card lock " + lock_path);
    }
  }
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0;
  if (ok && static_cast<size_t>(st.st_size) < sizeof(Shared)) {
    ok = ::ftruncate(fd, sizeof(Shared)) == 0;
  }
  void* base =
      ok ? ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) : MAP_FAILED;
  const int err = errno;
  if (base != MAP_FAILED) {
    m_shared = static_cast<Shared*>(base);
    if (m_shared->magic != kLockMagic) {
      m_shared->owner.store(0);
      m_shared->magic = kLockMagic;
    }
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  if (!m_shared) {
    errno = err;
    throw_errno("cannot map card lock " + lock_path);
  }
}

CardLock::~CardLock() {
  unlock();
  if (m_shared) ::munmap(m_shared, sizeof(Shared));
}

void CardLock::lock() {
  if (m_held) return;
  (void)g_lock_pid_refresh;
  const int32_t me = g_lock_pid;
  m_owner_died = false;
  for (unsigned spins = 0;; ++spins) {
    int32_t expected = 0;
    if (m_shared->owner.compare_exchange_strong(expected, me, std::memory_order_acquire)) break;
    if (expected == me) break;  // a previous process with our pid died holding it (pid reuse)
    if (process_gone(expected) &&
        m_shared->owner.compare_exchange_strong(expected, me, std::memory_order_acquire)) {
      m_owner_died = true;
      break;
    }
    if (spins < 64) {
      ::sched_yield();
    } else {
      ::usleep(50);
    }
  }
  m_held = true;
}

void CardLock::unlock() {
  if (!m_held) return;
  m_shared->owner.store(0, std::memory_order_release);
  m_held = false;
}

}  // namespace secnic::card
