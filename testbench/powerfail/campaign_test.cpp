// `secnic campaign` end to end: the unmodified mstflint burns an image while the card is branched
// at every flash operation. A fail-safe card passes every point; the deliberately unsafe variant
// fails, at the right points; a failure replays by its id, with a VCD trace; shards partition a
// sweep; bad scenario files are refused with their line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "testbench/support/process.h"

namespace secnic {
namespace {

using testing::bin_path;
using testing::run_process;
using testing::TempDir;

std::string source(const std::string& rel) {
  const char* root = std::getenv("SECNIC_SOURCE");
  return std::string(root ? root : ".") + "/" + rel;
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small (256 KiB) secure burn; `extra` is appended to the scenario.
std::string write_scenario(const TempDir& dir, const std::string& name, const std::string& bdf,
                           const std::string& extra, const std::string& card_extra = "") {
  const std::string path = dir.file(name + ".yaml");
  std::ofstream(path) << "kind: powerfail\nname: " << name << "\n"
                      << "keys:\n  vendor: {private: "
                      << source("scenarios/keys/vendor_rsa2048.pem")
                      << ", uuid: 5ec0a11ce0000000000000000000a001}\n"
                      << "images:\n"
                      << "  old: {fw_version: 14.22.1000, sign: vendor, size: 256K, seed: 1}\n"
                      << "  new: {fw_version: 14.22.2000, sign: vendor, size: 256K, seed: 2}\n"
                      << "card: {image: old, trusted_keys: [vendor], bdf: \"" << bdf << "\""
                      << card_extra << "}\n"
                      << "host: mstflint -d ${bdf} -i ${new} -y burn\n"
                      << "expect: {host_exit: 0, installs: new}\n"
                      << extra;
  return path;
}

struct Junit {
  size_t tests = 0, failures = 0;
  std::set<std::string> passed, failed;
};

Junit junit(const std::string& path) {
  Junit j;
  const std::string xml = read(path);
  std::smatch m;
  if (std::regex_search(xml, m,
                        std::regex("<testsuites[^>]* tests=\"(\\d+)\" failures=\"(\\d+)\""))) {
    j.tests = std::stoul(m[1]);
    j.failures = std::stoul(m[2]);
  }
  std::regex testcase("<testcase classname=\"[^\"]*\" name=\"([^\"]+)\"[^>]*?(/>|>)");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), testcase);
       it != std::sregex_iterator(); ++it) {
    ((*it)[2] == "/>" ? j.passed : j.failed).insert((*it)[1]);
  }
  return j;
}

class CampaignTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::have_program("mstflint")) GTEST_SKIP() << "mstflint is not installed";
  }
  testing::ProcessResult campaign(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {bin_path("secnic"), "campaign"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, std::chrono::seconds(600));
  }
  TempDir dir{"secnic-campaign-test"};
};

