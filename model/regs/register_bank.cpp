#include "model/regs/register_bank.h"

#include <algorithm>
#include <stdexcept>

#include "model/regs/model_log.h"

namespace secnic::model {

namespace {

// Byte of a region's storage that bus address `rel` (relative to the region) maps to.
uint32_t storage_index(ByteOrder order, uint32_t rel) {
  return order == ByteOrder::kBigEndianDwords ? ((rel & ~3u) | (3u - (rel & 3u))) : rel;
}

}  // namespace

RegisterBank::RegisterBank(std::string name, uint64_t size, UnmappedAccess unmapped)
    : m_name(std::move(name)), m_size(size), m_unmapped(unmapped) {
  if (size == 0) throw std::invalid_argument("register bank " + m_name + " has size 0");
}

void RegisterBank::insert(const std::string& name, uint64_t begin, uint64_t end, Kind kind,
                          size_t index) {
  if (begin >= end || end > m_size) {
    throw std::logic_error(m_name + ": " + name + " does not fit in the bank");
  }
  auto it = std::upper_bound(m_entries.begin(), m_entries.end(), begin,
                             [](uint64_t v, const Entry& e) { return v < e.begin; });
  if (it != m_entries.end() && it->begin < end) {
    throw std::logic_error(m_name + ": " + name + " overlaps " + entry_name(*it));
  }
  if (it != m_entries.begin() && std::prev(it)->end > begin) {
    throw std::logic_error(m_name + ": " + name + " overlaps " + entry_name(*std::prev(it)));
  }
  m_entries.insert(it, Entry{begin, end, kind, index});
}

const std::string& RegisterBank::entry_name(const Entry& entry) const {
  switch (entry.kind) {
    case Kind::kRegister:
      return m_registers[entry.index].name();
    case Kind::kRegion:
      return m_regions[entry.index].name;
    case Kind::kWindow:
      return m_windows[entry.index].name;
  }
  return m_name;
}

Register& RegisterBank::add_register(std::string name, uint32_t offset, unsigned size,
                                     uint32_t reset_value) {
  m_registers.emplace_back(std::move(name), offset, size, reset_value);
  Register& reg = m_registers.back();
  try {
    insert(reg.name(), offset, uint64_t{offset} + size, Kind::kRegister, m_registers.size() - 1);
  } catch (...) {
    m_registers.pop_back();
    throw;
  }
  return reg;
}

const MemoryRegion& RegisterBank::add_region(std::string name, uint32_t offset, uint32_t size,
                                             uint8_t* storage, ByteOrder order, bool writable) {
  if (storage == nullptr)
    throw std::invalid_argument(m_name + ": region " + name + " has no storage");
  if (order == ByteOrder::kBigEndianDwords && (size % 4 != 0 || offset % 4 != 0)) {
    throw std::invalid_argument(m_name + ": big-endian region " + name + " is not dword-aligned");
  }
  m_regions.push_back(MemoryRegion{std::move(name), offset, size, storage, order, writable});
  try {
    insert(m_regions.back().name, offset, uint64_t{offset} + size, Kind::kRegion,
           m_regions.size() - 1);
  } catch (...) {
    m_regions.pop_back();
    throw;
  }
  return m_regions.back();
}

void RegisterBank::add_window(std::string name, uint32_t offset, uint32_t size, WindowRead read,
                              WindowWrite write) {
  if (!read || !write)
    throw std::invalid_argument(m_name + ": window " + name + " lacks a callback");
  m_windows.push_back(Window{std::move(name), std::move(read), std::move(write)});
  try {
    insert(m_windows.back().name, offset, uint64_t{offset} + size, Kind::kWindow,
           m_windows.size() - 1);
  } catch (...) {
    m_windows.pop_back();
    throw;
  }
}

void RegisterBank::mount(uint32_t offset, RegisterBank& child) {
  if (child.size() > 0xffffffffu) throw std::invalid_argument(m_name + ": child bank too large");
  add_window(
      child.name(), offset, static_cast<uint32_t>(child.size()),
      [&child](uint32_t off, uint8_t* data, uint32_t length, bool debug) {
        return child.read(off, data, length, debug);
      },
      [&child](uint32_t off, const uint8_t* data, uint32_t length, bool debug) {
        return child.write(off, data, length, debug);
      });
}

template <class Visitor>
BankResponse RegisterBank::walk(uint64_t offset, uint64_t length, Visitor&& visit) {
  const uint64_t end = offset + length;
  auto it = std::upper_bound(m_entries.begin(), m_entries.end(), offset,
                             [](uint64_t v, const Entry& e) { return v < e.begin; });
  if (it != m_entries.begin() && std::prev(it)->end > offset) --it;
  uint64_t pos = offset;
  while (pos < end) {
    if (it != m_entries.end() && it->begin <= pos) {
      const uint64_t piece_end = std::min(end, it->end);
      const BankResponse response = visit(&*it, pos, piece_end);
      if (response != BankResponse::kOk) return response;
      pos = piece_end;
      ++it;
    } else {
      const uint64_t gap_end = it != m_entries.end() ? std::min(end, it->begin) : end;
      const BankResponse response = visit(nullptr, pos, gap_end);
      if (response != BankResponse::kOk) return response;
      pos = gap_end;
    }
  }
  return BankResponse::kOk;
}

BankResponse RegisterBank::check_access(uint64_t offset, uint32_t length, bool is_write,
                                        bool debug) {
  const char* what = is_write ? "write" : "read";
  if (offset > m_size || length > m_size - offset) {  // no overflow for offsets near 2^64
    if (!debug) {
      model_log()->warn("{}: {} of {} bytes at {:#x} is outside the bank (size {:#x})", m_name,
                        what, length, offset, m_size);
    }
    return BankResponse::kAddressError;
  }
  if (m_unmapped != UnmappedAccess::kAddressError) return BankResponse::kOk;
  return walk(offset, length, [&](const Entry* entry, uint64_t begin, uint64_t) {
    if (entry != nullptr) return BankResponse::kOk;
    if (!debug) {
      model_log()->warn("{}: {} of {} bytes at {:#x} hits unmapped address {:#x}", m_name, what,
                        length, offset, begin);
    }
    return BankResponse::kAddressError;
  });
}

BankResponse RegisterBank::read(uint64_t offset, uint8_t* data, uint32_t length, bool debug) {
  if (length == 0) return BankResponse::kOk;
  if (const BankResponse r = check_access(offset, length, false, debug); r != BankResponse::kOk) {
    return r;
  }
  return walk(offset, length, [&](const Entry* entry, uint64_t begin, uint64_t end) {
    uint8_t* out = data + (begin - offset);
    const auto count = static_cast<uint32_t>(end - begin);
    if (entry == nullptr) {
      std::fill(out, out + count, uint8_t{0});
      if (!debug) model_log()->debug("{}: read of unmapped {:#x}..{:#x}", m_name, begin, end - 1);
      return BankResponse::kOk;
    }
    const auto rel = static_cast<uint32_t>(begin - entry->begin);
    switch (entry->kind) {
      case Kind::kRegister: {
        const uint32_t value = m_registers[entry->index].bus_read(debug);
        for (uint32_t i = 0; i < count; ++i)
          out[i] = static_cast<uint8_t>(value >> (8 * (rel + i)));
        return BankResponse::kOk;
      }
      case Kind::kRegion: {
        const MemoryRegion& region = m_regions[entry->index];
        for (uint32_t i = 0; i < count; ++i) {
          out[i] = region.storage[storage_index(region.order, rel + i)];
        }
        return BankResponse::kOk;
      }
      case Kind::kWindow:
        return m_windows[entry->index].read(rel, out, count, debug);
    }
    return BankResponse::kAddressError;
  });
}

BankResponse RegisterBank::write(uint64_t offset, const uint8_t* data, uint32_t length,
                                 bool debug) {
  if (length == 0) return BankResponse::kOk;
  if (const BankResponse r = check_access(offset, length, true, debug); r != BankResponse::kOk) {
    return r;
  }
  return walk(offset, length, [&](const Entry* entry, uint64_t begin, uint64_t end) {
    const uint8_t* in = data + (begin - offset);
    const auto count = static_cast<uint32_t>(end - begin);
    if (entry == nullptr) {
      if (!debug)
        model_log()->debug("{}: write to unmapped {:#x}..{:#x} ignored", m_name, begin, end - 1);
      return BankResponse::kOk;
    }
    const auto rel = static_cast<uint32_t>(begin - entry->begin);
    switch (entry->kind) {
      case Kind::kRegister: {
        uint32_t value = 0;
        uint32_t byte_mask = 0;
        for (uint32_t i = 0; i < count; ++i) {
          value |= uint32_t{in[i]} << (8 * (rel + i));
          byte_mask |= 0xffu << (8 * (rel + i));
        }
        m_registers[entry->index].bus_write(value, byte_mask, debug);
        return BankResponse::kOk;
      }
      case Kind::kRegion: {
        MemoryRegion& region = m_regions[entry->index];
        if (!region.writable && !debug) {
          model_log()->warn("{}: write to read-only {} at {:#x} ignored", m_name, region.name,
                            begin);
          return BankResponse::kOk;
        }
        for (uint32_t i = 0; i < count; ++i) {
          region.storage[storage_index(region.order, rel + i)] = in[i];
        }
        return BankResponse::kOk;
      }
      case Kind::kWindow:
        return m_windows[entry->index].write(rel, in, count, debug);
    }
    return BankResponse::kAddressError;
  });
}

BankResponse RegisterBank::read_value(uint64_t offset, unsigned size, uint32_t& value, bool debug) {
  if (size == 0 || size > 4)
    throw std::invalid_argument(m_name + ": value access of size " + std::to_string(size));
  uint8_t bytes[4] = {};
  const BankResponse response = read(offset, bytes, size, debug);
  value = 0;
  for (unsigned i = 0; i < size; ++i) value |= uint32_t{bytes[i]} << (8 * i);
  return response;
}

BankResponse RegisterBank::write_value(uint64_t offset, unsigned size, uint32_t value, bool debug) {
  if (size == 0 || size > 4)
    throw std::invalid_argument(m_name + ": value access of size " + std::to_string(size));
  uint8_t bytes[4];
  for (unsigned i = 0; i < 4; ++i) bytes[i] = static_cast<uint8_t>(value >> (8 * i));
  return write(offset, bytes, size, debug);
}

void RegisterBank::reset() {
  for (Register& reg : m_registers) reg.reset();
}

Register* RegisterBank::find_register(const std::string& name) {
  for (Register& reg : m_registers) {
    if (reg.name() == name) return &reg;
  }
  return nullptr;
}

Register* RegisterBank::register_at(uint32_t offset) {
  auto it = std::lower_bound(m_entries.begin(), m_entries.end(), uint64_t{offset},
                             [](const Entry& e, uint64_t v) { return e.begin < v; });
  if (it == m_entries.end() || it->begin != offset || it->kind != Kind::kRegister) return nullptr;
  return &m_registers[it->index];
}

}  // namespace secnic::model
