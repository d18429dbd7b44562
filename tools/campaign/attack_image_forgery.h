// Forging the images of an attack case: a copy of a signed image (or of its MCC component, the
// bytes a host sends) with edits applied after signing. Edits (ImageEdit in attack_case.h, YAML
// under `derive: NAME: ops:`):
//
//   flip:         {section: MAIN_CODE, offset: 0x100, mask: 0x01}   or {at: 0x40, mask: 0x80}
//   write:        {section: IMAGE_INFO, offset: 0x118, hex: "0000020d"}   or {at: ..., hex: ...}
//   fill:         {section: IMAGE_SIGNATURE_256, byte: 0x00}
//   copy_section: {section: IMAGE_SIGNATURE_256, from: other_image}   (same size)
//   truncate:     0x20000
//   append:       {size: 0x1000, byte: 0x5a}
//   append_tail:  {from: image}   (what lies past its burnable length: the unsigned device data)
//   sign:         {key: vendor, tool: secnic | mstflint}
//   to_component: true   (the MCC component of what the edits made: see ImageEdit::kToComponent)
//
// Byte edits refresh every CRC16 of the image afterwards (BOOT2, ITOC header, ITOC entries and
// sections, at the positions the unedited image had), so that the format checks pass and only the
// signature can tell; `crc: keep` leaves them stale.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tools/campaign/attack_case.h"

namespace secnic::campaign {

struct ForgeryServices {
  // The file of an image or earlier forgery (throws ScenarioError for an unknown name).
  std::function<std::string(const std::string& name)> image_path;
  // Signs the image file at `path` in place with key `key` using `tool` ("secnic" or "mstflint");
  // throws ScenarioError with the tool's output when it fails.
  std::function<void(const std::string& path, const std::string& key, const std::string& tool)>
      sign;
};

// Applies `forgery` and writes the result to `output`. Throws ScenarioError (naming the scenario
// file `origin`, the forgery and the edit's line) when an edit cannot be applied: a section the
// image lacks, an offset outside it, a source image that does not parse.
void forge_image(const ImageForgery& forgery, const std::string& output,
                 const ForgeryServices& services, const std::string& origin);

}  // namespace secnic::campaign
