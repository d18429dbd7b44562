// The SPI NOR part the card carries: geometry, identification and datasheet timings.
//
// The modelled part is the Micron N25Q128A (128 Mbit, 3 V), the class of part ConnectX-4 Lx boards
// carry and mstflint knows as "N25Q0XX" (vendor 0x20, type 0xBA). Source of every number below:
// Micron "N25Q128A 128Mb 3V Multiple I/O Serial Flash Memory" data sheet (n25q_128mb_3v_65nm.pdf,
// Rev. R 07/14): READ IDENTIFICATION data, memory organisation, and the Program/Erase
// Specifications table (typical values).
#pragma once

#include <array>
#include <cstdint>
#include <systemc>

namespace secnic::model {

// Self-timed operation durations. Page program time scales with the bytes latched: a full page
// takes `page_program`, n bytes take ceil(n/8)/32 of it (the data sheet gives int(n/8) x 0.015 ms
// against 0.5 ms for 256 bytes).
struct SpiNorTiming {
  sc_core::sc_time page_program;     // tPP, 256 bytes
  sc_core::sc_time subsector_erase;  // tSSE, 4 KiB
  sc_core::sc_time sector_erase;     // tSE, 64 KiB
  sc_core::sc_time bulk_erase;       // tBE, whole array
};

struct SpiNorPart {
  const char* name;
  // RDID answer: manufacturer, memory type, capacity, then the unique-ID length byte (0x10),
  // two extended device id bytes and 14 customised factory bytes (zero here). Bytes clocked
  // past the table read as 0x00.
  std::array<uint8_t, 20> id;
  uint32_t size;            // bytes
  uint32_t page_size;       // program wrap unit
  uint32_t subsector_size;  // SSE granule
  uint32_t sector_size;     // SE granule
  unsigned address_bytes;   // 3-byte addressing
  unsigned fast_read_dummy_bytes;
  uint64_t max_read_sck_hz;  // READ (0x03) maximum clock
  uint64_t max_sck_hz;       // every other command
  SpiNorTiming typical;
};

// Micron N25Q128A13 (3 V): JEDEC id 20 BA 18, 16 MiB, 256 B pages, 4 KiB subsectors, 64 KiB
// sectors; READ up to 54 MHz, FAST_READ (8 dummy clocks) up to 108 MHz; typical tPP 0.5 ms,
// tSSE 0.25 s, tSE 0.7 s, tBE 170 s.
const SpiNorPart& n25q128a();

}  // namespace secnic::model
