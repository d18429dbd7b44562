// A value or an error: the return type of every operation whose failure is caused by its input (a
// key file, an image, a UUID string) rather than by a simulator bug. Asking an error for its value
// is a bug in the caller and throws std::logic_error.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace secnic {

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

template <class T, class E>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
  Expected(E error) : m_v(std::in_place_index<1>, std::move(error)) {}
  template <class G>
  Expected(Unexpected<G> u) : m_v(std::in_place_index<1>, E(std::move(u.error))) {}

  bool has_value() const { return m_v.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    check();
    return std::get<0>(m_v);
  }
  const T& value() const& {
    check();
    return std::get<0>(m_v);
  }
  T&& value() && {
    check();
    return std::get<0>(std::move(m_v));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const {
    if (has_value()) throw std::logic_error("Expected::error() called on a value");
    return std::get<1>(m_v);
  }

 private:
  void check() const {
    if (!has_value()) throw std::logic_error("Expected::value() called on an error");
  }
  std::variant<T, E> m_v;
};

// Success or an error, for operations that produce nothing else.
template <class E>
class [[nodiscard]] Expected<void, E> {
 public:
  Expected() = default;
  Expected(E error) : m_error(std::move(error)) {}
  template <class G>
  Expected(Unexpected<G> u) : m_error(E(std::move(u.error))) {}

  bool has_value() const { return !m_error.has_value(); }
  explicit operator bool() const { return has_value(); }
  void value() const {
    if (m_error) throw std::logic_error("Expected::value() called on an error");
  }
  const E& error() const {
    if (!m_error) throw std::logic_error("Expected::error() called on a value");
    return *m_error;
  }

 private:
  std::optional<E> m_error;
};

}  // namespace secnic
