#include "firmware_model/regs/access_register.h"

#include <stdexcept>
#include <utility>

namespace secnic::fw {

AccessRegister::AccessRegister(uint16_t id, std::string name, uint32_t size)
    : m_id(id), m_name(std::move(name)), m_min_size(size), m_max_size(size) {}

AccessRegister& AccessRegister::on_get(RegisterHandler handler) {
  m_on_get = std::move(handler);
  return *this;
}

AccessRegister& AccessRegister::on_set(RegisterHandler handler) {
  m_on_set = std::move(handler);
  return *this;
}

AccessRegister& AccessRegister::sized(uint32_t min_size, uint32_t max_size) {
  if (min_size == 0 || min_size > max_size) {
    throw std::logic_error("access register " + m_name + ": bad size bounds");
  }
  m_min_size = min_size;
  m_max_size = max_size;
  return *this;
}

AccessRegister& AccessRegister::unadvertised() {
  m_advertised = false;
  return *this;
}

AccessRegister& AccessRegister::publishes_body_on_error() {
  m_body_on_error = true;
  return *this;
}

AccessRegister& AccessRegisterTable::declare(uint16_t id, std::string name, uint32_t size) {
  if (name.empty() || size == 0) {
    throw std::logic_error("access register 0x" + std::to_string(id) + ": empty name or zero size");
  }
  auto [it, inserted] = m_registers.try_emplace(id, id, name, size);
  if (!inserted) {
    throw std::logic_error("access register " + name + " declared twice (id already " +
                           it->second.name() + ")");
  }
  return it->second;
}

const AccessRegister* AccessRegisterTable::find(uint16_t id) const {
  auto it = m_registers.find(id);
  return it == m_registers.end() ? nullptr : &it->second;
}

}  // namespace secnic::fw
