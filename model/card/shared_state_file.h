// A trivially-copyable state struct kept in a file and mapped MAP_SHARED, so that every process
// that simulates the card (each host-tool invocation runs the model in its own process) sees and
// updates the same volatile state, and a process killed with SIGKILL loses nothing it completed.
// This is the card's RAM while it stays powered: a power cycle re-initialises it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>

namespace secnic::card {

// kShared: the file is the card's RAM for every process. kPrivate: this process starts from the
// file's contents and keeps its changes to itself (copy-on-write; fork() branches it for free) — a
// power-fail campaign's branching card.
enum class MappingSharing { kShared, kPrivate };

class SharedStateMapping {
 public:
  // Maps `path` (created if absent) holding a `payload_size`-byte payload tagged with `layout_tag`.
  // A file with another tag or size (written by another build, or garbage) is re-initialised to
  // zeros, as RAM is after power-up; `was_reset()` tells. Throws std::system_error when the file
  // cannot be opened or mapped.
  SharedStateMapping(const std::string& path, uint64_t layout_tag, size_t payload_size,
                     MappingSharing sharing = MappingSharing::kShared);
  ~SharedStateMapping();
  SharedStateMapping(const SharedStateMapping&) = delete;
  SharedStateMapping& operator=(const SharedStateMapping&) = delete;

  void* payload() const { return m_payload; }
  bool was_reset() const { return m_was_reset; }
  // Zeroes the payload (power-on).
  void clear();
  // Writes the mapping as it is now (header and payload) to `path`, a file another process can map.
  void save_to(const std::string& path) const;

 private:
  void* m_base = nullptr;
  size_t m_length = 0;
  void* m_payload = nullptr;
  size_t m_payload_size = 0;
  bool m_was_reset = false;
};

template <class T>
class SharedState {
  static_assert(std::is_trivially_copyable_v<T>, "shared state must be trivially copyable");

 public:
  SharedState(const std::string& path, uint64_t layout_tag,
              MappingSharing sharing = MappingSharing::kShared)
      : m_mapping(path, layout_tag ^ (uint64_t{sizeof(T)} << 40), sizeof(T), sharing) {}
  T& get() { return *static_cast<T*>(m_mapping.payload()); }
  bool was_reset() const { return m_mapping.was_reset(); }
  void clear() { m_mapping.clear(); }
  void save_to(const std::string& path) const { m_mapping.save_to(path); }

 private:
  SharedStateMapping m_mapping;
};

// The card's lock, held around every access so that two processes (two tools, or a tool and
// `secnic card ...`) never interleave inside the model. It is a process-shared, robust mutex kept
// in a small file mapping (DIR/lock): taking it costs no system call when nobody else holds it (a
// burn takes it millions of times), and when a process dies holding it (a tool killed with SIGKILL
// mid-access) the next taker gets it, and is told (owner_died()).
class CardLock {
 public:
  // kPrivate: a lock only this process (and its forked branches, each their own copy) uses.
  explicit CardLock(const std::string& lock_path, MappingSharing sharing = MappingSharing::kShared);
  ~CardLock();
  CardLock(const CardLock&) = delete;
  CardLock& operator=(const CardLock&) = delete;

  void lock();
  void unlock();
  // True when the last lock() took the mutex from a process that died holding it.
  bool owner_died() const { return m_owner_died; }

 private:
  struct Shared;
  Shared* m_shared = nullptr;
  bool m_held = false;
  bool m_owner_died = false;
};

}  // namespace secnic::card
