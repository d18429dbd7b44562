// A compact binary trace of config-space accesses: what `record:` writes and `replay:` reads.
//
// File layout (big-endian, declared with secnic::layout fields in config_trace.cpp): a 16-byte
// header (magic "SNCFGTRC", format version, record size) followed by one 8-byte record per access:
// direction, whether the function answered, access size, offset, and the value read or written.
// About 0.66 MB for one `mstflint q`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace secnic::hostlink {

struct ConfigAccess {
  enum class Direction : uint8_t { kRead, kWrite };

  Direction direction = Direction::kRead;
  uint8_t size = 4;       // 1, 2 or 4
  uint16_t offset = 0;    // 0..0xfff, aligned to size
  uint32_t value = 0;     // the value read (as returned by the function) or written
  bool completed = true;  // false: the function refused the access

  friend bool operator==(const ConfigAccess& a, const ConfigAccess& b) {
    return a.direction == b.direction && a.size == b.size && a.offset == b.offset &&
           a.value == b.value && a.completed == b.completed;
  }
};

// "read 4 bytes at 0x58 -> 0x0000020b", "write 4 bytes at 0x58 <- 0x000f0014 (refused)".
std::string describe(const ConfigAccess& access);

// Appends accesses to a new trace file. Records are buffered and written when the buffer fills, on
// flush(), on destruction, and when the process exits (so a trace survives exit() in a host tool
// that never destroys its devices). A child forked by the recording process records nothing: one
// trace follows one process.
class ConfigTraceWriter {
 public:
  // Creates or truncates `path` and writes the header. Throws DeviceSpecError if it cannot.
  explicit ConfigTraceWriter(const std::string& path);
  ~ConfigTraceWriter();
  ConfigTraceWriter(const ConfigTraceWriter&) = delete;
  ConfigTraceWriter& operator=(const ConfigTraceWriter&) = delete;

  // Throws std::invalid_argument for an access outside the config space (a caller bug). A write
  // error is reported once on stderr and stops the recording; the accesses themselves are not
  // affected.
  void append(const ConfigAccess& access);
  void flush();

  const std::string& path() const { return m_path; }

  // Process hooks (exit, fork), also usable by tests.
  static void flush_all_and_write_through();
  static void forget_all_in_child();

 private:
  void write_out(const uint8_t* data, size_t size);

  std::string m_path;
  int m_fd = -1;
  std::vector<uint8_t> m_buffer;
  bool m_write_through = false;  // after the exit flush: every record goes straight to the file
  bool m_stopped = false;        // write error, or inherited by a forked child
};

// Loads a whole trace. Throws DeviceSpecError naming the file (and the record) if it cannot be
// read, has the wrong magic or version, ends in a partial record, or holds an impossible access.
std::vector<ConfigAccess> load_config_trace(const std::string& path);

}  // namespace secnic::hostlink
