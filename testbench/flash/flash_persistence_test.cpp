// Backing files: created erased, wrong sizes refused, completed writes survive the instance and a
// SIGKILL of the process, private mappings never write back. Parts here are never elaborated: the
// tests drive them through the target socket's forward interface directly, so each test can build
// fresh instances.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "model/flash/spi_nor_flash.h"
#include "testbench/flash/sysc_test_support.h"

namespace secnic::model {
namespace {

namespace fs = std::filesystem;
namespace op = spi_opcode;
using tlm::tlm_response_status;

constexpr size_t kSize = 16u << 20;

class BackingFile : public ::testing::Test {
 protected:
  void SetUp() override {
    testbench::fail_on_systemc_reports();
    m_dir = fs::temp_directory_path() /
            ("secnic_flash_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(m_dir);
    path = (m_dir / "flash.bin").string();
  }
  void TearDown() override { fs::remove_all(m_dir); }

  static std::vector<uint8_t> file_bytes(const std::string& file, size_t offset, size_t length) {
    std::ifstream in(file, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(offset));
    std::vector<uint8_t> bytes(length);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(length));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
  }

  // One frame straight into the part's forward interface, at time `t`.
  static tlm_response_status frame(SpiNorFlash& flash, SpiTransfer& transfer, sc_core::sc_time& t) {
    flash.socket.get_base_export()->b_transport(transfer.payload(), t);
    return transfer.status();
  }
  static void program(SpiNorFlash& flash, uint32_t address, const std::vector<uint8_t>& data,
                      sc_core::sc_time& t) {
    SpiTransfer wren(op::kWriteEnable);
    ASSERT_EQ(frame(flash, wren, t), tlm::TLM_OK_RESPONSE);
    SpiTransfer pp(op::kPageProgram, address);
    pp.send(data.data(), static_cast<unsigned>(data.size()));
    ASSERT_EQ(frame(flash, pp, t), tlm::TLM_OK_RESPONSE);
    ASSERT_TRUE(flash.operation_end().has_value());
    t = *flash.operation_end();
  }
  static std::vector<uint8_t> read(SpiNorFlash& flash, uint32_t address, unsigned length) {
    std::vector<uint8_t> out(length);
    SpiTransfer rd(op::kRead, address);
    rd.receive(out.data(), length);
    sc_core::sc_time t = sc_core::sc_time(1, sc_core::SC_SEC);
    EXPECT_EQ(frame(flash, rd, t), tlm::TLM_OK_RESPONSE);
    return out;
  }

  std::string path;

 private:
  fs::path m_dir;
};

TEST_F(BackingFile, MissingFileIsCreatedErased) {
  {
    SpiNorFlash flash("flash", path);
    EXPECT_EQ(flash.backing(), FlashBacking::kSharedFile);
    EXPECT_EQ(read(flash, 0x123456, 16), std::vector<uint8_t>(16, 0xFF));
  }
  EXPECT_EQ(fs::file_size(path), kSize);
  const auto all = file_bytes(path, 0, kSize);
  EXPECT_EQ(std::count(all.begin(), all.end(), 0xFF), static_cast<std::ptrdiff_t>(kSize));
  for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path())) {
    EXPECT_EQ(entry.path().filename(), "flash.bin") << "left behind " << entry.path();
  }
}

TEST_F(BackingFile, WrongSizeIsAClearErrorAndTheFileIsKept) {
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(1000, 'x');
  }
  try {
    SpiNorFlash flash("flash", path);
    FAIL() << "a 1000-byte backing file was accepted";
  } catch (const FlashBackingError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find("is 1000 bytes"), std::string::npos) << what;
    EXPECT_NE(what.find("16777216"), std::string::npos) << what;
  }
  EXPECT_EQ(fs::file_size(path), 1000u);
}

