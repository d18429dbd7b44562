// Access-register layouts of the simulated ConnectX-4 Lx firmware, in PRM notation (see
// be_field.h), and the ICMD payloads that carry them. One source of truth: the firmware model
// (firmware_model/regs), the tests and any host-side driver pack and unpack with these
// declarations. Positions were taken from the pack functions of mstflint 4.21.0 (the tool that must
// read them) and are listed in
// ../shared/reference/update_flow_and_image.md (appendix) and device_contract.md §4.4/§5.
//
// Conventions: every register body is big-endian; `kId` is the access-register id, `kSize` its size
// in bytes (the reg TLV carries kSize + 4 bytes); fields are positioned from the start of the
// register body, except where a comment says "relative to" a sub-structure.
#pragma once

#include <cstdint>

#include "firmware_model/layout/be_field.h"

namespace secnic::layout {

// ---------------------------------------------------------------------------------------------------------
// ICMD mailbox payloads
// ---------------------------------------------------------------------------------------------------------

// ICMD opcodes the firmware implements.
namespace icmd_opcode {
inline constexpr uint16_t kAccessRegister = 0x9001;  // FLASH_REG_ACCESS: operation TLV + reg TLV
inline constexpr uint16_t kQueryCap = 0x8400;        // ICMD_QUERY_CAP (icmd_query_cap_general)
}  // namespace icmd_opcode

// ICMD_QUERY_CAP response (8 bytes). `mstreg` requires allow_icmd_access_reg_on_all_registers.
namespace icmd_query_cap {
inline constexpr uint32_t kSize = 0x8;
inline constexpr Field golden_tlv_version{0x0, 0, 3};
inline constexpr Field cwcam_reg{0x0, 17, 1};
inline constexpr Field capability_groups{0x0, 20, 1};
inline constexpr Field virtual_link_down{0x0, 22, 1};
inline constexpr Field icmd_exmb{0x0, 23, 1};
inline constexpr Field capi{0x0, 24, 1};
inline constexpr Field qcam_reg{0x0, 25, 1};
inline constexpr Field mcam_reg{0x0, 26, 1};
inline constexpr Field pcam_reg{0x0, 27, 1};
inline constexpr Field mh_sync{0x0, 28, 1};
inline constexpr Field allow_icmd_access_reg_on_all_registers{0x0, 29, 1};
inline constexpr Field fw_info_psid{0x0, 30, 1};
inline constexpr Field nv_access{0x0, 31, 1};
}  // namespace icmd_query_cap

// Access-register request/response (ICMD opcode 0x9001): an operation TLV, then a reg TLV header,
// then the register body. Offsets are from the start of the mailbox.
namespace access_tlv {
// TLV types (header bits 31..27).
inline constexpr uint32_t kTypeEnd = 0;
inline constexpr uint32_t kTypeOperation = 1;
inline constexpr uint32_t kTypeDirectRoute = 2;
inline constexpr uint32_t kTypeRegister = 3;
inline constexpr uint32_t kTypeUserData = 4;

inline constexpr uint32_t kOperationTlvSize = 0x10;
inline constexpr uint32_t kOperationTlvDwords = 4;  // the `len` the tool writes
inline constexpr uint32_t kRegTlvHeaderSize = 0x4;
inline constexpr uint32_t kRegisterBodyOffset = kOperationTlvSize + kRegTlvHeaderSize;  // 0x14

// Operation TLV.
inline constexpr Field op_type{0x0, 27, 5};
inline constexpr Field op_len{0x0, 16, 11};  // in dwords
inline constexpr Field op_dr{0x0, 15, 1};
inline constexpr Field op_status{0x0, 8, 7};  // written by the firmware: RegStatus
inline constexpr Field op_register_id{0x4, 16, 16};
inline constexpr Field op_r{0x4, 15, 1};      // 0 = request, 1 = response
inline constexpr Field op_method{0x4, 8, 7};  // 1 = GET (query), 2 = SET (write)
inline constexpr Field op_class{0x4, 0, 8};   // 1 = register access
inline constexpr Field64 op_tid{0x8};

// Reg TLV header (at kOperationTlvSize).
inline constexpr Field reg_type{kOperationTlvSize, 27, 5};
inline constexpr Field reg_len{kOperationTlvSize, 16, 11};  // in dwords, header included

inline constexpr uint32_t kMethodGet = 1;
inline constexpr uint32_t kMethodSet = 2;
inline constexpr uint32_t kClassRegisterAccess = 1;
}  // namespace access_tlv

// ---------------------------------------------------------------------------------------------------------
// Component update and query registers (the MCC flow, fw_comps_mgr)
// ---------------------------------------------------------------------------------------------------------

// MCAM - Management Capabilities Mask. 128-bit masks: bit N of access-register group G means
// register 0x9000 + 128*G + N; mask byte i is body byte 0x08+i (so bit N lives in byte 0x17 - N/8,
// bit N%8).
namespace mcam {
inline constexpr uint16_t kId = 0x907F;
inline constexpr uint32_t kSize = 0x48;
inline constexpr Field access_reg_group{0x0, 0, 8};
inline constexpr Field feature_group{0x0, 16, 8};
inline constexpr Bytes mng_access_reg_cap_mask{0x08, 16};
inline constexpr Bytes mng_feature_cap_mask{0x28, 16};
inline constexpr uint16_t kFirstRegisterId = 0x9000;
inline constexpr uint32_t kRegistersPerGroup = 128;
// The byte and bit of `register_id` in its group's mng_access_reg_cap_mask.
constexpr uint32_t cap_mask_byte(uint16_t register_id) {
  return mng_access_reg_cap_mask.byte + 15 -
         ((register_id - kFirstRegisterId) % kRegistersPerGroup) / 8;
}
constexpr uint32_t cap_mask_bit(uint16_t register_id) {
  return ((register_id - kFirstRegisterId) % kRegistersPerGroup) % 8;
}
constexpr uint32_t access_reg_group_of(uint16_t register_id) {
  return (register_id - kFirstRegisterId) / kRegistersPerGroup;
}
}  // namespace mcam

// MGIR - Management General Information Register.
namespace mgir {
inline constexpr uint16_t kId = 0x9020;
inline constexpr uint32_t kSize = 0xA0;
// hw_info
inline constexpr Field device_id{0x00, 0, 16};  // PCI device id (0x1015 for CX4 Lx)
inline constexpr Field device_hw_revision{0x00, 16, 16};
inline constexpr Field pvs{0x04, 0, 5};
inline constexpr Field technology{0x04, 11, 5};
inline constexpr Field num_ports{0x04, 16, 8};
inline constexpr Field hw_dev_id{0x08, 0, 16};  // 0x20b for CX4 Lx
inline constexpr Field manufacturing_base_mac_47_32{0x10, 0, 16};
inline constexpr Field manufacturing_base_mac_31_0{0x14, 0, 32};
inline constexpr Field uptime{0x1C, 0, 32};
// fw_info
inline constexpr Field fw_sub_minor{0x20, 0, 8};  // low 8 bits only; see extended_*
inline constexpr Field fw_minor{0x20, 8, 8};
inline constexpr Field fw_major{0x20, 16, 8};
inline constexpr Field secured{0x20, 24, 1};
inline constexpr Field signed_fw{0x20, 25, 1};
inline constexpr Field debug{0x20, 26, 1};
inline constexpr Field dev{0x20, 27, 1};
inline constexpr Field string_tlv{0x20, 28, 1};
inline constexpr Field dev_sc{0x20, 30, 1};
inline constexpr Field build_id{0x24, 0, 32};
inline constexpr Field fw_year{0x28, 0, 16};   // BCD, e.g. 0x2025
inline constexpr Field fw_day{0x28, 16, 8};    // BCD
inline constexpr Field fw_month{0x28, 24, 8};  // BCD
inline constexpr Field fw_hour{0x2C, 0, 16};
inline constexpr Bytes psid{0x30, 16};
inline constexpr Field ini_file_version{0x40, 0, 32};
inline constexpr Field extended_major{0x44, 0, 32};
inline constexpr Field extended_minor{0x48, 0, 32};
inline constexpr Field extended_sub_minor{0x4C, 0, 32};
inline constexpr Field isfu_major{0x50, 0, 16};
inline constexpr Field disabled_tiles_bitmap{0x50, 16, 16};
inline constexpr Field life_cycle{0x54, 0, 2};
inline constexpr Field sec_boot{0x54, 2, 1};    // must stay 0 on CX4 Lx (device_contract.md §6.3)
inline constexpr Field encryption{0x54, 3, 1};  // must stay 0 (burn refuses a mismatch)
// sw_info
inline constexpr Field sw_sub_minor{0x60, 0, 8};
inline constexpr Field sw_minor{0x60, 8, 8};
inline constexpr Field sw_major{0x60, 16, 8};
inline constexpr Field rom3_type{0x64, 0, 4};
inline constexpr Field rom3_arch{0x64, 4, 4};
inline constexpr Field rom2_type{0x64, 8, 4};
inline constexpr Field rom2_arch{0x64, 12, 4};
inline constexpr Field rom1_type{0x64, 16, 4};
inline constexpr Field rom1_arch{0x64, 20, 4};
inline constexpr Field rom0_type{0x64, 24, 4};
inline constexpr Field rom0_arch{0x64, 28, 4};
inline constexpr Field rom0_version{0x68, 0, 32};  // major[31:24] minor[23:16] build[15:0]
inline constexpr Field rom1_version{0x6C, 0, 32};
inline constexpr Field rom2_version{0x70, 0, 32};
inline constexpr Field rom3_version{0x74, 0, 32};
// dev_info
inline constexpr Bytes dev_branch_tag{0x80, 28};
}  // namespace mgir

// MCQS - Management Component Query Status.
namespace mcqs {
inline constexpr uint16_t kId = 0x9060;
inline constexpr uint32_t kSize = 0x10;
inline constexpr Field component_index{0x0, 0, 16};
inline constexpr Field device_index{0x0, 16, 12};
inline constexpr Field last_index_flag{0x0, 31, 1};
inline constexpr Field identifier{0x4, 0, 16};
inline constexpr Field component_update_state{0x8, 0, 4};
inline constexpr Field component_status{0x8, 4, 5};
inline constexpr Field progress{0x8, 9, 7};
inline constexpr Field device_type{0xC, 0, 8};
inline constexpr Field last_update_state_changer_host_id{0xC, 24, 4};
inline constexpr Field last_update_state_changer_type{0xC, 28, 4};

// identifier
inline constexpr uint32_t kIdentifierBootImage = 0x1;
inline constexpr uint32_t kIdentifierCsToken = 0x6;
inline constexpr uint32_t kIdentifierDebugToken = 0x7;
// component_status
inline constexpr uint32_t kStatusNotPresent = 0;
inline constexpr uint32_t kStatusPresent = 1;
inline constexpr uint32_t kStatusInUse = 2;
// component_update_state
inline constexpr uint32_t kUpdateStateIdle = 0;
inline constexpr uint32_t kUpdateStateInProgress = 1;
inline constexpr uint32_t kUpdateStateApplied = 2;
inline constexpr uint32_t kUpdateStateActive = 3;
inline constexpr uint32_t kUpdateStateActivePendingReset = 4;
}  // namespace mcqs

// MCQI - Management Component Query Information. The info block (data) starts at kDataOffset; its
// layout depends on info_type (mcqi_cap / mcqi_version below, positioned relative to the info
// block).
namespace mcqi {
inline constexpr uint16_t kId = 0x9061;
inline constexpr uint32_t kSize = 0x94;
inline constexpr Field component_index{0x00, 0, 16};
inline constexpr Field device_index{0x00, 16, 12};
inline constexpr Field read_pending_component{0x00, 31, 1};
inline constexpr Field device_type{0x04, 0, 8};
inline constexpr Field info_type{0x08, 0, 5};
inline constexpr Field info_size{0x0C, 0, 32};
inline constexpr Field offset{0x10, 0, 32};
inline constexpr Field data_size{0x14, 0, 16};
inline constexpr uint32_t kDataOffset = 0x18;
inline constexpr uint32_t kMaxInfoSize = kSize - kDataOffset;  // 0x7C

// info_type
inline constexpr uint32_t kInfoCapabilities = 0;
inline constexpr uint32_t kInfoVersion = 1;
inline constexpr uint32_t kInfoActivationMethod = 5;
}  // namespace mcqi

// MCQI info_type CAPABILITIES, relative to the MCQI info block (register offset mcqi::kDataOffset).
namespace mcqi_cap {
inline constexpr uint32_t kSize = 0x14;
inline constexpr Field supported_info_bitmask{0x00, 0, 32};  // bit N = info_type N is supported
inline constexpr Field component_size{0x04, 0, 32};
inline constexpr Field max_component_size{0x08, 0, 32};
inline constexpr Field mcda_max_write_size{0x0C, 0, 16};
inline constexpr Field log_mcda_word_size{0x0C, 28, 4};
inline constexpr Field match_base_guid_mac{0x10, 26, 1};
inline constexpr Field check_user_timestamp{0x10, 27, 1};
inline constexpr Field match_psid{0x10, 28, 1};
inline constexpr Field match_chip_id{0x10, 29, 1};
inline constexpr Field signed_updates_only{0x10, 30, 1};
inline constexpr Field rd_en{0x10, 31, 1};
}  // namespace mcqi_cap

// MCQI info_type VERSION, relative to the MCQI info block.
namespace mcqi_version {
inline constexpr uint32_t kSize = mcqi::kMaxInfoSize;      // 0x7C, the whole block
inline constexpr Field version_string_length{0x00, 0, 8};  // bytes, terminating NUL included
inline constexpr Field user_defined_time_valid{0x00, 28, 1};
inline constexpr Field build_time_valid{0x00, 29, 1};
inline constexpr Field version{0x04, 0, 32};  // major[31:24] minor[23:16] subminor[15:0]
// 64-bit build time; the tool keeps the low dword: year[31:16] month[15:8] day[7:0], BCD digits
// (0x20251124 prints as 24.11.2025). The high dword holds hour[31:24] minutes[23:16] seconds[15:8],
// BCD.
inline constexpr Field64 build_time{0x08};
inline constexpr Field64 user_defined_time{0x10};
inline constexpr Field build_tool_version{0x18, 0, 32};
inline constexpr Bytes version_string{0x20, 92};
}  // namespace mcqi_version

// MCC - Management Component Control.
namespace mcc {
inline constexpr uint16_t kId = 0x9062;
inline constexpr uint32_t kSize = 0x20;
inline constexpr Field instruction{0x00, 0, 8};
inline constexpr Field activation_delay_sec{0x00, 8, 8};
inline constexpr Field time_elapsed_since_last_cmd{0x00, 16, 12};
inline constexpr Field component_index{0x04, 0, 16};
inline constexpr Field update_handle{0x08, 0, 24};
inline constexpr Field auto_update{0x08, 31, 1};
inline constexpr Field control_state{0x0C, 0, 4};
inline constexpr Field error_code{0x0C, 8, 8};
inline constexpr Field control_progress{0x0C, 16, 7};
inline constexpr Field handle_owner_host_id{0x0C, 24, 4};
inline constexpr Field handle_owner_type{0x0C, 28, 4};
inline constexpr Field component_size{0x10, 0, 32};
inline constexpr Field device_type{0x14, 0, 8};
inline constexpr Field device_index{0x14, 16, 12};
inline constexpr Field device_index_size{0x18, 0, 12};
inline constexpr Field rejected_device_index{0x18, 16, 12};
}  // namespace mcc

// MCDA - Management Component Data Access. Data dword k (register bytes 0x10+4k..0x13+4k) carries
// image bytes [4k+3, 4k+2, 4k+1, 4k] in that order: every 4-byte group of the image stream is
// reversed.
namespace mcda {
inline constexpr uint16_t kId = 0x9063;
inline constexpr uint32_t kSize = 0x90;
inline constexpr Field update_handle{0x00, 0, 24};
inline constexpr Field offset{0x04, 0, 32};
inline constexpr Field size{0x08, 0, 16};
inline constexpr Bytes data{0x10, 0x80};
inline constexpr uint32_t kMaxDataSize = 0x80;
}  // namespace mcda

// MQIS - Management Queue Information String: a string read in chunks of up to 8 bytes.
namespace mqis {
inline constexpr uint16_t kId = 0x9064;
inline constexpr uint32_t kSize = 0x18;
inline constexpr Field info_type{0x00, 0, 8};
inline constexpr Field info_length{0x04, 0, 16};  // whole string, without NUL
inline constexpr Field read_length{0x08, 0, 16};
inline constexpr Field read_offset{0x08, 16, 16};
inline constexpr Bytes info_string{0x10, 8};

// info_type
inline constexpr uint32_t kInfoModelName = 1;  // shown as "Part Number"
inline constexpr uint32_t kInfoModelDescription = 2;
inline constexpr uint32_t kInfoImageVsd = 3;
inline constexpr uint32_t kInfoDeviceVsd = 4;
}  // namespace mqis

// MVTS - Management Version Timestamp. This firmware answers BAD_PARAM ("not supported"), which
// burn accepts; the layout is here for host-side drivers and tests.
namespace mvts {
inline constexpr uint16_t kId = 0x902C;
inline constexpr uint32_t kSize = 0x14;
inline constexpr Field check_timestamp_flag{0x00, 29, 1};
inline constexpr Field running_flag{0x00, 30, 1};
inline constexpr Field clear_all_ts_flag{0x00, 31, 1};
inline constexpr Bytes timestamp{0x04, 16};
}  // namespace mvts

// ---------------------------------------------------------------------------------------------------------
// Non-volatile configuration registers (mstconfig; flint reads base MAC/GUID through MNVA)
// ---------------------------------------------------------------------------------------------------------

// The 32-bit type of a configuration TLV (tools_open_tlv_type): class in the top byte, the rest
// depends on the class.
namespace nv_type {
inline constexpr Field param_class{0x0, 24, 8};
// class 0 (global)
inline constexpr Field global_index{0x0, 0, 24};
// class 1 (physical port)
inline constexpr Field port_port{0x0, 16, 8};
inline constexpr Field port_index{0x0, 0, 16};
// class 3 (per host, per function)
inline constexpr Field host_host{0x0, 18, 6};
inline constexpr Field host_function{0x0, 10, 8};
inline constexpr Field host_index{0x0, 0, 10};

inline constexpr uint32_t kClassGlobal = 0;
inline constexpr uint32_t kClassPhysicalPort = 1;
inline constexpr uint32_t kClassPerHostPerFunction = 3;

constexpr uint32_t global(uint32_t index) { return (kClassGlobal << 24) | (index & 0xFFFFFF); }
constexpr uint32_t physical_port(uint32_t port, uint32_t index) {
  return (kClassPhysicalPort << 24) | ((port & 0xFF) << 16) | (index & 0xFFFF);
}
}  // namespace nv_type

// nv_hdr (12 bytes), the head of MNVA/NVDA, NVDI and MNVGN.
namespace nv_hdr {
inline constexpr uint32_t kSize = 0xC;
inline constexpr Field length{0x0, 0, 9};  // data bytes that follow the header
inline constexpr Field writer_host_id{0x0, 9, 3};
inline constexpr Field version{0x0, 12, 4};
inline constexpr Field writer_id{0x0, 16, 5};
inline constexpr Field read_current{0x0, 22, 1};
inline constexpr Field default_{0x0, 23, 1};
inline constexpr Field rd_en{0x0, 24, 1};
inline constexpr Field over_en{0x0, 25, 1};
inline constexpr Field type{0x4, 0, 32};  // nv_type
}  // namespace nv_hdr

// MNVA (the tool's NVDA) - NV configuration data access: nv_hdr then up to 256 data bytes. The
// register's size is nv_hdr.length + 12; a GET carries only the header towards the device.
namespace mnva {
inline constexpr uint16_t kId = 0x9024;
inline constexpr uint32_t kMinSize = nv_hdr::kSize;
inline constexpr uint32_t kMaxDataSize = 0x100;
inline constexpr uint32_t kMaxSize = nv_hdr::kSize + kMaxDataSize;  // 0x10C
inline constexpr uint32_t kDataOffset = nv_hdr::kSize;
}  // namespace mnva

// NVQC - NV configuration query capabilities of one TLV type.
namespace nvqc {
inline constexpr uint16_t kId = 0x9030;
inline constexpr uint32_t kSize = 0x8;
inline constexpr Field type{0x0, 0, 32};
inline constexpr Field support_rd{0x4, 0, 1};
inline constexpr Field support_wr{0x4, 1, 1};
inline constexpr Field version{0x4, 4, 4};
}  // namespace nvqc

// NVQGC - NV configuration query general capabilities (mstconfig -e).
namespace nvqgc {
inline constexpr uint16_t kId = 0x9034;
inline constexpr uint32_t kSize = 0x10;
inline constexpr Field read_factory_settings_support{0x0, 0, 1};
inline constexpr Field nvda_read_current_settings{0x0, 1, 1};
}  // namespace nvqgc

// Configuration TLV data layouts (relative to the MNVA data, register offset mnva::kDataOffset).

// nv_base_mac_guid (global type 2): manufacturing base MAC and GUID.
namespace nv_base_mac_guid {
inline constexpr uint32_t kType = nv_type::global(0x2);
inline constexpr uint32_t kSize = 0x10;
inline constexpr Field64 base_mac{0x0};  // 48-bit MAC in the low bits
inline constexpr Field64 base_guid{0x8};
}  // namespace nv_base_mac_guid

// nv_base_mac_guid_cap (global type 3): how many MACs / GUIDs the card owns.
namespace nv_base_mac_guid_cap {
inline constexpr uint32_t kType = nv_type::global(0x3);
inline constexpr uint32_t kSize = 0x8;
inline constexpr Field guid_en{0x0, 30, 1};
inline constexpr Field mac_en{0x0, 31, 1};
inline constexpr Field num_of_allocated_guids{0x4, 16, 16};
inline constexpr Field num_of_allocated_macs{0x4, 0, 16};
}  // namespace nv_base_mac_guid_cap

// nv_global_pci_conf (global type 0x80): SR-IOV and PCI resources (mstconfig SRIOV_EN, NUM_OF_VFS,
// ...).
namespace nv_global_pci_conf {
inline constexpr uint32_t kType = nv_type::global(0x80);
inline constexpr uint32_t kSize = 0xC;
inline constexpr Field num_pf_msix_valid{0x0, 26, 1};
inline constexpr Field num_vf_msix_valid{0x0, 27, 1};
inline constexpr Field num_pfs_valid{0x0, 28, 1};
inline constexpr Field fpp_valid{0x0, 29, 1};
inline constexpr Field full_vf_qos_valid{0x0, 30, 1};
inline constexpr Field sriov_valid{0x0, 31, 1};
inline constexpr Field pf_bar_size_valid{0x0, 24, 1};
inline constexpr Field vf_bar_size_valid{0x0, 25, 1};
inline constexpr Field total_vfs{0x4, 0, 16};
inline constexpr Field num_pfs{0x4, 16, 8};
inline constexpr Field fpp_en{0x4, 29, 1};
inline constexpr Field full_vf_qos{0x4, 30, 1};
inline constexpr Field sriov_en{0x4, 31, 1};
inline constexpr Field log_pf_uar_bar_size{0x8, 0, 6};
inline constexpr Field log_vf_uar_bar_size{0x8, 6, 6};
inline constexpr Field num_pf_msix{0x8, 12, 10};
inline constexpr Field num_vf_msix{0x8, 22, 10};
}  // namespace nv_global_pci_conf

// nv_global_pci_cap (global type 0x81): what nv_global_pci_conf may configure.
namespace nv_global_pci_cap {
inline constexpr uint32_t kType = nv_type::global(0x81);
inline constexpr uint32_t kSize = 0x14;
inline constexpr Field pf_bar_size_supported{0x0, 24, 1};
inline constexpr Field vf_bar_size_supported{0x0, 25, 1};
inline constexpr Field num_pf_msix_supported{0x0, 26, 1};
inline constexpr Field num_vf_msix_supported{0x0, 27, 1};
inline constexpr Field num_pfs_supported{0x0, 28, 1};
inline constexpr Field max_vfs_per_pf_valid{0x0, 31, 1};
inline constexpr Field max_vfs_per_pf{0x4, 0, 16};
inline constexpr Field max_num_pfs{0x4, 16, 8};
inline constexpr Field fpp_support{0x4, 29, 1};
inline constexpr Field vf_qos_control_support{0x4, 30, 1};
inline constexpr Field sriov_support{0x4, 31, 1};
inline constexpr Field max_log_pf_uar_bar_size{0x8, 0, 6};
inline constexpr Field max_log_vf_uar_bar_size{0x8, 6, 6};
inline constexpr Field max_num_pf_msix{0x8, 12, 10};
inline constexpr Field max_num_vf_msix{0x8, 22, 10};
inline constexpr Field max_total_msix{0xC, 0, 32};
inline constexpr Field max_total_bar{0x10, 0, 32};
}  // namespace nv_global_pci_cap

// nv_keep_link_up (physical-port type 0x190): KEEP_ETH_LINK_UP_P<n>.
namespace nv_keep_link_up {
inline constexpr uint32_t kIndex = 0x190;
inline constexpr uint32_t kSize = 0x4;
inline constexpr Field keep_eth_link_up{0x0, 0, 1};
inline constexpr Field keep_ib_link_up{0x0, 1, 1};
inline constexpr Field keep_link_up_on_boot{0x0, 2, 1};
inline constexpr Field keep_link_up_on_standby{0x0, 3, 1};
}  // namespace nv_keep_link_up

// ---------------------------------------------------------------------------------------------------------
// Registers this secure firmware does not implement (answered REG_NOT_SUPP); ids for tests and
// drivers.
// ---------------------------------------------------------------------------------------------------------
namespace unsupported_register {
inline constexpr uint16_t kMfpa =
    0x9010;  // flash parameters: no direct flash access on a secure card
inline constexpr uint16_t kMfba = 0x9011;  // flash block access
inline constexpr uint16_t kMfbe = 0x9012;  // flash block erase
inline constexpr uint16_t kMfmc = 0x9013;
inline constexpr uint16_t kMlock = 0x402D;
inline constexpr uint16_t kMcdd = 0x905C;  // DMA component access: must stay unadvertised
inline constexpr uint16_t kMfsv = 0x9115;  // security version: not advertised
inline constexpr uint16_t kMirc = 0x9162;
}  // namespace unsupported_register

}  // namespace secnic::layout
