// Declared access registers: each register the firmware implements is declared once (id, name,
// size, the methods it supports and their handlers) in an AccessRegisterTable;
// AccessRegisterDispatch decodes the ICMD TLVs and calls the declaration. No code anywhere switches
// on register ids.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "firmware_model/update/update_controller.h"

namespace secnic::fw {

// Register status 0x24 (the body is shorter than the register), missing from RegStatus in
// update_controller.h.
inline constexpr RegStatus kRegStatusLenTooSmall = static_cast<RegStatus>(0x24);

// Handles one access. `body` is the register body as the host sent it (big-endian PRM layout,
// exactly the size the reg TLV announced, within the declared bounds) and receives the response in
// place. The returned status goes into the operation TLV. When it is not kOk the host sees the body
// it sent, unless the register is declared with publishes_body_on_error() (then it sees what the
// handler left in `body`).
using RegisterHandler = std::function<RegStatus(std::vector<uint8_t>& body)>;

class AccessRegister {
 public:
  AccessRegister(uint16_t id, std::string name, uint32_t size);

  // Chained declaration helpers.
  AccessRegister& on_get(RegisterHandler handler);
  AccessRegister& on_set(RegisterHandler handler);
  // A register whose body length varies between accesses (MNVA): [min_size, max_size] bytes.
  AccessRegister& sized(uint32_t min_size, uint32_t max_size);
  // Left out of MCAM's capability mask (answered, but not advertised).
  AccessRegister& unadvertised();
  // The response body carries detail even when the status is an error (MCC error_code). The handler
  // then writes only response-only fields, so that the tool's re-send of a rejected register (it
  // re-sends the response body) is the same request again.
  AccessRegister& publishes_body_on_error();

  uint16_t id() const { return m_id; }
  const std::string& name() const { return m_name; }
  uint32_t min_size() const { return m_min_size; }
  uint32_t max_size() const { return m_max_size; }
  bool advertised() const { return m_advertised; }
  bool body_on_error() const { return m_body_on_error; }
  // Empty when the method is not supported (answered METHOD_NOT_SUPP).
  const RegisterHandler& get_handler() const { return m_on_get; }
  const RegisterHandler& set_handler() const { return m_on_set; }

 private:
  uint16_t m_id;
  std::string m_name;
  uint32_t m_min_size;
  uint32_t m_max_size;
  RegisterHandler m_on_get;
  RegisterHandler m_on_set;
  bool m_advertised = true;
  bool m_body_on_error = false;
};

class AccessRegisterTable {
 public:
  // Declares a register of `size` bytes and returns it for the chained helpers. Declaring an id
  // twice, an empty name or a zero size is a simulator bug: std::logic_error.
  AccessRegister& declare(uint16_t id, std::string name, uint32_t size);

  // The declaration of `id`, or nullptr when the firmware does not implement it.
  const AccessRegister* find(uint16_t id) const;
  // All declarations in id order.
  const std::map<uint16_t, AccessRegister>& registers() const { return m_registers; }

 private:
  std::map<uint16_t, AccessRegister> m_registers;
};

}  // namespace secnic::fw
