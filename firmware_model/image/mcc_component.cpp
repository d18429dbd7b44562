#include "firmware_model/image/mcc_component.h"

#include <algorithm>

#include "firmware_model/image/image_layouts.h"
#include "firmware_model/image/signed_range.h"

namespace secnic::image {

namespace lo = layout;

std::vector<uint8_t> make_component(const Fs3Image& image) {
  const uint32_t n = image.data_size();
  std::vector<uint8_t> out = image_data_bytes(image);
  std::fill(out.begin(), out.begin() + std::min<size_t>(lo::header::kMagic.size(), out.size()),
            0xFF);
  for (const auto& e : image.entries()) {
    if (!e.device_data || e.entry_offset >= n) continue;
    const uint32_t end = std::min<uint32_t>(e.entry_offset + lo::itoc_entry::kSize, n);
    std::fill(out.begin() + e.entry_offset, out.begin() + end, 0xFF);
  }
  return out;
}

ImageResult<std::vector<uint8_t>> component_to_flash_image(std::vector<uint8_t> component) {
  const auto& magic = lo::header::kMagic;
  if (component.size() < lo::header::kSize) {
    return ImageError{ImageErrc::kTruncated, "component of " + std::to_string(component.size()) +
                                                 " bytes is shorter than the image header"};
  }
  if (component.size() % 4 != 0) {
    return ImageError{
        ImageErrc::kNotDwordAligned,
        "component length " + std::to_string(component.size()) + " is not a multiple of 4"};
  }
  const bool masked = std::all_of(component.begin(), component.begin() + magic.size(),
                                  [](uint8_t b) { return b == 0xFF; });
  const bool present = std::equal(magic.begin(), magic.end(), component.begin());
  if (!masked && !present) {
    return ImageError{ImageErrc::kNoMagic,
                      "component starts with neither the masked (0xFF) nor the FS3 magic"};
  }
  std::copy(magic.begin(), magic.end(), component.begin());
  return component;
}

ImageResult<Fs3Image> parse_component(std::vector<uint8_t> component) {
  return parse_image(std::move(component), ParseOptions{ImageForm::kComponent});
}

}  // namespace secnic::image
