#include "fuzz/harness/access_register_doubles.h"

#include "firmware_model/layout/register_layouts.h"
#include "fuzz/harness/invariant.h"

namespace secnic::fuzz {

namespace {

// Register statuses a firmware component may answer, indexed by a few input bits.
constexpr fw::RegStatus kStatuses[8] = {fw::RegStatus::kOk,
                                        fw::RegStatus::kOk,
                                        fw::RegStatus::kOk,
                                        fw::RegStatus::kOk,
                                        fw::RegStatus::kBadParam,
                                        fw::RegStatus::kDevBusy,
                                        fw::RegStatus::kResourceNotAvailable,
                                        fw::RegStatus::kInternalError};

// A TLV type the card stores but that is larger than any other: the full MNVA data capacity.
constexpr uint32_t kLargeTlvType = layout::nv_type::global(0x7f);

fw::BootImageInfo image_info(uint8_t minor, uint16_t subminor) {
  fw::BootImageInfo info;
  info.version = fw::FirmwareVersion{14, minor, subminor};
  info.release_date = fw::ReleaseDate{2025, 11, 24};
  info.product_version = "14." + std::to_string(minor) + "." + std::to_string(subminor);
  info.size = 0x12000;
  return info;
}

}  // namespace

FirmwareScript FirmwareScript::decode(uint8_t a, uint8_t b) {
  FirmwareScript s;
  s.pending_image = (a & 0x01) != 0;
  s.mcc_status = kStatuses[(a >> 1) & 0x7];
  s.mcc_state = static_cast<fw::FsmState>((a >> 4) % 9);
  s.mcc_error = static_cast<fw::MccError>(b & 0x1f);
  s.mcda_status = kStatuses[(b >> 5) & 0x7];
  s.nv_write_status = kStatuses[(a ^ b) & 0x7];
  return s;
}

fw::BootImageInfo ScriptedImageStatus::running_image() const { return image_info(22, 4020); }

std::optional<fw::BootImageInfo> ScriptedImageStatus::pending_image() const {
  if (!m_script.pending_image) return std::nullopt;
  return image_info(23, 1020);
}

fw::MccReply ScriptedUpdateController::mcc(const fw::MccCommand& cmd) {
  ++(cmd.is_set ? m_calls.mcc_commands : m_calls.mcc_queries);
  fw::MccReply reply;
  reply.status = m_script.mcc_status;
  reply.control_state = m_script.mcc_state;
  reply.error_code = m_script.mcc_error;
  reply.control_progress = 42;
  reply.update_handle = 0x123456;
  reply.time_elapsed_since_last_cmd = 3;
  return reply;
}

fw::RegStatus ScriptedUpdateController::mcda_write(uint32_t, uint32_t, const uint8_t* data,
                                                   size_t size) {
  ++m_calls.mcda_writes;
  require(size <= layout::mcda::kMaxDataSize, "MCDA passed more data than the register holds");
  require(size == 0 || data != nullptr, "MCDA passed data without a buffer");
  return m_script.mcda_status;
}

fw::RegStatus ScriptedUpdateController::mcda_read(uint32_t, uint32_t offset, size_t size,
                                                  std::vector<uint8_t>& out) {
  ++m_calls.mcda_reads;
  require(size <= layout::mcda::kMaxDataSize, "MCDA asked for more data than the register holds");
  out.resize(size);
  for (size_t i = 0; i < size; ++i) out[i] = static_cast<uint8_t>(offset + i);
  return m_script.mcda_status;
}

ScriptedNvConfigStore::ScriptedNvConfigStore(const FirmwareScript& script, FirmwareCalls& calls)
    : m_script(script), m_calls(calls), m_writable_next(layout::nv_global_pci_conf::kSize, 0) {}

void ScriptedNvConfigStore::reset() {
  m_writable_next.assign(layout::nv_global_pci_conf::kSize, 0);
}

std::optional<fw::NvTlvCapability> ScriptedNvConfigStore::capability(uint32_t type) const {
  ++m_calls.capability_queries;
  if (type == layout::nv_base_mac_guid::kType || type == layout::nv_base_mac_guid_cap::kType ||
      type == kLargeTlvType) {
    return fw::NvTlvCapability{true, false, 0};
  }
  if (type == layout::nv_global_pci_conf::kType) return fw::NvTlvCapability{true, true, 1};
  return std::nullopt;
}

std::optional<std::vector<uint8_t>> ScriptedNvConfigStore::read(uint32_t type,
                                                                fw::NvReadKind) const {
  ++m_calls.nv_reads;
  if (type == layout::nv_base_mac_guid::kType) {
    return std::vector<uint8_t>(layout::nv_base_mac_guid::kSize, 0x24);
  }
  if (type == layout::nv_base_mac_guid_cap::kType) {
    return std::vector<uint8_t>(layout::nv_base_mac_guid_cap::kSize, 0x08);
  }
  if (type == kLargeTlvType) return std::vector<uint8_t>(layout::mnva::kMaxDataSize, 0x5a);
  if (type == layout::nv_global_pci_conf::kType) return m_writable_next;
  return std::nullopt;
}

fw::RegStatus ScriptedNvConfigStore::write(uint32_t type, const std::vector<uint8_t>& data) {
  ++m_calls.nv_writes;
  require(data.size() <= layout::mnva::kMaxDataSize, "MNVA passed more data than it holds");
  if (type != layout::nv_global_pci_conf::kType || data.size() != m_writable_next.size()) {
    return fw::RegStatus::kBadParam;
  }
  if (m_script.nv_write_status == fw::RegStatus::kOk) m_writable_next = data;
  return m_script.nv_write_status;
}

}  // namespace secnic::fuzz
