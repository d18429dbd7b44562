// MGIR: hardware identity, running firmware version and security attributes, PSID.
#include <algorithm>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace mgir = layout::mgir;

namespace {

RegStatus get_mgir(const DeviceProfile& profile, const ImageStatus& images,
                   std::vector<uint8_t>& body) {
  std::fill(body.begin(), body.end(), 0);
  // hw_info
  layout::set(body, mgir::device_id, profile.pci_device_id);
  layout::set(body, mgir::device_hw_revision, profile.hw_revision);
  layout::set(body, mgir::num_ports, profile.num_ports);
  layout::set(body, mgir::hw_dev_id, profile.hw_dev_id);
  layout::set(body, mgir::manufacturing_base_mac_47_32,
              static_cast<uint32_t>(profile.base_mac >> 32));
  layout::set(body, mgir::manufacturing_base_mac_31_0, static_cast<uint32_t>(profile.base_mac));

  // fw_info: the 8-bit version fields hold the low bits, the extended ones the whole numbers.
  const BootImageInfo running = images.running_image();
  layout::set(body, mgir::fw_major, running.version.major);
  layout::set(body, mgir::fw_minor, running.version.minor);
  layout::set(body, mgir::fw_sub_minor, running.version.subminor & 0xFF);
  layout::set(body, mgir::extended_major, running.version.major);
  layout::set(body, mgir::extended_minor, running.version.minor);
  layout::set(body, mgir::extended_sub_minor, running.version.subminor);
  layout::set(body, mgir::secured, profile.secure_fw ? 1 : 0);
  layout::set(body, mgir::signed_fw, profile.secure_fw ? 1 : 0);
  layout::set(body, mgir::fw_year, to_bcd(running.release_date.year));
  layout::set(body, mgir::fw_month, to_bcd(running.release_date.month));
  layout::set(body, mgir::fw_day, to_bcd(running.release_date.day));
  layout::set_string(body, mgir::psid, profile.psid);
  // sec_boot and encryption stay 0: a CX4 Lx with sec_boot=1 makes `q` fail, and encryption=1 makes
  // burn refuse every (non-encrypted) image.
  return RegStatus::kOk;
}

}  // namespace

void declare_general_information_register(AccessRegisterTable& table, const DeviceProfile& profile,
                                          const ImageStatus& images) {
  table.declare(mgir::kId, "MGIR", mgir::kSize)
      .on_get([&profile, &images](std::vector<uint8_t>& body) {
        return get_mgir(profile, images, body);
      });
}

}  // namespace secnic::fw
