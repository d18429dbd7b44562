// Every byte layout of the ConnectX-4 Lx FS3 image, declared once (PRM notation, see
// firmware_model/layout/be_field.h). Positions follow docs/image_format.md and
// ../shared/reference/update_flow_and_image.md part B; the parser, the builder, the BootRom and the
// tests all use these declarations and nothing else.
#pragma once

#include <array>
#include <cstdint>

#include "firmware_model/layout/be_field.h"

namespace secnic::image::layout {

using secnic::layout::Bytes;
using secnic::layout::Field;
using secnic::layout::Field64;

// ---- Image header: bytes [0, 0x38)
// ----------------------------------------------------------------
namespace header {
// The FS3 magic pattern, four big-endian dwords 4D544657 8CDFD000 DEAD9270 4154BEEF.
constexpr std::array<uint8_t, 16> kMagic = {0x4D, 0x54, 0x46, 0x57, 0x8C, 0xDF, 0xD0, 0x00,
                                            0xDE, 0xAD, 0x92, 0x70, 0x41, 0x54, 0xBE, 0xEF};
constexpr Bytes magic{0x00, 16};
// The format dword at 0x24.
constexpr Field format_version{0x24, 24, 8};   // must be 3 (FS3)
constexpr Field log2_chunk_size{0x24, 16, 8};  // 0 means 21
constexpr Field bin_version_major{0x24, 8, 8};
constexpr Field bin_version_minor{0x24, 0, 8};
constexpr uint32_t kFormatFs3 = 3;
// Our images use an 8 MiB chunk: every address inside a slot converts to itself.
constexpr uint32_t kLog2ChunkSize = 0x17;
constexpr uint32_t kSize = 0x38;
}  // namespace header

// ---- BOOT2: at 0x38, (N + 4) dwords, the last one the CRC16 of the N + 3 before it
// ----------------
namespace boot2 {
constexpr uint32_t kOffset = 0x38;
constexpr Field size_dwords{0x3C, 0, 32};  // N, absolute offset in the image
constexpr uint32_t kMinSizeDwords = 4;
constexpr uint32_t kMaxSizeDwords = 0x100000;
}  // namespace boot2

// ---- ITOC: header + 0x20-byte entries, at a 4 KiB boundary after BOOT2
// ----------------------------
constexpr uint32_t kItocAlignment = 0x1000;

namespace itoc_header {
constexpr uint32_t kSize = 0x20;
constexpr Field signature0{0x00, 0, 32};
constexpr Field signature1{0x04, 0, 32};
constexpr Field signature2{0x08, 0, 32};
constexpr Field signature3{0x0C, 0, 32};
constexpr Field version{0x10, 0, 8};
constexpr Field itoc_entry_crc{0x1C, 0, 16};  // CRC16 of the first 7 dwords
constexpr uint32_t kSignature0 = 0x49544F43;  // "ITOC"
constexpr uint32_t kSignature1 = 0x04081516;
constexpr uint32_t kSignature2 = 0x2342CAFA;
constexpr uint32_t kSignature3 = 0xBACAFE00;
}  // namespace itoc_header

namespace itoc_entry {
constexpr uint32_t kSize = 0x20;
constexpr uint32_t kMaxEntries = 63;  // not counting the END entry
constexpr Field size_dwords{0x00, 2, 22};
constexpr Field type{0x00, 24, 8};
constexpr Field param0{0x04, 0, 30};
constexpr Field cache_line_crc{0x04, 30, 1};
constexpr Field zipped_image{0x04, 31, 1};
constexpr Field param1{0x08, 0, 32};
constexpr Field flash_addr_dwords{0x14, 2, 29};
constexpr Field relative_addr{0x14, 31, 1};
constexpr Field section_crc{0x18, 0, 16};
constexpr Field no_crc{0x18, 16, 1};
constexpr Field device_data{0x18, 17, 1};
constexpr Field itoc_entry_crc{0x1C, 0, 16};  // CRC16 of the first 7 dwords
}  // namespace itoc_entry

// ---- IMAGE_INFO (type 0x10, 0x400 bytes)
// ---------------------------------------------------------
namespace image_info {
constexpr uint32_t kSize = 0x400;
constexpr Field secure_boot{0x00, 2, 1};
constexpr Field encrypted_fw{0x00, 3, 2};
constexpr Field long_keys{0x00, 6, 1};
constexpr Field mcc_en{0x00, 8, 1};
constexpr Field debug_fw{0x00, 13, 1};
constexpr Field signed_fw{0x00, 14, 1};
constexpr Field secure_fw{0x00, 15, 1};
constexpr Field minor_version{0x00, 16, 8};  // 3: description/name/prs_name present
constexpr Field major_version{0x00, 24, 8};  // must be 0
constexpr Field fw_version_major{0x04, 16, 16};
constexpr Field fw_version_subminor{0x08, 0, 16};
constexpr Field fw_version_minor{0x08, 16, 16};
constexpr Field fw_hour{0x0C, 8, 8};  // date and time are BCD (printed with %x)
constexpr Field fw_minutes{0x0C, 16, 8};
constexpr Field fw_seconds{0x0C, 24, 8};
constexpr Field fw_day{0x10, 0, 8};
constexpr Field fw_month{0x10, 8, 8};
constexpr Field fw_year{0x10, 16, 16};
constexpr Field mic_version_major{0x14, 16, 16};
constexpr Field mic_version_subminor{0x18, 0, 16};
constexpr Field mic_version_minor{0x18, 16, 16};
constexpr Field pci_vendor_id{0x1C, 0, 16};
constexpr Field pci_device_id{0x1C, 16, 16};
constexpr Field pci_sub_vendor_id{0x20, 0, 16};
constexpr Field pci_subsystem_id{0x20, 16, 16};
constexpr Bytes psid{0x24, 16};
constexpr Field vsd_vendor_id{0x34, 0, 16};
constexpr Bytes vsd{0x38, 208};
constexpr Field image_size_log_step{0x108, 0, 8};
constexpr Field image_size_run_from_any{0x108, 31, 1};
constexpr Field image_size_max_size{0x10C, 0, 32};
constexpr Field supported_hw_id0{0x118, 0, 32};
constexpr Field supported_hw_id1{0x11C, 0, 32};
constexpr Field supported_hw_id2{0x120, 0, 32};
constexpr Field supported_hw_id3{0x124, 0, 32};
constexpr Field ini_file_num{0x128, 0, 32};
constexpr Field burn_image_size{0x12C, 0, 32};
constexpr Bytes prod_ver{0x1C0, 16};
constexpr Bytes description{0x1D0, 256};
constexpr Bytes name{0x340, 64};
constexpr Bytes prs_name{0x380, 128};
constexpr uint32_t kFormatMinorWithNames = 3;
}  // namespace image_info

// ---- GUID/MAC allocation record shared by MFG_INFO and DEV_INFO
// ----------------------------------
namespace uid_entry {
constexpr uint32_t kGuidsOffset = 0x20;
constexpr uint32_t kMacsOffset = 0x30;
// Relative to kGuidsOffset / kMacsOffset.
constexpr Field num_allocated{0x00, 0, 8};
constexpr Field step{0x00, 8, 8};
constexpr Field64 uid{0x08};
}  // namespace uid_entry

// ---- MFG_INFO (type 0xE0, 0x140 bytes, device data)
// ----------------------------------------------
namespace mfg_info {
constexpr uint32_t kSize = 0x140;
constexpr Bytes psid{0x00, 16};
constexpr Field guids_override_en{0x1C, 0, 1};
constexpr Field minor_version{0x1C, 16, 8};
constexpr Field major_version{0x1C, 24, 8};  // 1 = ConnectX-4 format
constexpr Field guids_num_allocated{0x20, 0, 8};
constexpr Field guids_step{0x20, 8, 8};
constexpr Field64 guids_uid{0x28};
constexpr Field macs_num_allocated{0x30, 0, 8};
constexpr Field macs_step{0x30, 8, 8};
constexpr Field64 macs_uid{0x38};
constexpr uint32_t kFormatMajorCx4 = 1;
}  // namespace mfg_info

// ---- DEV_INFO (type 0xE1, 0x200 bytes, device data)
// ----------------------------------------------
namespace dev_info {
constexpr uint32_t kSize = 0x200;
constexpr Field signature0{0x00, 0, 32};
constexpr Field signature1{0x04, 0, 32};
constexpr Field signature2{0x08, 0, 32};
constexpr Field signature3{0x0C, 0, 32};
constexpr Field minor_version{0x10, 0, 8};
constexpr Field major_version{0x10, 8, 9};  // 2 = ConnectX-4 format
constexpr Field guids_num_allocated{0x20, 0, 8};
constexpr Field guids_step{0x20, 8, 8};
constexpr Field64 guids_uid{0x28};
constexpr Field macs_num_allocated{0x30, 0, 8};
constexpr Field macs_step{0x30, 8, 8};
constexpr Field64 macs_uid{0x38};
constexpr Field vsd_vendor_id{0x6C, 0, 16};
constexpr Bytes vsd{0x70, 208};
constexpr uint32_t kFormatMajorCx4 = 2;
}  // namespace dev_info

// ---- IMAGE_SIGNATURE_256 (0xA0, 0x140 bytes) and IMAGE_SIGNATURE_512 (0xA3, 0x240 bytes)
// ---------
namespace image_signature {
constexpr Bytes signature_uuid{0x00, 16};
constexpr Bytes keypair_uuid{0x10, 16};
constexpr uint32_t kSignatureOffset = 0x20;
constexpr Bytes signature_256{0x20, 256};  // RSA-2048 signature, or a bare SHA-256 in its first 32
constexpr Bytes signature_512{0x20, 512};  // RSA-4096 signature
constexpr uint32_t kSize256 = 0x140;
constexpr uint32_t kSize512 = 0x240;
}  // namespace image_signature

// ---- PUBLIC_KEYS_2048 (0xA1) / PUBLIC_KEYS_4096 (0xA4): arrays of these entries
// -------------------
namespace public_key {
constexpr Field auth_type{0x00, 0, 8};  // 3 = RSA-2048, 4 = RSA-4096
constexpr Field frc_en{0x00, 27, 1};
constexpr Field mlnx_nvconf_en{0x00, 28, 1};
constexpr Field vendor_nvconf_en{0x00, 29, 1};
constexpr Field cs_token_en{0x00, 30, 1};
constexpr Field fw_en{0x00, 31, 1};
constexpr Field public_key_exp{0x0C, 0, 32};
constexpr Bytes keypair_uuid{0x10, 16};
constexpr Bytes key_2048{0x20, 256};  // big-endian modulus
constexpr Bytes key_4096{0x20, 512};
constexpr uint32_t kEntrySize2048 = 0x120;
constexpr uint32_t kEntrySize4096 = 0x220;
constexpr uint32_t kAuthTypeRsa2048 = 3;
constexpr uint32_t kAuthTypeRsa4096 = 4;
// Entries per section in the images we build (the tool does not interpret the count).
constexpr uint32_t kEntriesPerSection = 8;
}  // namespace public_key

// ---- FORBIDDEN_VERSIONS (0xA2): opaque to mstflint; this project's layout
// ------------------------ dword 0: layout version (0.24-31, = 1; an all-zero section is an empty
// list of layout 0) and entry count (0.0-15); dwords 1..3 reserved; from 0x10 one big-endian word
// per forbidden version, packed as MCQI/MGIR pack versions: major 31..24, minor 23..16,
// subminor 15..0.
namespace forbidden_versions {
constexpr uint32_t kSize = 0x100;
constexpr Field layout_version{0x00, 24, 8};
constexpr Field count{0x00, 0, 16};
constexpr uint32_t kEntriesOffset = 0x10;
constexpr uint32_t kMaxEntries = (kSize - kEntriesOffset) / 4;  // 60
constexpr uint32_t kLayoutVersion = 1;
constexpr Field entry(uint32_t i) { return Field{kEntriesOffset + 4 * i, 0, 32}; }
}  // namespace forbidden_versions

}  // namespace secnic::image::layout
