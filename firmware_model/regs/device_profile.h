// The static identity of the card as its access registers report it (MGIR, MQIS, MCQI capabilities,
// the manufacturing MAC/GUID in MNVA). It is what the factory put in the card and never changes
// while the card lives: the card integrator fills it from the card's configuration (model/card
// CardConfig).
#pragma once

#include <cstdint>
#include <string>

namespace secnic::fw {

struct DeviceProfile {
  // PSID of the board (MGIR fw_info.psid): up to 16 characters.
  std::string psid = "MT_2420110034";
  // Secure firmware: MGIR secured=1 and signed_fw=1, MCQI signed_updates_only=1. With it the host
  // tool keeps every command on the MCC flow and never looks for the CR-space flash gateway.
  bool secure_fw = true;

  // Manufacturing base MAC (48 bits; MGIR, MNVA type 2) and GUID (MNVA type 2), and how many of
  // each the card owns (MNVA type 3).
  uint64_t base_mac = 0x248a07a1b2c0;
  uint64_t base_guid = 0x248a070300a1b2c0;
  uint16_t num_macs = 8;
  uint16_t num_guids = 8;

  // Chip identity. The PCI device id must differ from the HW device id, or the tool sees a
  // "livefish" card.
  uint16_t pci_device_id = 0x1015;  // MGIR hw_info.device_id
  uint16_t hw_dev_id = 0x20b;       // MGIR hw_info.hw_dev_id (ConnectX-4 Lx)
  uint16_t hw_revision = 0;         // MGIR hw_info.device_hw_revision
  uint8_t num_ports = 2;            // MGIR hw_info.num_ports (mstconfig's per-port parameters)

  // MQIS strings: "Part Number" and "Description" of `mstflint q full`, "Name"/"Description" of
  // mstconfig.
  std::string part_number = "MCX4121A-ACAT";
  std::string description = "Simulated ConnectX-4 Lx EN adapter card; 25GbE; dual-port SFP28";

  // The largest boot-image component the card accepts (MCQI max_component_size), bytes.
  uint32_t max_component_size = 0x800000;

  // Throws std::invalid_argument naming the field when a value cannot be reported (PSID longer than
  // 16, MAC wider than 48 bits, strings longer than MQIS can carry, no ports, ...).
  void validate() const;
};

}  // namespace secnic::fw
