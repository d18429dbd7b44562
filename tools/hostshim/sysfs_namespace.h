// Which paths the shim answers for. Given the simulated functions' addresses, a path is one of:
//   /sys/bus/pci/devices                      the devices directory (the shim appends its entries)
//   /sys/bus/pci/devices/<DBDF>               a simulated function's directory
//   /sys/bus/pci/devices/<DBDF>/config        its config space, served live from the device
//   /sys/bus/pci/devices/<DBDF>/<attribute>   vendor, device, class, ... (attribute_files.h)
//   hidden: anything else under a simulated function's directory, /dev/<DBDF>_* (the mst driver
//   nodes, which
//           must stay absent) and /proc/bus/pci/[DDDD:]BB/DD.F: the host sees ENOENT, never the
//           real system
//   none: every other path, passed through untouched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tlm/hostlink/pci_address.h"
#include "tools/hostshim/attribute_files.h"

namespace secnic::hostshim {

inline constexpr std::string_view kDevicesDirectory = "/sys/bus/pci/devices";

enum class SysfsNodeKind {
  kNone,
  kDevicesDirectory,
  kFunctionDirectory,
  kFunctionConfig,
  kFunctionAttribute,
  kHidden
};

struct SysfsNode {
  SysfsNodeKind kind = SysfsNodeKind::kNone;
  size_t function = 0;  // index into the addresses, for the kFunction* and kHidden kinds
  const AttributeFile* attribute = nullptr;  // for kFunctionAttribute
};

// Lexical normalisation of a path: joins a relative `path` to `cwd`, collapses "//" and ".",
// resolves "..". (Lexical is exact for the sysfs prefixes the shim serves: none of
// /sys/bus/pci/devices' ancestors is a symbolic link.)
std::string normalize_path(std::string_view path, std::string_view cwd);

class SysfsNamespace {
 public:
  explicit SysfsNamespace(const std::vector<hostlink::PciAddress>& functions);

  // A cheap filter on the path exactly as the program passed it: false means classify() would say
  // kNone for every spelling of it (so no normalisation and no getcwd is needed).
  bool may_name_function(const char* path) const;

  // Classifies a normalised absolute path.
  SysfsNode classify(std::string_view path) const;

  size_t size() const { return m_names.size(); }
  // "0000:03:00.0": the directory entry name of function `index`.
  const std::string& entry_name(size_t index) const { return m_names[index]; }
  // The index of the function whose entry name is `name`, or size().
  size_t find_entry(std::string_view name) const;

 private:
  std::vector<std::string> m_names;             // "0000:03:00.0"
  std::vector<std::string> m_short_names;       // "03:00.0"
  std::vector<std::string> m_proc_names;        // "0000:03/00.0"
  std::vector<std::string> m_proc_short_names;  // "03/00.0" (domain 0 only, else empty)
};

}  // namespace secnic::hostshim
