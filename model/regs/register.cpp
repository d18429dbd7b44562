#include "model/regs/register.h"

#include <stdexcept>

#include "model/regs/model_log.h"

namespace secnic::model {

const char* to_string(AccessPolicy policy) {
  switch (policy) {
    case AccessPolicy::kReadOnly:
      return "read-only";
    case AccessPolicy::kReadWrite:
      return "read-write";
    case AccessPolicy::kWriteOnly:
      return "write-only";
    case AccessPolicy::kWriteOneToClear:
      return "write-1-to-clear";
    case AccessPolicy::kWriteOneToSet:
      return "write-1-to-set";
  }
  return "?";
}

namespace {
uint32_t value_mask(unsigned size) { return size >= 4 ? 0xffffffffu : ((1u << (8 * size)) - 1u); }
}  // namespace

Register::Register(std::string name, uint32_t offset, unsigned size, uint32_t reset_value)
    : m_name(std::move(name)),
      m_offset(offset),
      m_size(size),
      m_value_mask(value_mask(size)),
      m_reset_value(reset_value & m_value_mask),
      m_writable(m_value_mask),
      m_local_value(m_reset_value),
      m_storage(&m_local_value) {
  if (size != 1 && size != 2 && size != 4) {
    throw std::invalid_argument("register " + m_name + ": size " + std::to_string(size) +
                                " is not 1, 2 or 4 bytes");
  }
  if (reset_value & ~m_value_mask) {
    throw std::invalid_argument("register " + m_name + ": reset value does not fit its size");
  }
}

Register& Register::policy(AccessPolicy policy) {
  m_policy = policy;
  return *this;
}

Register& Register::writable_bits(uint32_t mask) {
  m_writable = mask & m_value_mask;
  return *this;
}

Register& Register::storage(uint32_t& word) {
  m_storage = &word;
  return *this;
}

Register& Register::on_read(ReadHook hook) {
  m_on_read = std::move(hook);
  return *this;
}

Register& Register::on_write(WriteHook hook) {
  m_on_write = std::move(hook);
  return *this;
}

Register& Register::after_write(AfterWriteHook hook) {
  m_after_write = std::move(hook);
  return *this;
}

uint32_t Register::bus_read(bool debug) {
  if (debug) return get();
  if (m_policy == AccessPolicy::kWriteOnly) return 0;
  if (m_on_read) return m_on_read() & m_value_mask;
  return get();
}

void Register::bus_write(uint32_t value, uint32_t byte_mask, bool debug) {
  if (m_policy == AccessPolicy::kReadOnly) {
    if (!debug) {
      model_log()->warn("write of {:#x} to read-only register {} ignored", value & byte_mask,
                        m_name);
    }
    return;
  }
  const uint32_t writable = m_writable & byte_mask & m_value_mask;
  const uint32_t current = get();
  uint32_t proposed = current;
  switch (m_policy) {
    case AccessPolicy::kReadWrite:
    case AccessPolicy::kWriteOnly:
      proposed = (current & ~writable) | (value & writable);
      break;
    case AccessPolicy::kWriteOneToClear:
      proposed = current & ~(value & writable);
      break;
    case AccessPolicy::kWriteOneToSet:
      proposed = current | (value & writable);
      break;
    case AccessPolicy::kReadOnly:
      break;
  }
  if (debug) {
    set(proposed);
    return;
  }
  set(m_on_write ? m_on_write(proposed, current) : proposed);
  if (m_after_write) m_after_write(get());
}

}  // namespace secnic::model
