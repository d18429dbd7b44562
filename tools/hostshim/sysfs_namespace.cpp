#include "tools/hostshim/sysfs_namespace.h"

#include <cstdio>
#include <cstring>

namespace secnic::hostshim {
namespace {

constexpr std::string_view kDevPrefix = "/dev/";
constexpr std::string_view kProcPciPrefix = "/proc/bus/pci/";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string normalize_path(std::string_view path, std::string_view cwd) {
  std::vector<std::string_view> parts;
  const auto add_components = [&](std::string_view text) {
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('/', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view part = text.substr(start, end - start);
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      start = end + 1;
    }
  };
  if (path.empty() || path.front() != '/') add_components(cwd);
  add_components(path);
  std::string normalized;
  for (std::string_view part : parts) {
    normalized += '/';
    normalized += part;
  }
  return normalized.empty() ? std::string("/") : normalized;
}

SysfsNamespace::SysfsNamespace(const std::vector<hostlink::PciAddress>& functions) {
  for (const hostlink::PciAddress& address : functions) {
    char text[32];
    m_names.push_back(address.to_string());
    std::snprintf(text, sizeof text, "%02x:%02x.%x", address.bus, address.device, address.function);
    m_short_names.push_back(text);
    std::snprintf(text, sizeof text, "%04x:%02x/%02x.%x", address.domain, address.bus,
                  address.device, address.function);
    m_proc_names.push_back(text);
    if (address.domain == 0) {
      std::snprintf(text, sizeof text, "%02x/%02x.%x", address.bus, address.device,
                    address.function);
      m_proc_short_names.push_back(text);
    } else {
      m_proc_short_names.emplace_back();
    }
  }
}

bool SysfsNamespace::may_name_function(const char* path) const {
  if (path == nullptr || m_names.empty()) return false;
  if (std::strncmp(path, kProcPciPrefix.data(), kProcPciPrefix.size()) == 0) return true;
  for (const std::string& short_name : m_short_names) {
    if (std::strstr(path, short_name.c_str()) != nullptr) return true;
  }
  return false;
}

size_t SysfsNamespace::find_entry(std::string_view name) const {
  for (size_t i = 0; i < m_names.size(); ++i) {
    if (name == m_names[i]) return i;
  }
  return m_names.size();
}

SysfsNode SysfsNamespace::classify(std::string_view path) const {
  SysfsNode node;
  if (path == kDevicesDirectory) {
    node.kind = SysfsNodeKind::kDevicesDirectory;
    return node;
  }
  if (starts_with(path, kDevicesDirectory) && path.size() > kDevicesDirectory.size() &&
      path[kDevicesDirectory.size()] == '/') {
    const std::string_view rest = path.substr(kDevicesDirectory.size() + 1);
    const size_t slash = rest.find('/');
    const size_t index = find_entry(rest.substr(0, slash));
    if (index == m_names.size()) return node;
    node.function = index;
    if (slash == std::string_view::npos) {
      node.kind = SysfsNodeKind::kFunctionDirectory;
      return node;
    }
    const std::string_view file = rest.substr(slash + 1);
    if (file == "config") {
      node.kind = SysfsNodeKind::kFunctionConfig;
    } else if ((node.attribute = find_attribute_file(file)) != nullptr) {
      node.kind = SysfsNodeKind::kFunctionAttribute;
    } else {
      node.kind = SysfsNodeKind::kHidden;
    }
    return node;
  }
  if (starts_with(path, kDevPrefix)) {
    const std::string_view name = path.substr(kDevPrefix.size());
    for (size_t i = 0; i < m_names.size(); ++i) {
      if (starts_with(name, m_names[i]) &&
          (name.size() == m_names[i].size() || name[m_names[i].size()] == '_')) {
        node.kind = SysfsNodeKind::kHidden;
        node.function = i;
        return node;
      }
    }
    return node;
  }
  if (starts_with(path, kProcPciPrefix)) {
    const std::string_view name = path.substr(kProcPciPrefix.size());
    for (size_t i = 0; i < m_names.size(); ++i) {
      if (name == m_proc_names[i] ||
          (!m_proc_short_names[i].empty() && name == m_proc_short_names[i])) {
        node.kind = SysfsNodeKind::kHidden;
        node.function = i;
        return node;
      }
    }
  }
  return node;
}

}  // namespace secnic::hostshim
