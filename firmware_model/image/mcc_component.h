// The MCC component: the byte stream mstflint burns through MCC/MCDA (B.6.5, A.3.2), and back.
//
//   flash/file image --make_component--> component (magic and device-data ITOC entries 0xFF,
//                                         length = data_size(), unread gaps 0xFF)
//   component --component_to_flash_image--> bootable slot image (magic restored)
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_model/image/fs3_image.h"

namespace secnic::image {

std::vector<uint8_t> make_component(const Fs3Image& image);

// Restores the FS3 magic of a received component. Refuses a buffer shorter than the magic, not
// dword-aligned, or whose first 16 bytes are neither 0xFF nor the magic. Does not validate the
// rest: parse the result with ImageForm::kFlashSlot (or the component with parse_component()).
ImageResult<std::vector<uint8_t>> component_to_flash_image(std::vector<uint8_t> component);

// Parses a component as received (magic masked or present, device data stripped).
ImageResult<Fs3Image> parse_component(std::vector<uint8_t> component);

}  // namespace secnic::image
