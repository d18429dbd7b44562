// Issue "the spine": the unmodified Debian mstflint, mstreg and mstconfig open a simulated card.
#include "testbench/e2e/e2e_fixture.h"

namespace secnic::e2e {
namespace {

using SpineTest = CardTest;

TEST_F(SpineTest, MstflintQueryShowsTheCardsImage) {
  const std::string card = make_card("q", art().old_image);
  const ProcessResult r = tool(card, {"mstflint", "-d", bdf(), "q"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(query_field(r.output, "Image type"), "FS3");
  EXPECT_EQ(query_field(r.output, "FW Version"), "14.32.1010");
  EXPECT_EQ(query_field(r.output, "FW Version(Running)"), "");  // nothing pending
  EXPECT_EQ(query_field(r.output, "PSID"), kPsid);
  EXPECT_EQ(query_field(r.output, "Security Attributes"), "secure-fw");
  EXPECT_EQ(query_field(r.output, "Product Version"), "14.32.1010");
}

TEST_F(SpineTest, QueryFullShowsFwCtrlUpdateMethod) {
  const std::string card = make_card("qfull", art().old_image);
  const ProcessResult r = tool(card, {"mstflint", "-d", bdf(), "q", "full"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(query_field(r.output, "Default Update Method"), "fw_ctrl");
  EXPECT_EQ(query_field(r.output, "Part Number"), "MCX4121A-ACAT");
}

TEST_F(SpineTest, EveryDeviceNameFormWorks) {
  const std::string card = make_card("names", art().old_image);
  for (const std::string& dev :
       {"0000:" + bdf(), "pciconf-" + bdf(), "/sys/bus/pci/devices/0000:" + bdf() + "/config"}) {
    const ProcessResult r = tool(card, {"mstflint", "-d", dev, "q"});
    EXPECT_EQ(r.exit_code, 0) << dev << "\n" << r.output;
    EXPECT_EQ(query_field(r.output, "FW Version"), "14.32.1010") << dev;
  }
}

TEST_F(SpineTest, MstregReadsMgir) {
  const std::string card = make_card("mstreg", art().old_image);
  const ProcessResult r = tool(card, {"mstreg", "-d", bdf(), "--reg_name", "MGIR", "--get"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // mstreg prints every field with its value; check the identity fields the card must report.
  EXPECT_NE(r.output.find("hw_dev_id"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0x0000020b"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("0x00001015"), std::string::npos) << r.output;  // device_id
}

TEST_F(SpineTest, MstconfigQuerySucceeds) {
  const std::string card = make_card("mstconfig", art().old_image);
  const ProcessResult r = tool(card, {"mstconfig", "-d", bdf(), "q"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Configurations:"), std::string::npos) << r.output;
}

TEST_F(SpineTest, CardWithNoValidImageFailsWithTheToolsOwnError) {
  const std::string dir = art().dir.file("blank-card");
  const ProcessResult created = secnic({"card", "create", dir, "--blank", "--bdf", bdf(),
                                        "--trusted-key", art().vendor_pub + ":" + kUuid});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  const ProcessResult r = tool(dir, {"mstflint", "-d", bdf(), "q"}, 120);
  EXPECT_FALSE(r.timed_out) << r.output;
  EXPECT_NE(r.exit_code, 0) << r.output;
  EXPECT_LT(r.exit_code, 128) << "crashed: " << r.output;
  EXPECT_NE(r.output.find("-E-"), std::string::npos) << r.output;
}

TEST_F(SpineTest, OtherAddressesReachTheRealSystem) {
  const std::string card = make_card("passthrough", art().old_image);
  // No card at ee:1f.7: the tool must behave exactly as without the shim.
  const ProcessResult plain = testing::run_process({"mstflint", "-d", "ee:1f.7", "q"});
  const ProcessResult shimmed = tool(card, {"mstflint", "-d", "ee:1f.7", "q"});
  EXPECT_NE(plain.exit_code, 0);
  EXPECT_EQ(shimmed.exit_code, plain.exit_code) << shimmed.output;
  EXPECT_EQ(shimmed.output, plain.output);
}

TEST_F(SpineTest, TwoCardsAtTwoAddresses) {
  const std::string a = make_card("two-a", art().old_image);
  const std::string b_dir = art().dir.file("two-b");
  ASSERT_EQ(secnic({"card", "create", b_dir, "--image", art().new_image, "--bdf", bdf(1),
                    "--trusted-key", art().vendor_pub + ":" + kUuid})
                .exit_code,
            0);
  const ProcessResult r = secnic({"run", "--card", a, "--card", b_dir, "--", "sh", "-c",
                                  "mstflint -d " + bdf() + " q && mstflint -d " + bdf(1) + " q"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const size_t first = r.output.find("14.32.1010");
  const size_t second = r.output.find("14.32.1020");
  EXPECT_NE(first, std::string::npos) << r.output;
  EXPECT_NE(second, std::string::npos) << r.output;
  EXPECT_LT(first, second);
}

}  // namespace
}  // namespace secnic::e2e
