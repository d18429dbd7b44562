// MNVA (NVDA), NVQC and NVQGC: the non-volatile configuration TLVs of an NvConfigStore.
#include <algorithm>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace nv_hdr = layout::nv_hdr;
namespace mnva = layout::mnva;

namespace {

NvReadKind read_kind(const std::vector<uint8_t>& body) {
  if (layout::get(body, nv_hdr::default_)) return NvReadKind::kDefault;
  if (layout::get(body, nv_hdr::read_current)) return NvReadKind::kCurrent;
  return NvReadKind::kNext;
}

RegStatus get_mnva(const NvConfigStore& store, std::vector<uint8_t>& body) {
  const uint32_t type = layout::get(body, nv_hdr::type);
  const std::optional<std::vector<uint8_t>> data = store.read(type, read_kind(body));
  if (!data) {
    firmware_log()->debug("MNVA GET: nothing stored for TLV type {:#010x}", type);
    return RegStatus::kResourceNotAvailable;
  }
  const size_t room = body.size() - mnva::kDataOffset;
  if (data->size() > room) {
    firmware_log()->warn("MNVA GET: TLV type {:#010x} holds {} bytes, the request has room for {}",
                         type, data->size(), room);
    return kRegStatusLenTooSmall;
  }
  const std::optional<NvTlvCapability> capability = store.capability(type);
  layout::set(body, nv_hdr::length, static_cast<uint32_t>(data->size()));
  layout::set(body, nv_hdr::version, capability ? capability->version : 0);
  std::fill(body.begin() + mnva::kDataOffset, body.end(), 0);
  std::copy(data->begin(), data->end(), body.begin() + mnva::kDataOffset);
  return RegStatus::kOk;
}

RegStatus set_mnva(NvConfigStore& store, std::vector<uint8_t>& body) {
  const uint32_t type = layout::get(body, nv_hdr::type);
  const uint32_t length = layout::get(body, nv_hdr::length);
  if (length > body.size() - mnva::kDataOffset) {
    firmware_log()->warn("MNVA SET: nv_hdr.length {} exceeds the {} data bytes sent", length,
                         body.size() - mnva::kDataOffset);
    return RegStatus::kBadParam;
  }
  const std::vector<uint8_t> data(body.begin() + mnva::kDataOffset,
                                  body.begin() + mnva::kDataOffset + length);
  const RegStatus status = store.write(type, data);
  if (status != RegStatus::kOk) {
    firmware_log()->warn("MNVA SET: TLV type {:#010x} ({} bytes) refused", type, length);
  }
  return status;
}

RegStatus get_nvqc(const NvConfigStore& store, std::vector<uint8_t>& body) {
  const std::optional<NvTlvCapability> capability =
      store.capability(layout::get(body, layout::nvqc::type));
  const NvTlvCapability answer = capability.value_or(NvTlvCapability{});
  layout::set(body, layout::nvqc::support_rd, answer.readable ? 1 : 0);
  layout::set(body, layout::nvqc::support_wr, answer.writable ? 1 : 0);
  layout::set(body, layout::nvqc::version, answer.version);
  return RegStatus::kOk;
}

RegStatus get_nvqgc(std::vector<uint8_t>& body) {
  std::fill(body.begin(), body.end(), 0);
  layout::set(body, layout::nvqgc::read_factory_settings_support, 1);
  layout::set(body, layout::nvqgc::nvda_read_current_settings, 1);
  return RegStatus::kOk;
}

}  // namespace

void declare_nv_config_registers(AccessRegisterTable& table, NvConfigStore& store) {
  table.declare(mnva::kId, "MNVA", mnva::kMaxSize)
      .sized(mnva::kMinSize, mnva::kMaxSize)
      .on_get([&store](std::vector<uint8_t>& body) { return get_mnva(store, body); })
      .on_set([&store](std::vector<uint8_t>& body) { return set_mnva(store, body); });
  table.declare(layout::nvqc::kId, "NVQC", layout::nvqc::kSize)
      .on_get([&store](std::vector<uint8_t>& body) { return get_nvqc(store, body); });
  table.declare(layout::nvqgc::kId, "NVQGC", layout::nvqgc::kSize).on_get(get_nvqgc);
}

}  // namespace secnic::fw
