// MCQS and MCQI: the components the card reports (one: the boot image, at index 0) and their
// capabilities and versions, running or pending.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "firmware_model/layout/register_layouts.h"
#include "firmware_model/log/firmware_log.h"
#include "firmware_model/regs/register_families.h"

namespace secnic::fw {
namespace mcqs = layout::mcqs;
namespace mcqi = layout::mcqi;
namespace mcqi_cap = layout::mcqi_cap;
namespace mcqi_version = layout::mcqi_version;

namespace {

constexpr uint32_t kBootImageIndex = 0;
constexpr uint32_t kComponentCount = 1;
// The tool's MCDA chunk (it ignores this value, but reports it).
constexpr uint32_t kMcdaMaxWriteSize = layout::mcda::kMaxDataSize;
// Longest version string the field holds, terminating NUL included.
constexpr uint32_t kMaxVersionString = mcqi_version::version_string.length;

RegStatus get_mcqs(const ImageStatus& images, std::vector<uint8_t>& body) {
  const uint32_t index = layout::get(body, mcqs::component_index);
  if (layout::get(body, mcqs::device_index) != 0 || layout::get(body, mcqs::device_type) != 0) {
    firmware_log()->warn("MCQS: device_type/device_index {}/{} do not exist",
                         layout::get(body, mcqs::device_type),
                         layout::get(body, mcqs::device_index));
    return RegStatus::kBadParam;
  }
  if (index >= kComponentCount) {
    firmware_log()->warn("MCQS: component_index {} does not exist", index);
    return RegStatus::kBadParam;
  }
  const bool pending = images.pending_image().has_value();
  layout::set(body, mcqs::last_index_flag, index + 1 == kComponentCount ? 1 : 0);
  layout::set(body, mcqs::identifier, mcqs::kIdentifierBootImage);
  layout::set(body, mcqs::component_update_state,
              pending ? mcqs::kUpdateStateActivePendingReset : mcqs::kUpdateStateIdle);
  layout::set(body, mcqs::component_status, mcqs::kStatusInUse);
  layout::set(body, mcqs::progress, 0);
  layout::set(body, mcqs::last_update_state_changer_host_id, 0);
  layout::set(body, mcqs::last_update_state_changer_type, 0);
  return RegStatus::kOk;
}

std::vector<uint8_t> capabilities_info(const DeviceProfile& profile, const BootImageInfo& image) {
  std::vector<uint8_t> info(mcqi_cap::kSize, 0);
  layout::set(info, mcqi_cap::supported_info_bitmask,
              (1u << mcqi::kInfoCapabilities) | (1u << mcqi::kInfoVersion));
  layout::set(info, mcqi_cap::component_size, image.size);
  layout::set(info, mcqi_cap::max_component_size, profile.max_component_size);
  layout::set(info, mcqi_cap::mcda_max_write_size, kMcdaMaxWriteSize);
  layout::set(info, mcqi_cap::log_mcda_word_size, 0);
  layout::set(info, mcqi_cap::signed_updates_only, profile.secure_fw ? 1 : 0);
  layout::set(info, mcqi_cap::rd_en, 1);
  return info;
}

std::vector<uint8_t> version_info(const BootImageInfo& image) {
  std::vector<uint8_t> info(mcqi_version::kSize, 0);
  std::string text = image.product_version.substr(0, image.product_version.find('\0'));
  if (text.size() + 1 > kMaxVersionString) text.resize(kMaxVersionString - 1);
  // The tool strcpy()s exactly version_string_length bytes: the length counts the NUL.
  layout::set(info, mcqi_version::version_string_length,
              text.empty() ? 0 : static_cast<uint32_t>(text.size() + 1));
  layout::set(info, mcqi_version::build_time_valid, 1);
  layout::set(info, mcqi_version::version, image.version.packed());
  const ReleaseDate& date = image.release_date;
  layout::set(info, mcqi_version::build_time,
              (to_bcd(date.year) << 16) | (to_bcd(date.month) << 8) | to_bcd(date.day));
  layout::set_string(info, mcqi_version::version_string, text);
  return info;
}

RegStatus get_mcqi(const DeviceProfile& profile, const ImageStatus& images,
                   std::vector<uint8_t>& body) {
  const uint32_t index = layout::get(body, mcqi::component_index);
  const uint32_t info_type = layout::get(body, mcqi::info_type);
  const bool read_pending = layout::get(body, mcqi::read_pending_component) != 0;
  if (layout::get(body, mcqi::device_index) != 0 || layout::get(body, mcqi::device_type) != 0 ||
      index != kBootImageIndex) {
    firmware_log()->warn("MCQI: component {} of device {}/{} does not exist", index,
                         layout::get(body, mcqi::device_type),
                         layout::get(body, mcqi::device_index));
    return RegStatus::kBadParam;
  }
  std::optional<BootImageInfo> image;
  if (read_pending) {
    image = images.pending_image();
  } else {
    image = images.running_image();
  }
  if (!image) {
    // "No pending image": the tool relies on this failing (otherwise it shows a 0.0.0 pending
    // version).
    firmware_log()->debug("MCQI: no pending image (info_type {})", info_type);
    return RegStatus::kBadParam;
  }
  std::vector<uint8_t> info;
  if (info_type == mcqi::kInfoCapabilities) {
    info = capabilities_info(profile, *image);
  } else if (info_type == mcqi::kInfoVersion) {
    info = version_info(*image);
  } else {
    firmware_log()->info("MCQI: info_type {} is not implemented", info_type);
    return RegStatus::kBadParam;
  }
  const uint32_t offset = layout::get(body, mcqi::offset);
  if (offset > info.size()) {
    firmware_log()->warn("MCQI: offset {} beyond info of {} bytes", offset, info.size());
    return RegStatus::kBadParam;
  }
  const uint32_t length = std::min<uint32_t>(layout::get(body, mcqi::data_size),
                                             static_cast<uint32_t>(info.size()) - offset);
  // info_type is echoed (the tool unpacks the data union by the response's info_type).
  layout::set(body, mcqi::info_size, static_cast<uint32_t>(info.size()));
  layout::set(body, mcqi::data_size, length);
  std::fill(body.begin() + mcqi::kDataOffset, body.end(), 0);
  std::copy_n(info.begin() + offset, length, body.begin() + mcqi::kDataOffset);
  return RegStatus::kOk;
}

}  // namespace

void declare_component_query_registers(AccessRegisterTable& table, const DeviceProfile& profile,
                                       const ImageStatus& images) {
  table.declare(mcqs::kId, "MCQS", mcqs::kSize).on_get([&images](std::vector<uint8_t>& body) {
    return get_mcqs(images, body);
  });
  table.declare(mcqi::kId, "MCQI", mcqi::kSize)
      .on_get([&profile, &images](std::vector<uint8_t>& body) {
        return get_mcqi(profile, images, body);
      });
}

}  // namespace secnic::fw