TEST_F(BackingFile, DirectoryOrMissingPrivateFileIsRefused) {
  EXPECT_THROW(SpiNorFlash("flash", fs::path(path).parent_path().string()), FlashBackingError);
  EXPECT_THROW(SpiNorFlash("flash", path, FlashBacking::kPrivateFile), FlashBackingError);
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(BackingFile, CompletedWritesSurviveTheInstance) {
  const std::vector<uint8_t> data{0xDE, 0xAD, 0xBE, 0xEF};
  {
    SpiNorFlash flash("flash", path);
    sc_core::sc_time t;
    program(flash, 0x4000, data, t);
  }
  EXPECT_EQ(file_bytes(path, 0x4000, 4), data);
  SpiNorFlash again("flash", path);
  EXPECT_EQ(read(again, 0x4000, 4), data);
}

TEST_F(BackingFile, WritesSurviveSigkill) {
  const std::vector<uint8_t> data{1, 2, 3, 4, 5};
  const pid_t child = ::fork();
  if (child == 0) {
    SpiNorFlash flash("flash", path);
    sc_core::sc_time t;
    SpiTransfer wren(op::kWriteEnable);
    flash.socket.get_base_export()->b_transport(wren.payload(), t);
    SpiTransfer pp(op::kPageProgram, 0x8000);
    pp.send(data.data(), static_cast<unsigned>(data.size()));
    flash.socket.get_base_export()->b_transport(pp.payload(), t);
    ::raise(SIGKILL);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  SpiNorFlash flash("flash", path);
  EXPECT_EQ(read(flash, 0x8000, 5), data);
}

TEST_F(BackingFile, PrivateMappingNeverWritesBack) {
  { SpiNorFlash create("flash", path); }
  SpiNorFlash flash("flash", path, FlashBacking::kPrivateFile);
  sc_core::sc_time t;
  program(flash, 0x100, {0x00, 0x11}, t);
  EXPECT_EQ(read(flash, 0x100, 2), (std::vector<uint8_t>{0x00, 0x11}));
  EXPECT_EQ(file_bytes(path, 0x100, 2), (std::vector<uint8_t>{0xFF, 0xFF}));
}

TEST_F(BackingFile, MakePrivateDetachesASharedPartInPlace) {
  SpiNorFlash flash("flash", path);
  sc_core::sc_time t;
  program(flash, 0x200, {0x01}, t);
  const uint8_t* before = flash.contents();
  flash.make_private();
  EXPECT_EQ(flash.backing(), FlashBacking::kInMemory);
  EXPECT_EQ(flash.contents(), before);  // DMI pointers stay valid
  program(flash, 0x300, {0x02}, t);
  EXPECT_EQ(read(flash, 0x200, 1)[0], 0x01);
  EXPECT_EQ(read(flash, 0x300, 1)[0], 0x02);
  EXPECT_EQ(file_bytes(path, 0x200, 1)[0], 0x01);
  EXPECT_EQ(file_bytes(path, 0x300, 1)[0], 0xFF);
}

TEST_F(BackingFile, BadConfigurationIsRefused) {
  SpiNorFlashConfig config;
  config.sck_hz = 0;
  EXPECT_THROW(SpiNorFlash("flash", config), FlashConfigError);
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(BackingFile, ConfiguredTimesReplaceTheDataSheetOnes) {
  SpiNorFlashConfig config;
  config.timing.page_program = sc_core::sc_time(120, sc_core::SC_US);
  config.timing.subsector_erase = sc_core::sc_time(50, sc_core::SC_MS);
  config.sck_hz = 100'000'000;
  SpiNorFlash flash("flash", path, FlashBacking::kSharedFile, config);
  EXPECT_EQ(flash.byte_time(), sc_core::sc_time(80, sc_core::SC_NS));
  sc_core::sc_time t;
  program(flash, 0x1000, std::vector<uint8_t>(256, 0), t);
  const sc_core::sc_time pp_end = t;
  EXPECT_EQ(pp_end, flash.frame_time(op::kWriteEnable, 0) +
                        flash.frame_time(op::kPageProgram, 256) +
                        sc_core::sc_time(120, sc_core::SC_US));
  SpiTransfer wren(op::kWriteEnable);
  ASSERT_EQ(frame(flash, wren, t), tlm::TLM_OK_RESPONSE);
  SpiTransfer sse(op::kSubsectorErase, 0x1000);
  ASSERT_EQ(frame(flash, sse, t), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(*flash.operation_end() - t, sc_core::sc_time(50, sc_core::SC_MS));
}

}  // namespace
}  // namespace secnic::model
