// A parsed, validated FS3 image of a ConnectX-4 Lx: the one parser the image CLI, the BootRom and
// the card's update FSM share. See docs/image_format.md.
//
// parse_image() never trusts a size or offset from the buffer: every structure is bounds-checked
// and every refusal is an ImageError value (it is fuzzed; see testbench/image/image_fuzz_test.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/crypto/digest.h"
#include "firmware_model/crypto/key_uuid.h"
#include "firmware_model/crypto/rsa_key.h"
#include "firmware_model/image/fw_version.h"
#include "firmware_model/image/image_error.h"
#include "firmware_model/image/section_type.h"

namespace secnic::image {

// The hardware id of the ConnectX-4 Lx (IMAGE_INFO supported_hw_id[0], CR space 0xF0014).
constexpr uint32_t kConnectX4LxHwId = 0x20b;

// What the buffer is expected to hold.
enum class ImageForm {
  // A complete image file (`secnic image create`, a vendor .bin): magic at 0, device data
  // (MFG_INFO,
  // DEV_INFO) present; MFG_INFO is required, as mstflint requires it for `q` and `v`.
  kFile,
  // The MCC component the host sends (B.6.5): magic and device-data ITOC entries masked to 0xFF.
  // Parsing stops at the first device-data entry; the magic may be masked or present.
  kComponent,
  // An image as stored in a card slot (a component with its magic restored, or a factory image):
  // magic required, device data optional. The buffer may extend past the image (erased flash).
  kFlashSlot,
};
const char* to_string(ImageForm form);

struct ParseOptions {
  ImageForm form = ImageForm::kFile;
};

// One ITOC entry as parsed (offsets and sizes in bytes).
struct ItocEntry {
  uint32_t index = 0;         // position in the ITOC
  uint32_t entry_offset = 0;  // where the 32-byte entry lies in the image
  SectionType type = SectionType::kEnd;
  uint32_t offset = 0;  // section start in the buffer
  uint32_t size = 0;    // section length
  bool relative = true;
  bool device_data = false;
  bool no_crc = false;
  bool zipped = false;
  bool cache_line_crc = false;
  uint16_t section_crc = 0;
  uint32_t param0 = 0;
  uint32_t param1 = 0;

  uint32_t end() const { return offset + size; }

  // Every field: two parses agree on an entry only if they read the same 32 bytes at the same
  // place.
  friend bool operator==(const ItocEntry& a, const ItocEntry& b) {
    return a.index == b.index && a.entry_offset == b.entry_offset && a.type == b.type &&
           a.offset == b.offset && a.size == b.size && a.relative == b.relative &&
           a.device_data == b.device_data && a.no_crc == b.no_crc && a.zipped == b.zipped &&
           a.cache_line_crc == b.cache_line_crc && a.section_crc == b.section_crc &&
           a.param0 == b.param0 && a.param1 == b.param1;
  }
  friend bool operator!=(const ItocEntry& a, const ItocEntry& b) { return !(a == b); }
};

struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;  // exclusive
};

// Base GUID / MAC allocation (MFG_INFO, DEV_INFO).
struct DeviceUids {
  uint64_t base_guid = 0;
  uint8_t num_guids = 0;
  uint8_t guid_step = 0;
  uint64_t base_mac = 0;
  uint8_t num_macs = 0;
  uint8_t mac_step = 0;
};

struct ImageInfo {
  uint8_t format_major = 0;
  uint8_t format_minor = 3;
  FwVersion fw_version;
  ReleaseDate release_date;
  uint8_t release_hour = 0;  // decimal (stored as BCD)
  uint8_t release_minute = 0;
  uint8_t release_second = 0;
  std::string psid;
  std::string product_version;
  std::string description;
  std::string name;
  std::string prs_name;
  std::string vsd;
  uint16_t pci_vendor_id = 0;
  uint16_t pci_device_id = 0;
  std::array<uint32_t, 4> supported_hw_ids{};
  bool mcc_en = false;
  bool signed_fw = false;
  bool secure_fw = false;
  bool debug_fw = false;
  uint32_t burn_image_size = 0;
};

struct MfgInfo {
  uint8_t format_major = 1;
  uint8_t format_minor = 0;
  std::string psid;
  bool guids_override_en = false;
  DeviceUids uids;
};

struct DevInfo {
  uint16_t format_major = 2;
  uint8_t format_minor = 0;
  DeviceUids uids;
  uint16_t vsd_vendor_id = 0;
  std::string vsd;
};

