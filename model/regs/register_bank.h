// A RegisterBank is one address space of a device (PCI config space, CR space, ICMD space, ...):
// declared registers, memory regions (byte arrays such as a mailbox) and windows (address ranges
// served by callbacks, e.g. a child bank mounted inside a parent or a range forwarded elsewhere).
// Host accesses are decoded by table lookup over those declarations; an access may have any length
// and any alignment and is split at entry boundaries, each register seeing one read or one write
// with the byte lanes it covers.
//
// Byte order: the data buffer of an access is in bus order, byte i being the byte at address
// offset+i; register values are little-endian on the bus (PCI and TLM on the hosts we support).
//
// Gaps inside the bank get the bank's UnmappedAccess answer; accesses past the bank's size always
// fail. Overlapping declarations are a simulator bug and throw std::logic_error.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/regs/register.h"

namespace secnic::model {

enum class BankResponse : uint8_t {
  kOk,
  kAddressError,  // outside the bank, or unmapped with UnmappedAccess::kAddressError
};

enum class UnmappedAccess : uint8_t {
  kReadZeroIgnoreWrite,  // reads return 0, writes are dropped; logged at debug level
  kAddressError,         // the access fails as a whole before any side effect; logged as a warning
};

enum class ByteOrder : uint8_t {
  kLittleEndian,     // address offset+i holds storage byte i
  kBigEndianDwords,  // the dword at 4k has the big-endian value of storage bytes 4k..4k+3
};

// A byte array mapped into a bank. Storage is external (state struct); size is a multiple of 4 for
// kBigEndianDwords.
struct MemoryRegion {
  std::string name;
  uint32_t offset;
  uint32_t size;
  uint8_t* storage;
  ByteOrder order;
  bool writable;
};

class RegisterBank {
 public:
  // Serves [offset, offset+length) of a window, `offset` relative to the window's base.
  using WindowRead =
      std::function<BankResponse(uint32_t offset, uint8_t* data, uint32_t length, bool debug)>;
  using WindowWrite = std::function<BankResponse(uint32_t offset, const uint8_t* data,
                                                 uint32_t length, bool debug)>;

  RegisterBank(std::string name, uint64_t size,
               UnmappedAccess unmapped = UnmappedAccess::kReadZeroIgnoreWrite);
  RegisterBank(const RegisterBank&) = delete;
  RegisterBank& operator=(const RegisterBank&) = delete;

  // Declares a register (policy read-write, all bits writable, until the declaration says
  // otherwise).
  Register& add_register(std::string name, uint32_t offset, unsigned size,
                         uint32_t reset_value = 0);
  const MemoryRegion& add_region(std::string name, uint32_t offset, uint32_t size, uint8_t* storage,
                                 ByteOrder order, bool writable = true);
  void add_window(std::string name, uint32_t offset, uint32_t size, WindowRead read,
                  WindowWrite write);
  // Maps `child` (which must outlive this bank) at `offset`, spanning child.size() bytes.
  void mount(uint32_t offset, RegisterBank& child);

  BankResponse read(uint64_t offset, uint8_t* data, uint32_t length, bool debug = false);
  BankResponse write(uint64_t offset, const uint8_t* data, uint32_t length, bool debug = false);
  // Little-endian value convenience for 1..4-byte accesses.
  BankResponse read_value(uint64_t offset, unsigned size, uint32_t& value, bool debug = false);
  BankResponse write_value(uint64_t offset, unsigned size, uint32_t value, bool debug = false);

  // Every declared register to its reset value (regions and windows are not touched). With shared
  // storage this is a power-on reset: call it only when the device is (re)powered, never on
  // construction.
  void reset();

  // Lookup by name, for tests and tools; nullptr when absent.
  Register* find_register(const std::string& name);
  Register* register_at(uint32_t offset);

  const std::string& name() const { return m_name; }
  uint64_t size() const { return m_size; }
  UnmappedAccess unmapped_access() const { return m_unmapped; }

 private:
  enum class Kind : uint8_t { kRegister, kRegion, kWindow };
  struct Window {
    std::string name;
    WindowRead read;
    WindowWrite write;
  };
  struct Entry {
    uint64_t begin;
    uint64_t end;
    Kind kind;
    size_t index;  // into m_registers, m_regions or m_windows
  };

  void insert(const std::string& name, uint64_t begin, uint64_t end, Kind kind, size_t index);
  const std::string& entry_name(const Entry& entry) const;
  // Visits the pieces of [offset, offset+length): entries and gaps (entry == nullptr).
  template <class Visitor>
  BankResponse walk(uint64_t offset, uint64_t length, Visitor&& visit);
  // Range check, and with UnmappedAccess::kAddressError the no-gap check, before any side effect.
  BankResponse check_access(uint64_t offset, uint32_t length, bool is_write, bool debug);

  std::string m_name;
  uint64_t m_size;
  UnmappedAccess m_unmapped;
  std::deque<Register> m_registers;  // deque: references stay valid as declarations are added
  std::deque<MemoryRegion> m_regions;
  std::deque<Window> m_windows;
  std::vector<Entry> m_entries;  // sorted by begin, non-overlapping
};

}  // namespace secnic::model
