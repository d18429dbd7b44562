#include "fuzz/harness/image_crc_repair.h"

#include "firmware_model/image/crc16.h"
#include "firmware_model/image/image_layouts.h"

namespace secnic::fuzz {

namespace {

namespace lo = image::layout;
using secnic::layout::get;
using secnic::layout::set;
using secnic::layout::store_be32;

bool is_itoc_header(const uint8_t* h) {
  const size_t hs = lo::itoc_header::kSize;
  return get(h, hs, lo::itoc_header::signature0) == lo::itoc_header::kSignature0 &&
         get(h, hs, lo::itoc_header::signature1) == lo::itoc_header::kSignature1 &&
         get(h, hs, lo::itoc_header::signature2) == lo::itoc_header::kSignature2 &&
         get(h, hs, lo::itoc_header::signature3) == lo::itoc_header::kSignature3;
}

// Returns the BOOT2 length in bytes (0 when BOOT2 cannot be located).
uint64_t repair_boot2(std::vector<uint8_t>& b) {
  if (b.size() < lo::boot2::size_dwords.end()) return 0;
  const uint32_t n = get(b, lo::boot2::size_dwords);
  if (n < lo::boot2::kMinSizeDwords || n > lo::boot2::kMaxSizeDwords) return 0;
  const uint64_t total = (uint64_t{n} + 4) * 4;
  if (lo::boot2::kOffset + total > b.size()) return 0;
  uint8_t* boot2 = b.data() + lo::boot2::kOffset;
  store_be32(boot2 + (n + 3) * 4, image::fs3_crc16(boot2, n + 3));
  return total;
}

void repair_entries(std::vector<uint8_t>& b, uint64_t itoc) {
  const size_t es = lo::itoc_entry::kSize;
  for (uint32_t i = 0; i <= lo::itoc_entry::kMaxEntries; ++i) {
    const uint64_t off = itoc + lo::itoc_header::kSize + uint64_t{i} * es;
    if (off + es > b.size()) return;
    uint8_t* e = b.data() + off;
    if (get(e, es, lo::itoc_entry::type) == 0xFF) return;
    const uint64_t at = uint64_t{get(e, es, lo::itoc_entry::flash_addr_dwords)} * 4;
    const uint64_t size = uint64_t{get(e, es, lo::itoc_entry::size_dwords)} * 4;
    if (at + size <= b.size()) {
      set(e, es, lo::itoc_entry::section_crc, image::fs3_crc16(b.data() + at, size / 4));
    }
    set(e, es, lo::itoc_entry::itoc_entry_crc, image::fs3_crc16(e, 7));
  }
}

}  // namespace

void repair_image_crcs(std::vector<uint8_t>& b) {
  const uint64_t boot2 = repair_boot2(b);
  if (boot2 == 0) return;
  const uint64_t first = (lo::boot2::kOffset + boot2 + lo::kItocAlignment - 1) /
                         lo::kItocAlignment * lo::kItocAlignment;
  for (uint64_t off = first; off + lo::itoc_header::kSize <= b.size(); off += lo::kItocAlignment) {
    uint8_t* h = b.data() + off;
    if (!is_itoc_header(h)) continue;
    set(h, lo::itoc_header::kSize, lo::itoc_header::itoc_entry_crc, image::fs3_crc16(h, 7));
    repair_entries(b, off);
    return;
  }
}

}  // namespace secnic::fuzz