// IMAGE_SIGNATURE_256 (SHA-256 / RSA-2048) or IMAGE_SIGNATURE_512 (SHA-512 / RSA-4096).
struct ImageSignature {
  crypto::DigestKind kind = crypto::DigestKind::kSha256;
  crypto::KeyUuid signature_uuid;
  crypto::KeyUuid keypair_uuid;    // zero: not RSA-signed (empty, or a bare digest)
  std::vector<uint8_t> signature;  // 256 or 512 bytes, as stored

  bool rsa_signed() const { return !keypair_uuid.is_zero(); }
};

// One used entry of PUBLIC_KEYS_2048 / PUBLIC_KEYS_4096.
struct PublicKeyEntry {
  crypto::RsaKeySize size = crypto::RsaKeySize::k2048;  // from the section type
  uint32_t index = 0;                                   // entry position in its section
  uint8_t auth_type = 0;
  bool fw_en = false;
  crypto::KeyUuid uuid;
  uint32_t exponent = 0;
  std::vector<uint8_t> modulus;  // big-endian

  crypto::Result<crypto::RsaPublicKey> to_key() const {
    return crypto::RsaPublicKey::from_components(modulus, exponent);
  }
};

class Fs3Image {
 public:
  ImageForm form() const { return m_form; }
  const std::vector<uint8_t>& bytes() const { return m_bytes; }
  bool magic_masked() const { return m_magic_masked; }
  uint32_t log2_chunk_size() const { return m_log2_chunk_size; }
  uint32_t boot2_offset() const;
  uint32_t boot2_size() const { return m_boot2_size; }  // bytes, CRC dword included
  uint32_t itoc_offset() const { return m_itoc_offset; }
  // Entries before END (for a component: before the first masked / device-data entry).
  const std::vector<ItocEntry>& entries() const { return m_entries; }
  // The end of the ITOC as parsed (just past the END entry).
  uint32_t itoc_end() const { return m_itoc_end; }
  const ItocEntry* find(SectionType type) const;
  std::vector<uint8_t> section_bytes(const ItocEntry& entry) const;

  // The end of the last relative section: the burnable image length ("sizeOfImgData"), the end of
  // the signed range and the length of the MCC component.
  uint32_t data_size() const { return m_data_size; }
  // Everything a parser reads: header, BOOT2, probed ITOC headers, entries, sections. Bytes outside
  // these ranges count as 0xFF in a file's signed range (as mstflint's image cache does).
  const std::vector<ByteRange>& read_ranges() const { return m_read_ranges; }

  const ImageInfo& image_info() const { return m_image_info; }
  const std::optional<MfgInfo>& mfg_info() const { return m_mfg_info; }
  const std::optional<DevInfo>& dev_info() const { return m_dev_info; }
  const std::optional<ImageSignature>& signature(crypto::DigestKind kind) const {
    return kind == crypto::DigestKind::kSha256 ? m_signature_256 : m_signature_512;
  }
  const std::vector<PublicKeyEntry>& public_keys() const { return m_public_keys; }
  bool has_forbidden_versions_section() const { return m_has_forbidden_versions; }
  const std::vector<FwVersion>& forbidden_versions() const { return m_forbidden_versions; }

 private:
  friend class Fs3Parser;
  Fs3Image() = default;

  ImageForm m_form = ImageForm::kFile;
  std::vector<uint8_t> m_bytes;
  bool m_magic_masked = false;
  uint32_t m_log2_chunk_size = 0;
  uint32_t m_boot2_size = 0;
  uint32_t m_itoc_offset = 0;
  uint32_t m_itoc_end = 0;
  std::vector<ItocEntry> m_entries;
  uint32_t m_data_size = 0;
  std::vector<ByteRange> m_read_ranges;
  ImageInfo m_image_info;
  std::optional<MfgInfo> m_mfg_info;
  std::optional<DevInfo> m_dev_info;
  std::optional<ImageSignature> m_signature_256;
  std::optional<ImageSignature> m_signature_512;
  std::vector<PublicKeyEntry> m_public_keys;
  bool m_has_forbidden_versions = false;
  std::vector<FwVersion> m_forbidden_versions;
};

ImageResult<Fs3Image> parse_image(std::vector<uint8_t> bytes, const ParseOptions& options = {});
ImageResult<Fs3Image> parse_image(const uint8_t* data, size_t size,
                                  const ParseOptions& options = {});

// The number of bytes an image occupies, read from a prefix of a flash slot that holds at least its
// header, BOOT2 and ITOC: the end of the furthest section or of the ITOC. nullopt when the prefix
// is too short or holds no image; lets a reader fetch just the image instead of the whole slot.
std::optional<uint32_t> image_extent(const uint8_t* prefix, size_t size);

}  // namespace secnic::image
