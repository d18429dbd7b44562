#include "model/flash/spi_nor_part.h"

namespace secnic::model {

const SpiNorPart& n25q128a() {
  using sc_core::SC_MS;
  using sc_core::sc_time;
  using sc_core::SC_US;
  static const SpiNorPart part{
      "N25Q128A",
      {0x20, 0xBA, 0x18, 0x10, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      16u << 20,
      256,
      4u << 10,
      64u << 10,
      3,
      1,
      54'000'000,
      108'000'000,
      SpiNorTiming{sc_time(500, SC_US), sc_time(250, SC_MS), sc_time(700, SC_MS),
                   sc_time(170'000, SC_MS)},
  };
  return part;
}

}  // namespace secnic::model