TEST_F(CampaignTest, FailSafeBurnSurvivesACutAtEveryFlashOperation) {
  const std::string scenario =
      write_scenario(dir, "safe", "0000:61:00.0",
                     "sweep: [every-op, states, {every-op-torn: {seed: 2}}]\n"
                     "retry: {sample: 1, seed: 1}\nhost_check: {sample: 1, seed: 3}\n");
  const auto r = campaign({scenario, "--report", dir.file("report"), "--jobs", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("PASS  safe"), std::string::npos) << r.output;
  const Junit j = junit(dir.file("report/junit.xml"));
  EXPECT_EQ(j.failures, 0u);
  // A 256 KiB burn is well over a thousand flash operations, each cut before and torn.
  EXPECT_GT(j.tests, 2000u);
  EXPECT_TRUE(j.passed.count("end"));
  EXPECT_TRUE(j.passed.count("op0-before"));
  EXPECT_TRUE(j.passed.count("state-VERIFY-1"));
  EXPECT_TRUE(j.passed.count("op100-torn-s2"));
  size_t retries = 0, host_checks = 0;
  for (const auto& id : j.passed) {
    retries += id.size() > 6 && id.compare(id.size() - 6, 6, "/retry") == 0;
    host_checks += id.size() > 5 && id.compare(id.size() - 5, 5, "/host") == 0;
  }
  EXPECT_EQ(retries, 1u);
  EXPECT_EQ(host_checks, 1u);
  const std::string html = read(dir.file("report/report.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("PASS"), std::string::npos);
}

TEST_F(CampaignTest, TheUnsafeVariantIsCaughtWhereItIsUnsafe) {
  const std::string scenario = source("scenarios/powerfail/must_fail/unsafe_in_place_update.yaml");
  const auto r = campaign({scenario, "--report", dir.file("report"), "--work", dir.file("work")});
  ASSERT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("FAIL  unsafe_in_place_update"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("boots nothing (bricked)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--replay op"), std::string::npos) << r.output;
  const Junit j = junit(dir.file("report/junit.xml"));
  // Before anything was erased, and after the new image is complete, the card boots; in between
  // (the whole download over the running slot) it does not.
  EXPECT_TRUE(j.passed.count("op0-before"));
  EXPECT_TRUE(j.passed.count("end"));
  EXPECT_TRUE(j.failed.count("op1-before"));
  EXPECT_TRUE(j.failed.count("op500-before"));
  EXPECT_GT(j.failures, 1000u);
}

TEST_F(CampaignTest, AFailureReplaysByItsIdWithAVcdTrace) {
  const std::string scenario = source("scenarios/powerfail/must_fail/unsafe_in_place_update.yaml");
  const std::string vcd = dir.file("op500.vcd");
  const auto r =
      campaign({scenario, "--replay", "op500-before", "--vcd", vcd, "--work", dir.file("work")});
  ASSERT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("boots nothing (bricked)"), std::string::npos) << r.output;
  // The tool itself met the vanished card and failed with its own message.
  EXPECT_NE(r.output.find("-E-"), std::string::npos) << r.output;
  const std::string trace = read(vcd);
  EXPECT_NE(trace.find("$enddefinitions $end"), std::string::npos);
  EXPECT_NE(trace.find("$var wire 1 p power $end"), std::string::npos);
  EXPECT_NE(trace.find("0p\n1c"), std::string::npos) << "the cut is in the trace";
  EXPECT_NE(trace.find("b11 b"), std::string::npos) << "and that nothing booted";
  // The same id, again: the same verdict (deterministic).
  const auto again = campaign({scenario, "--replay", "op500-before", "--work", dir.file("work2")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.output.find("boots nothing (bricked)"), std::string::npos);
}

TEST_F(CampaignTest, MemoisedSweepsAgreeWithForkingEveryPoint) {
  // --memo skips the fork where a branch's power-up would read the same bytes as an earlier one's;
  // it must reach the same verdict at every point, for the fail-safe card and for the unsafe one.
  const std::string safe =
      write_scenario(dir, "memo", "0000:64:00.0",
                     "sweep: [every-op, {every-op-torn: {seed: 4}}, states]\nretry: {sample: 0}\n");
  const std::string unsafe = source("scenarios/powerfail/must_fail/unsafe_in_place_update.yaml");
  for (const std::string& scenario : {safe, unsafe}) {
    const auto exact =
        campaign({scenario, "--report", dir.file("exact"), "--work", dir.file("we")});
    const auto memo =
        campaign({scenario, "--memo", "--report", dir.file("memo"), "--work", dir.file("wm")});
    EXPECT_EQ(exact.exit_code, memo.exit_code) << memo.output;
    const Junit a = junit(dir.file("exact/junit.xml"));
    const Junit b = junit(dir.file("memo/junit.xml"));
    EXPECT_EQ(a.passed, b.passed);
    EXPECT_EQ(a.failed, b.failed);
    EXPECT_GT(a.passed.size() + a.failed.size(), 1000u);
  }
  // On the fail-safe card nearly every point is memoised (the running slot never changes).
  const auto memo = campaign({safe, "--memo", "--work", dir.file("wm2")});
  std::smatch m;
  ASSERT_TRUE(std::regex_search(memo.output, m, std::regex("(\\d+) points in .* (\\d+) memoised")))
      << memo.output;
  EXPECT_GT(std::stoul(m[2]) * 10, std::stoul(m[1]) * 9);
}

TEST_F(CampaignTest, ShardsPartitionTheSweep) {
  const std::string scenario = write_scenario(dir, "sharded", "0000:62:00.0",
                                              "sweep: [states, {random: {count: 40, seed: 1}}]\n"
                                              "retry: {sample: 0}\n");
  std::set<std::string> all, union_of_shards;
  auto r = campaign({scenario, "--report", dir.file("all"), "--work", dir.file("w0")});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  all = junit(dir.file("all/junit.xml")).passed;
  size_t total = 0;
  for (const char* shard : {"0/2", "1/2"}) {
    const std::string name = std::string("shard") + shard[0];
    r = campaign(
        {scenario, "--shard", shard, "--report", dir.file(name), "--work", dir.file(name + "w")});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    auto part = junit(dir.file(name + "/junit.xml")).passed;
    part.erase("end");  // every shard checks the uncut action
    total += part.size();
    union_of_shards.insert(part.begin(), part.end());
  }
  all.erase("end");
  EXPECT_EQ(union_of_shards, all);
  EXPECT_EQ(total, all.size()) << "no point runs in two shards";
}

TEST_F(CampaignTest, BadScenarioFilesAreRefusedWithTheirLine) {
  const std::string scenario = write_scenario(dir, "typo", "0000:63:00.0", "sweeps: [every-op]\n");
  auto r = campaign({scenario});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("typo.yaml:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("unknown key 'sweeps'"), std::string::npos) << r.output;
  r = campaign({dir.file("missing.yaml")});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  r = campaign({scenario, "--shard", "2/2"});
  EXPECT_EQ(r.exit_code, 2) << r.output;
  std::ofstream(dir.file("broken.yaml")) << "name: [unclosed\n";
  r = campaign({dir.file("broken.yaml")});
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("not valid YAML"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace secnic
