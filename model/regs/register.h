// One declared register: name, offset, size, reset value, access policy, writable-bit mask, storage
// and callbacks. A RegisterBank decodes host accesses to its registers by table lookup; device code
// reads and writes a register's value with get()/set(), which bypass the policy and the callbacks.
//
// Storage: by default a register keeps its value in the object, which is right for constants
// (read-only identification registers). Registers holding volatile device state bind external
// storage (a word of a state struct in shared memory, see state_layout.h) so that no state hides in
// the model object.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace secnic::model {

enum class AccessPolicy : uint8_t {
  kReadOnly,         // host writes are ignored and logged as a host error
  kReadWrite,        // writable bits take the written value
  kWriteOnly,        // host reads return 0
  kWriteOneToClear,  // a 1 written to a writable bit clears it, a 0 leaves it
  kWriteOneToSet,    // a 1 written to a writable bit sets it, a 0 leaves it
};

const char* to_string(AccessPolicy policy);

class Register {
 public:
  // Called on a host (non-debug) read instead of returning the stored value; may update the
  // register (e.g. a ticket counter). Returns the value the host sees.
  using ReadHook = std::function<uint32_t()>;
  // Called on a host write with the value the policy and masks produced and the current value;
  // returns what is stored (e.g. a semaphore that ignores a second taker returns `current`).
  using WriteHook = std::function<uint32_t(uint32_t proposed, uint32_t current)>;
  // Called after a host write has been stored, for side effects (start a command, forward a
  // transaction).
  using AfterWriteHook = std::function<void(uint32_t stored)>;

  // `size` is 1, 2 or 4 bytes; `offset` is relative to the bank. Throws std::invalid_argument
  // otherwise.
  Register(std::string name, uint32_t offset, unsigned size, uint32_t reset_value);
  Register(const Register&) = delete;
  Register& operator=(const Register&) = delete;

  // Declaration (each returns *this so a declaration reads as one statement).
  Register& policy(AccessPolicy policy);
  Register& read_only() { return policy(AccessPolicy::kReadOnly); }
  Register& read_write() { return policy(AccessPolicy::kReadWrite); }
  Register& write_only() { return policy(AccessPolicy::kWriteOnly); }
  Register& write_one_to_clear() { return policy(AccessPolicy::kWriteOneToClear); }
  Register& write_one_to_set() { return policy(AccessPolicy::kWriteOneToSet); }
  // Bits the host may change; the others keep their value on a write (default: all bits of the
  // register).
  Register& writable_bits(uint32_t mask);
  // Keeps the value in `word` from now on. Does not reset it: shared state survives model
  // construction.
  Register& storage(uint32_t& word);
  Register& on_read(ReadHook hook);
  Register& on_write(WriteHook hook);
  Register& after_write(AfterWriteHook hook);

  // Device side: no policy, no callbacks, no logging.
  uint32_t get() const { return *m_storage & m_value_mask; }
  void set(uint32_t value) { *m_storage = value & m_value_mask; }
  void reset() { set(m_reset_value); }

  // Host side. `byte_mask` has 0xff for each byte lane the access covers. Debug accesses neither
  // run callbacks nor log (they observe and poke state without side effects).
  uint32_t bus_read(bool debug);
  void bus_write(uint32_t value, uint32_t byte_mask, bool debug);

  const std::string& name() const { return m_name; }
  uint32_t offset() const { return m_offset; }
  unsigned size() const { return m_size; }
  uint32_t reset_value() const { return m_reset_value; }
  AccessPolicy access_policy() const { return m_policy; }
  uint32_t writable_mask() const { return m_writable; }

 private:
  std::string m_name;
  uint32_t m_offset;
  unsigned m_size;
  uint32_t m_value_mask;
  uint32_t m_reset_value;
  AccessPolicy m_policy = AccessPolicy::kReadWrite;
  uint32_t m_writable;
  uint32_t m_local_value;  // storage when none is bound (constants)
  uint32_t* m_storage;
  ReadHook m_on_read;
  WriteHook m_on_write;
  AfterWriteHook m_after_write;
};

}  // namespace secnic::model
