// The built-in device kinds, sysfs-style byte access, and the record/replay trace.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "tlm/hostlink/config_space_io.h"
#include "tlm/hostlink/config_trace.h"
#include "tlm/hostlink/device_registry.h"
#include "tlm/hostlink/device_spec_error.h"
#include "tlm/hostlink/null_function.h"
#include "tlm/hostlink/replaying_port.h"

namespace secnic::hostlink {
namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "hostlink_XXXXXX";
    path_ = mkdtemp(pattern.data()) ? pattern : std::string();
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Logs every access it is asked for; answers reads with the offset, refuses offsets >= 0x800.
class ScriptedPort : public PciConfigPort {
 public:
  bool config_read(uint32_t offset, unsigned size, uint32_t& value) override {
    log += "r" + std::to_string(size) + "@" + std::to_string(offset) + " ";
    value = offset;
    return offset < 0x800;
  }
  bool config_write(uint32_t offset, unsigned size, uint32_t value) override {
    log += "w" + std::to_string(size) + "@" + std::to_string(offset) + "=" + std::to_string(value) +
           " ";
    return offset < 0x800;
  }
  std::string log;
};

TEST(NullFunction, HasConnectX4LxHeaderAndNoCapabilities) {
  NullPciFunction function;
  uint32_t value = 0;
  ASSERT_TRUE(function.config_read(0x00, 4, value));
  EXPECT_EQ(value, 0x101515b3u);
  ASSERT_TRUE(function.config_read(0x08, 4, value));
  EXPECT_EQ(value >> 8, 0x020000u);
  ASSERT_TRUE(function.config_read(0x2c, 4, value));
  EXPECT_EQ(value, 0x001615b3u);
  ASSERT_TRUE(function.config_read(0x34, 1, value));
  EXPECT_EQ(value, 0u);
  ASSERT_TRUE(function.config_read(0x06, 2, value));
  EXPECT_EQ(value & 0x10, 0u) << "no capability list";
  ASSERT_TRUE(function.config_read(0xffc, 4, value));
  EXPECT_EQ(value, 0u);
}

TEST(NullFunction, OnlySoftwareOwnedBitsAreWritable) {
  NullPciFunction function;
  uint32_t value = 0;
  ASSERT_TRUE(function.config_write(0x00, 4, 0xffffffff));
  ASSERT_TRUE(function.config_read(0x00, 4, value));
  EXPECT_EQ(value, 0x101515b3u);
  ASSERT_TRUE(function.config_write(0x04, 2, 0xffff));
  ASSERT_TRUE(function.config_read(0x04, 2, value));
  EXPECT_EQ(value, 0x0547u);
  ASSERT_TRUE(function.config_write(0x58, 4, 0x000f0014));
  ASSERT_TRUE(function.config_read(0x58, 4, value));
  EXPECT_EQ(value, 0u) << "nothing behind the header";
  function.reset();
  ASSERT_TRUE(function.config_read(0x04, 2, value));
  EXPECT_EQ(value, 0u);
}

TEST(ConfigSpaceIo, SplitsLikeSysfs) {
  ScriptedPort port;
  uint8_t buffer[16] = {};
  EXPECT_EQ(read_config_bytes(port, 0x41, buffer, 9), 9);
  EXPECT_EQ(port.log, "r1@65 r2@66 r4@68 r2@72 ");
  port.log.clear();
  EXPECT_EQ(read_config_bytes(port, 0x40, buffer, 4), 4);
  EXPECT_EQ(port.log, "r4@64 ");
  EXPECT_EQ(buffer[0], 0x40);
  EXPECT_EQ(buffer[1], 0x00);
  port.log.clear();
  const uint8_t data[3] = {0x11, 0x22, 0x33};
  EXPECT_EQ(write_config_bytes(port, 0x10, data, 3), 3);
  EXPECT_EQ(port.log, "w2@16=8721 w1@18=51 ");
}

TEST(ConfigSpaceIo, StopsAtTheEndOfConfigSpaceAndReportsRefusal) {
  ScriptedPort port;
  uint8_t buffer[8] = {};
  EXPECT_EQ(read_config_bytes(port, 0xffe, buffer, 8), -1) << "0xffe is refused by this port";
  EXPECT_EQ(read_config_bytes(port, 0x1000, buffer, 8), 0);
  EXPECT_EQ(read_config_bytes(port, 0x7fc, buffer, 8), -1);
  EXPECT_EQ(port.log, "r2@4094 r4@2044 r4@2048 ");
  NullPciFunction function;
  EXPECT_EQ(read_config_bytes(function, 0xffc, buffer, 8), 4);
}

TEST(DeviceRegistry, KnowsBuiltInKindsAndRejectsUnknownOnes) {
  DeviceRegistry registry;
  EXPECT_EQ(registry.kinds(), (std::vector<std::string>{"null", "record", "replay"}));
  EXPECT_NE(registry.create("null"), nullptr);
  EXPECT_THROW(registry.create("null:x"), DeviceSpecError);
  try {
    registry.create("card:/x");
    ADD_FAILURE();
  } catch (const DeviceSpecError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown device kind 'card'"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(registry.check("bogus"), DeviceSpecError);
  EXPECT_THROW(registry.check("record:/tmp/t:bogus"), DeviceSpecError);
  EXPECT_THROW(registry.check("record:/tmp/t"), DeviceSpecError);
  EXPECT_NO_THROW(registry.check("record:/tmp/t:null"));
  EXPECT_THROW(registry.create("replay"), DeviceSpecError);
  EXPECT_THROW(registry.add_kind("null", [](const std::string&) { return nullptr; }),
               std::invalid_argument);
  EXPECT_THROW(registry.add_kind("Bad Name", [](const std::string&) { return nullptr; }),
               std::invalid_argument);
}

TEST(DeviceRegistry, AddedKindReceivesItsArgument) {
  DeviceRegistry registry;
  std::string seen;
  registry.add_kind("probe", [&](const std::string& argument) -> std::unique_ptr<PciConfigPort> {
    seen = argument;
    return std::make_unique<NullPciFunction>();
  });
  EXPECT_TRUE(registry.has_kind("probe"));
  registry.create("probe:/some:path");
  EXPECT_EQ(seen, "/some:path");
  registry.create("probe");
  EXPECT_EQ(seen, "");
}

TEST(RecordReplay, ReplayAnswersExactlyAsRecorded) {
  TempDir dir;
  const std::string trace = dir.file("t.trace");
  DeviceRegistry registry;
  uint32_t value = 0;
  {
    auto recorder = registry.create("record:" + trace + ":null");
    ASSERT_TRUE(recorder->config_read(0x00, 4, value));
    ASSERT_TRUE(recorder->config_write(0x04, 2, 0x0006));
    ASSERT_TRUE(recorder->config_read(0x04, 2, value));
    EXPECT_EQ(value, 6u);
    ASSERT_TRUE(recorder->config_read(0x08, 1, value));
  }
  const std::vector<ConfigAccess> recorded = load_config_trace(trace);
  ASSERT_EQ(recorded.size(), 4u);
  EXPECT_EQ(describe(recorded[1]), "write 2 bytes at 0x004 <- 0x00000006");

  auto replay = registry.create("replay:" + trace);
  ASSERT_TRUE(replay->config_read(0x00, 4, value));
  EXPECT_EQ(value, 0x101515b3u);
  ASSERT_TRUE(replay->config_write(0x04, 2, 0x0006));
  ASSERT_TRUE(replay->config_read(0x04, 2, value));
  EXPECT_EQ(value, 6u);
  ASSERT_TRUE(replay->config_read(0x08, 1, value));
  testing::internal::CaptureStderr();
  EXPECT_FALSE(replay->config_read(0x00, 4, value)) << "past the end of the recording";
  const std::string report = testing::internal::GetCapturedStderr();
  EXPECT_NE(report.find("diverged at access #4"), std::string::npos) << report;
  EXPECT_NE(report.find("the end of the recording"), std::string::npos) << report;
}

TEST(RecordReplay, RefusalsAreRecordedAndReplayed) {
  TempDir dir;
  const std::string trace = dir.file("refused.trace");
  {
    ConfigTraceWriter writer(trace);
    ConfigAccess refused;
    refused.offset = 0x58;
    refused.completed = false;
    writer.append(refused);
  }
  ReplayingPort replay(load_config_trace(trace), trace);
  uint32_t value = 0;
  EXPECT_FALSE(replay.config_read(0x58, 4, value));
  EXPECT_FALSE(replay.diverged());
}

TEST(RecordReplay, DivergenceIsReportedOnceAndRefusesTheRest) {
  std::vector<ConfigAccess> trace(2);
  trace[0].direction = ConfigAccess::Direction::kWrite;
  trace[0].offset = 0x58;
  trace[0].value = 0xf0014;
  trace[1].offset = 0x5c;
  trace[1].value = 0x20b;
  ReplayingPort replay(trace, "mem");
  testing::internal::CaptureStderr();
  EXPECT_FALSE(replay.config_write(0x58, 4, 0xf0018)) << "a different value is a divergence";
  uint32_t value = 0;
  EXPECT_FALSE(replay.config_read(0x5c, 4, value));
  const std::string report = testing::internal::GetCapturedStderr();
  EXPECT_TRUE(replay.diverged());
  EXPECT_EQ(replay.position(), 0u);
  EXPECT_NE(report.find("the host did write 4 bytes at 0x058 <- 0x000f0018, the recording has "
                        "write 4 bytes at 0x058 <- 0x000f0014"),
            std::string::npos)
      << report;
  EXPECT_EQ(report.find("diverged", report.find("diverged") + 1), std::string::npos)
      << "reported once";
}

TEST(ConfigTrace, RejectsFilesThatAreNotTraces) {
  TempDir dir;
  const auto write_file = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir.file(name), std::ios::binary) << bytes;
    return dir.file(name);
  };
  const auto message_for = [](const std::string& path) -> std::string {
    try {
      load_config_trace(path);
    } catch (const DeviceSpecError& e) {
      return e.what();
    }
    return "accepted";
  };
  EXPECT_NE(message_for(dir.file("absent")).find("cannot open trace file"), std::string::npos);
  EXPECT_NE(message_for(write_file("short", "SNC")).find("shorter than its header"),
            std::string::npos);
  EXPECT_NE(message_for(write_file("magic", std::string(16, 'x'))).find("bad magic"),
            std::string::npos);
  {
    ConfigTraceWriter writer(dir.file("good"));
    writer.append(ConfigAccess{});
  }
  std::ifstream good_file(dir.file("good"), std::ios::binary);
  std::string good((std::istreambuf_iterator<char>(good_file)), std::istreambuf_iterator<char>());
  ASSERT_EQ(good.size(), 24u);
  EXPECT_EQ(load_config_trace(dir.file("good")).size(), 1u);
  EXPECT_NE(message_for(write_file("partial", good.substr(0, 20))).find("partial record"),
            std::string::npos);
  std::string bad_version = good;
  bad_version[11] = 9;
  EXPECT_NE(message_for(write_file("version", bad_version)).find("format version 9"),
            std::string::npos);
  std::string bad_size = good;
  bad_size[16] = static_cast<char>(0x30);  // size code 3
  EXPECT_NE(message_for(write_file("size", bad_size)).find("record 0 has an invalid access size"),
            std::string::npos);
  std::string misaligned = good;
  misaligned[19] = 2;  // 4-byte access at offset 2
  EXPECT_NE(message_for(write_file("misaligned", misaligned)).find("misaligned"),
            std::string::npos);
}

TEST(ConfigTrace, WriterRejectsImpossibleAccessesAndUnwritablePaths) {
  TempDir dir;
  EXPECT_THROW(ConfigTraceWriter(dir.file("no/such/dir/t")), DeviceSpecError);
  ConfigTraceWriter writer(dir.file("t"));
  ConfigAccess access;
  access.offset = 0x1000;
  EXPECT_THROW(writer.append(access), std::invalid_argument);
  access.offset = 2;
  EXPECT_THROW(writer.append(access), std::invalid_argument);
}

TEST(ConfigTrace, ExitFlushWritesBufferedRecordsAndSwitchesToWriteThrough) {
  TempDir dir;
  ConfigTraceWriter writer(dir.file("t"));
  writer.append(ConfigAccess{});
  EXPECT_EQ(load_config_trace(dir.file("t")).size(), 0u) << "still buffered";
  ConfigTraceWriter::flush_all_and_write_through();
  EXPECT_EQ(load_config_trace(dir.file("t")).size(), 1u);
  writer.append(ConfigAccess{});
  EXPECT_EQ(load_config_trace(dir.file("t")).size(), 2u) << "written through after the exit flush";
}

}  // namespace
}  // namespace secnic::hostlink
