#include "tlm/hostlink/config_trace.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>

#include "firmware_model/layout/be_field.h"
#include "tlm/hostlink/device_spec_error.h"
#include "tlm/hostlink/pci_header.h"

namespace secnic::hostlink {
namespace {

namespace layout = secnic::layout;

// File header.
constexpr layout::Bytes kMagic{0x00, 8};
constexpr layout::Field kVersion{0x08, 0, 32};
constexpr layout::Field kRecordSizeField{0x0c, 0, 32};
constexpr size_t kHeaderSize = 0x10;
constexpr char kMagicText[9] = "SNCFGTRC";
constexpr uint32_t kFormatVersion = 1;

// One access record.
constexpr layout::Field kIsWrite{0x00, 31, 1};
constexpr layout::Field kCompleted{0x00, 30, 1};
constexpr layout::Field kSizeLog2{0x00, 28, 2};
constexpr layout::Field kOffset{0x00, 0, 12};
constexpr layout::Field kValue{0x04, 0, 32};
constexpr size_t kRecordBytes = 8;

constexpr size_t kBufferLimit = 64 * 1024;

uint32_t size_log2(uint8_t size) { return size == 1 ? 0 : size == 2 ? 1 : 2; }

bool is_valid_access(const ConfigAccess& access) {
  return (access.size == 1 || access.size == 2 || access.size == 4) &&
         access.offset < kConfigSpaceSize && access.offset % access.size == 0;
}

// Every live writer, for the exit flush and fork. Leaked on purpose: it must outlive static
// destructors.
struct WriterList {
  std::mutex mutex;
  std::vector<ConfigTraceWriter*> writers;
};
WriterList& writer_list() {
  static auto* list = new WriterList;
  return *list;
}

void child_after_fork() { ConfigTraceWriter::forget_all_in_child(); }

// Runs after every atexit handler of the program (the loader's fini pass), so accesses made by the
// program's own exit handlers are in the trace too.
__attribute__((destructor)) void flush_traces_at_exit() {
  ConfigTraceWriter::flush_all_and_write_through();
}

}  // namespace

std::string describe(const ConfigAccess& access) {
  char text[96];
  if (access.direction == ConfigAccess::Direction::kRead) {
    std::snprintf(text, sizeof text, "read %u bytes at 0x%03x -> 0x%08x%s", unsigned{access.size},
                  unsigned{access.offset}, access.value, access.completed ? "" : " (refused)");
  } else {
    std::snprintf(text, sizeof text, "write %u bytes at 0x%03x <- 0x%08x%s", unsigned{access.size},
                  unsigned{access.offset}, access.value, access.completed ? "" : " (refused)");
  }
  return text;
}

ConfigTraceWriter::ConfigTraceWriter(const std::string& path) : m_path(path) {
  m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (m_fd < 0) {
    throw DeviceSpecError("cannot create trace file '" + path + "': " + std::strerror(errno));
  }
  std::array<uint8_t, kHeaderSize> header{};
  layout::set(header, kMagic, kMagicText, 8);
  layout::set(header, kVersion, kFormatVersion);
  layout::set(header, kRecordSizeField, static_cast<uint32_t>(kRecordBytes));
  m_buffer.reserve(kBufferLimit);
  m_buffer.assign(header.begin(), header.end());
  flush();
  static std::once_flag fork_handler_installed;
  std::call_once(fork_handler_installed,
                 [] { pthread_atfork(nullptr, nullptr, child_after_fork); });
  std::lock_guard<std::mutex> lock(writer_list().mutex);
  writer_list().writers.push_back(this);
}

ConfigTraceWriter::~ConfigTraceWriter() {
  {
    std::lock_guard<std::mutex> lock(writer_list().mutex);
    auto& writers = writer_list().writers;
    writers.erase(std::remove(writers.begin(), writers.end(), this), writers.end());
  }
  flush();
  ::close(m_fd);
}

void ConfigTraceWriter::append(const ConfigAccess& access) {
  if (!is_valid_access(access)) {
    throw std::invalid_argument("trace record for an impossible access: " + describe(access));
  }
  if (m_stopped) return;
  std::array<uint8_t, kRecordBytes> record{};
  layout::set(record, kIsWrite, access.direction == ConfigAccess::Direction::kWrite ? 1 : 0);
  layout::set(record, kCompleted, access.completed ? 1 : 0);
  layout::set(record, kSizeLog2, size_log2(access.size));
  layout::set(record, kOffset, access.offset);
  layout::set(record, kValue, access.value);
  m_buffer.insert(m_buffer.end(), record.begin(), record.end());
  if (m_write_through || m_buffer.size() >= kBufferLimit) flush();
}

void ConfigTraceWriter::flush() {
  if (m_stopped || m_buffer.empty()) {
    m_buffer.clear();
    return;
  }
  write_out(m_buffer.data(), m_buffer.size());
  m_buffer.clear();
}

void ConfigTraceWriter::write_out(const uint8_t* data, size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(m_fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      std::fprintf(stderr, "secnic: recording to '%s' stopped: %s\n", m_path.c_str(),
                   written < 0 ? std::strerror(errno) : "short write");
      m_stopped = true;
      return;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
}

void ConfigTraceWriter::flush_all_and_write_through() {
  std::lock_guard<std::mutex> lock(writer_list().mutex);
  for (ConfigTraceWriter* writer : writer_list().writers) {
    writer->flush();
    writer->m_write_through = true;
  }
}

void ConfigTraceWriter::forget_all_in_child() {
  // Only this thread exists in the child; the parent keeps writing its own records.
  for (ConfigTraceWriter* writer : writer_list().writers) {
    writer->m_stopped = true;
    writer->m_buffer.clear();
  }
}

std::vector<ConfigAccess> load_config_trace(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw DeviceSpecError("cannot open trace file '" + path + "': " + std::strerror(errno));
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(file)),
                                   std::istreambuf_iterator<char>());
  if (file.bad()) throw DeviceSpecError("cannot read trace file '" + path + "'");
  const auto fail = [&](const std::string& why) {
    return DeviceSpecError("trace file '" + path + "' is not a secnic config trace: " + why);
  };
  if (bytes.size() < kHeaderSize) throw fail("shorter than its header");
  if (std::memcmp(bytes.data() + kMagic.byte, kMagicText, kMagic.length) != 0)
    throw fail("bad magic");
  if (layout::get(bytes, kVersion) != kFormatVersion) {
    throw fail("format version " + std::to_string(layout::get(bytes, kVersion)) + ", expected " +
               std::to_string(kFormatVersion));
  }
  if (layout::get(bytes, kRecordSizeField) != kRecordBytes) throw fail("unexpected record size");
  if ((bytes.size() - kHeaderSize) % kRecordBytes != 0) throw fail("ends in a partial record");

  std::vector<ConfigAccess> trace((bytes.size() - kHeaderSize) / kRecordBytes);
  for (size_t i = 0; i < trace.size(); ++i) {
    const uint8_t* record = bytes.data() + kHeaderSize + i * kRecordBytes;
    ConfigAccess& access = trace[i];
    access.direction = layout::get(record, kRecordBytes, kIsWrite) != 0
                           ? ConfigAccess::Direction::kWrite
                           : ConfigAccess::Direction::kRead;
    access.completed = layout::get(record, kRecordBytes, kCompleted) != 0;
    const uint32_t log2 = layout::get(record, kRecordBytes, kSizeLog2);
    access.offset = static_cast<uint16_t>(layout::get(record, kRecordBytes, kOffset));
    access.value = layout::get(record, kRecordBytes, kValue);
    if (log2 > 2) throw fail("record " + std::to_string(i) + " has an invalid access size");
    access.size = static_cast<uint8_t>(1u << log2);
    if (access.offset % access.size != 0) {
      throw fail("record " + std::to_string(i) + " is a misaligned access");
    }
  }
  return trace;
}

}  // namespace secnic::hostlink
