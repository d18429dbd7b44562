// secnic_fuzz_seeds CORPUS_DIR: writes the seed corpora of the three harnesses into
// CORPUS_DIR/{image,access_register,vsec_icmd}/ (the committed fuzz/corpus). Every seed is built
// by the project's own libraries and encoders, so it is what the card and the tools really
// exchange: images from the image builder, mailboxes as mstflint fills them, config accesses as
// mtcr issues them.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "firmware_model/image/section_editor.h"
#include "fuzz/harness/access_register_harness.h"
#include "fuzz/harness/config_program.h"
#include "fuzz/harness/host_requests.h"
#include "fuzz/harness/image_harness.h"
#include "fuzz/harness/image_seeds.h"
#include "fuzz/harness/vsec_icmd_harness.h"
#include "model/crspace/cr_space.h"
#include "model/icmd/icmd_controller.h"
#include "model/pcie/vsec_gateway.h"

namespace fs = std::filesystem;
using namespace secnic;
using namespace secnic::fuzz;

namespace {

void write_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::vector<uint8_t> prefixed(std::vector<uint8_t> head, const std::vector<uint8_t>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// ---- image ------------------------------------------------------------------------------------

void write_image_seeds(const fs::path& dir) {
  const FuzzKeys keys = load_fuzz_keys(fuzz_data_dir());
  for (const ImageSeed& seed : build_image_seeds(keys)) {
    write_file(dir / (seed.name + ".bin"), prefixed({image_input::kRepairCrcs}, seed.image));
  }
  // One seed without CRC repair, so that the CRC checks themselves are fuzzed too.
  const auto seeds = build_image_seeds(keys);
  write_file(dir / "rsa2048_signed_raw_crcs.bin", prefixed({0x00}, seeds.at(3).image));
  auto section = image::encode_forbidden_versions({{14, 22, 4020}, {14, 1, 1}, {16, 35, 2000}});
  if (!section) throw std::runtime_error(section.error().message);
  write_file(dir / "forbidden_versions_section.bin",
             prefixed({image_input::kForbiddenVersionsSection}, *section));
}

// ---- access_register --------------------------------------------------------------------------

void append_command(std::vector<uint8_t>& out, const HostRequest& r, uint8_t mailbox = 0,
                    std::vector<uint8_t> size_bytes = {}) {
  namespace in = access_register_input;
  const bool known = r.opcode == 0x9001 || r.opcode == 0x8400;
  uint8_t kind = r.opcode == 0x9001   ? in::kOpcodeAccessRegister
                 : r.opcode == 0x8400 ? in::kOpcodeQueryCap
                                      : in::kOpcodeRaw;
  out.push_back(static_cast<uint8_t>(kind | mailbox));
  if (!known) {
    out.push_back(static_cast<uint8_t>(r.opcode >> 8));
    out.push_back(static_cast<uint8_t>(r.opcode));
  }
  out.insert(out.end(), size_bytes.begin(), size_bytes.end());
  out.push_back(static_cast<uint8_t>(r.mailbox.size() >> 8));
  out.push_back(static_cast<uint8_t>(r.mailbox.size()));
  out.insert(out.end(), r.mailbox.begin(), r.mailbox.end());
}

const HostRequest& find(const std::vector<HostRequest>& all, const std::string& name) {
  for (const auto& r : all) {
    if (r.name == name) return r;
  }
  throw std::runtime_error("no host request " + name);
}

void write_access_register_seeds(const fs::path& dir) {
  const auto requests = host_requests();
  std::vector<uint8_t> session = {0x00, 0x00};
  for (const HostRequest& r : requests) {
    std::vector<uint8_t> one = {0x00, 0x00};
    append_command(one, r);
    write_file(dir / (r.name + ".bin"), one);
    append_command(session, r);
  }
  write_file(dir / "all_requests_session.bin", session);

  // A burn against a firmware in DOWNLOAD state with a pending image.
  std::vector<uint8_t> burn = {0x31, 0x00};
  for (const char* name : {"mcc_lock", "mcc_update_component", "mcda_write", "mcda_write",
                           "mcc_verify", "mcqi_version_pending"}) {
    append_command(burn, find(requests, name));
  }
  write_file(dir / "burn_session.bin", burn);

  // Mailboxes of other sizes and an unknown opcode.
  std::vector<uint8_t> odd = {0x00, 0x00};
  append_command(odd, find(requests, "mgir"), access_register_input::kMailboxSize8, {0x10});
  append_command(odd, find(requests, "query_cap"), access_register_input::kMailboxSize8, {0x04});
  append_command(odd, find(requests, "mcam_group0"), access_register_input::kMailboxSize16,
                 {0x0f, 0xff});
  append_command(odd, HostRequest{"raw", 0x1234, find(requests, "mgir").mailbox});
  write_file(dir / "odd_mailboxes.bin", odd);
}

// ---- vsec_icmd --------------------------------------------------------------------------------

constexpr uint32_t kVsec = config_program::kVsecBase;

// mtcr's single dword read (device_contract.md 2.3), 11 config accesses.
void mtcr_read4(ConfigProgramWriter& w, uint8_t space, uint32_t address) {
  w.acquire_semaphore();
  w.read(kVsec + model::vsec::kCtrl);
  w.write(kVsec + model::vsec::kCtrl, space);
  w.read(kVsec + model::vsec::kCtrl);
  w.write(kVsec + model::vsec::kAddress, address);
  w.read(kVsec + model::vsec::kAddress);
  w.read(kVsec + model::vsec::kData);
  w.release_semaphore();
}

void mtcr_write4(ConfigProgramWriter& w, uint8_t space, uint32_t address, uint32_t value) {
  w.acquire_semaphore();
  w.read(kVsec + model::vsec::kCtrl);
  w.write(kVsec + model::vsec::kCtrl, space);
  w.read(kVsec + model::vsec::kCtrl);
  w.write(kVsec + model::vsec::kData, value);
  w.write(kVsec + model::vsec::kAddress, address | 0x80000000u);
  w.read(kVsec + model::vsec::kAddress);
  w.release_semaphore();
}

std::vector<uint8_t> program(const ConfigProgramWriter& w, uint8_t flags = 0) {
  return prefixed({flags, 0x00, 0x00}, w.bytes());
}

void write_vsec_icmd_seeds(const fs::path& dir) {
  const uint8_t cr = static_cast<uint8_t>(model::VsecSpace::kCrSpace);
  const uint8_t icmd = static_cast<uint8_t>(model::VsecSpace::kIcmd);
  const uint8_t sem = static_cast<uint8_t>(model::VsecSpace::kSemaphore);

  {  // mtcr_pciconf_open: capability walk, then space probing under the semaphore.
    ConfigProgramWriter w;
    w.read(0x34, 1);
    for (uint32_t cap : {0x60, 0x48, 0x9c, 0xc0}) w.read(cap, 2);
    w.acquire_semaphore();
    for (uint8_t space : {3, 4, 5, 6, 7, 0xf, 1, 0xa, 2}) {
      w.read(kVsec + model::vsec::kCtrl);
      w.write(kVsec + model::vsec::kCtrl, space);
      w.read(kVsec + model::vsec::kCtrl);
    }
    w.release_semaphore();
    write_file(dir / "mtcr_open.bin", program(w));
  }
  {  // The HW id read as 11 raw accesses, then icmd_open's reads.
    ConfigProgramWriter w;
    mtcr_read4(w, cr, model::cr_space::kHwId);
    mtcr_write4(w, sem, 0, config_program::kIcmdSemaphoreOwner);
    mtcr_read4(w, sem, 0);
    mtcr_read4(w, icmd, model::icmd::kMailboxSizeRegister);
    mtcr_write4(w, sem, 0, 0);
    mtcr_read4(w, cr, model::cr_space::kStaticConfig);
    write_file(dir / "hw_id_and_icmd_open_raw.bin", program(w));
  }
  const auto requests = host_requests();
  ConfigProgramWriter session;
  for (const HostRequest& r : requests) {
    ConfigProgramWriter w;
    w.icmd(r.opcode, r.mailbox);
    write_file(dir / ("icmd_" + r.name + ".bin"), program(w));
    session.icmd(r.opcode, r.mailbox);
  }
  write_file(dir / "icmd_all_requests_session.bin", program(session));
  {  // One MGIR command as raw accesses, each dword a full mtcr transaction.
    ConfigProgramWriter w;
    const HostRequest& mgir = find(requests, "mgir");
    mtcr_read4(w, cr, model::cr_space::kStaticConfig);
    mtcr_write4(w, sem, 0, config_program::kIcmdSemaphoreOwner);
    mtcr_read4(w, sem, 0);
    mtcr_read4(w, icmd, model::icmd::kCtrl);
    mtcr_write4(w, icmd, model::icmd::kCtrl, uint32_t{mgir.opcode} << 16);
    for (size_t i = 0; i + 4 <= mgir.mailbox.size(); i += 4) {
      const uint32_t dword = uint32_t{mgir.mailbox[i]} << 24 | uint32_t{mgir.mailbox[i + 1]} << 16 |
                             uint32_t{mgir.mailbox[i + 2]} << 8 | mgir.mailbox[i + 3];
      mtcr_write4(w, icmd, model::icmd::kMailbox + static_cast<uint32_t>(i), dword);
    }
    mtcr_read4(w, icmd, model::icmd::kCtrl);
    mtcr_write4(w, icmd, model::icmd::kCtrl, uint32_t{mgir.opcode} << 16 | 1);
    mtcr_read4(w, icmd, model::icmd::kCtrl);
    for (uint32_t i = 0; i < 0xb4; i += 4) mtcr_read4(w, icmd, model::icmd::kMailbox + i);
    mtcr_write4(w, sem, 0, 0);
    write_file(dir / "icmd_mgir_raw.bin", program(w));
  }
  {  // The flash gateway and hardware semaphores of CR space, secure and not.
    ConfigProgramWriter w;
    w.gateway_read(cr, model::cr_space::kFlashGateway.begin);
    w.gateway_write(cr, model::cr_space::kFlashGateway.begin, 0x80000000u);
    w.gateway_write(cr, model::cr_space::kFlashGateway.begin + 0x10, 0x12345678);
    w.gateway_read(cr, 0xe250c);
    w.gateway_write(cr, 0xe250c, 1);
    w.gateway_read(cr, model::cr_space::kSize - 4);
    w.gateway_read(cr, model::cr_space::kSize);
    write_file(dir / "cr_space_restricted_secure.bin", program(w));
    write_file(dir / "cr_space_restricted_open.bin",
               program(w, vsec_icmd_input::kNonSecureCrSpace));
  }
  {  // Semaphore space: take, contend, release; an unsupported space; resets.
    ConfigProgramWriter w;
    w.gateway_write(sem, 0x10, 0x4d2);
    w.gateway_write(sem, 0x10, 0x999);
    w.gateway_read(sem, 0x10);
    w.gateway_write(sem, 0x10, 0);
    w.gateway_read(sem, 0x100);
    w.gateway_read(0x7, 0);
    w.acquire_semaphore();
    w.acquire_semaphore();
    w.reset(false);
    w.acquire_semaphore();
    w.reset(true);
    write_file(dir / "semaphores_and_resets.bin", program(w));
  }
  {  // Odd config accesses: header writes, unaligned and out-of-range sizes and offsets.
    ConfigProgramWriter w;
    w.write(0x04, 0xffff, 2);
    w.write(0x3c, 0x5a, 1);
    w.read(0x0e, 1);
    w.read(0xffe, 2);
    w.read(0xffe, 4);
    w.read(0x1000, 1);
    w.read(0x10, 3);
    w.vsec_read(model::vsec::kCounter, 1);
    w.vsec_write(model::vsec::kCtrl + 3, 0xff, 1);
    w.vsec_write(model::vsec::kAddress + 2, 0xffff, 2);
    write_file(dir / "odd_config_accesses.bin", program(w));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: secnic_fuzz_seeds CORPUS_DIR\n";
    return 2;
  }
  try {
    const fs::path root = argv[1];
    for (const char* harness : {"image", "access_register", "vsec_icmd"}) {
      fs::create_directories(root / harness);
    }
    write_image_seeds(root / "image");
    write_access_register_seeds(root / "access_register");
    write_vsec_icmd_seeds(root / "vsec_icmd");
  } catch (const std::exception& e) {
    std::cerr << "secnic_fuzz_seeds: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
