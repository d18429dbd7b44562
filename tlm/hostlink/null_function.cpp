#include "tlm/hostlink/null_function.h"

#include <stdexcept>

namespace secnic::hostlink {
namespace {

struct HeaderRegister {
  const char* name;
  ConfigField field;
  uint32_t reset;
  uint32_t writable;
};

constexpr uint16_t kCommandWritable =
    0x0547;  // I/O, memory, bus master, parity, SERR, INTx disable

constexpr HeaderRegister kHeaderRegisters[] = {
    {"vendor_id", pci_header::kVendorId, NullPciFunction::kVendorId, 0},
    {"device_id", pci_header::kDeviceId, NullPciFunction::kDeviceId, 0},
    {"command", pci_header::kCommand, 0, kCommandWritable},
    {"status", pci_header::kStatus, 0, 0},
    {"revision_id", pci_header::kRevisionId, 0, 0},
    {"class_code", pci_header::kClassCode, NullPciFunction::kClassCode, 0},
    {"cache_line_size", pci_header::kCacheLineSize, 0, 0xff},
    {"header_type", pci_header::kHeaderType, 0, 0},
    {"subsystem_vendor_id", pci_header::kSubsystemVendorId, NullPciFunction::kVendorId, 0},
    {"subsystem_id", pci_header::kSubsystemId, NullPciFunction::kSubsystemId, 0},
    {"capabilities_pointer", pci_header::kCapabilitiesPointer, 0, 0},
    {"interrupt_line", pci_header::kInterruptLine, 0, 0xff},
};

bool is_valid_access(uint32_t offset, unsigned size) {
  return (size == 1 || size == 2 || size == 4) && offset % size == 0 && offset < kConfigSpaceSize;
}

}  // namespace

NullPciFunction::NullPciFunction() {
  for (const HeaderRegister& reg : kHeaderRegisters)
    set_field(m_writable.data(), reg.field, reg.writable);
  reset();
}

void NullPciFunction::reset() {
  m_bytes.fill(0);
  for (const HeaderRegister& reg : kHeaderRegisters)
    set_field(m_bytes.data(), reg.field, reg.reset);
}

bool NullPciFunction::config_read(uint32_t offset, unsigned size, uint32_t& value) {
  if (!is_valid_access(offset, size)) {
    throw std::invalid_argument("NullPciFunction: config read of " + std::to_string(size) +
                                " bytes at " + std::to_string(offset));
  }
  value = get_field(m_bytes.data(),
                    ConfigField{static_cast<uint16_t>(offset), static_cast<uint8_t>(size)});
  return true;
}

bool NullPciFunction::config_write(uint32_t offset, unsigned size, uint32_t value) {
  if (!is_valid_access(offset, size)) {
    throw std::invalid_argument("NullPciFunction: config write of " + std::to_string(size) +
                                " bytes at " + std::to_string(offset));
  }
  for (unsigned i = 0; i < size; ++i) {
    const uint8_t mask = m_writable[offset + i];
    const auto byte = static_cast<uint8_t>(value >> (8 * i));
    m_bytes[offset + i] = static_cast<uint8_t>((m_bytes[offset + i] & ~mask) | (byte & mask));
  }
  return true;
}

}  // namespace secnic::hostlink
