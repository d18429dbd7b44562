// The card's non-volatile configuration TLVs as the MNVA (NVDA), NVQC and NVQGC registers expose
// them to `mstconfig` and `mstflint` (base MAC/GUID). A TLV is identified by its 32-bit type
// (layout::nv_type) and holds three values: default (factory), current (in use since the last
// reset) and next (applies at the next reset; what `mstconfig set` writes).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "firmware_model/regs/device_profile.h"
#include "firmware_model/update/update_controller.h"

namespace secnic::fw {

// Which value an MNVA GET reads (nv_hdr.default_ / read_current; neither = next).
enum class NvReadKind { kNext, kCurrent, kDefault };

// What NVQC answers for one TLV type.
struct NvTlvCapability {
  bool readable = false;
  bool writable = false;
  uint8_t version = 0;  // 4 bits: parameters newer than this are hidden by mstconfig
};

class NvConfigStore {
 public:
  virtual ~NvConfigStore() = default;

  // NVQC: the support for `type`; nullopt for a type the card does not know (answered "neither
  // readable nor writable", which mstconfig takes as "not supported").
  virtual std::optional<NvTlvCapability> capability(uint32_t type) const = 0;
  // MNVA GET: the TLV's data, or nullopt when nothing is stored for `type` (answered RES_NOT_AVLBL,
  // which mstconfig tolerates and flint shows as "N/A").
  virtual std::optional<std::vector<uint8_t>> read(uint32_t type, NvReadKind kind) const = 0;
  // MNVA SET: stores the next value; the returned status goes to the host (kOk when stored).
  virtual RegStatus write(uint32_t type, const std::vector<uint8_t>& data) = 0;
};

// A ConnectX-4 Lx configuration kept in memory: the manufacturing base MAC/GUID and its capability
// (read only, from the DeviceProfile), the global PCI configuration (SR-IOV, PFs, BAR sizes, MSI-X)
// with its capability TLV, and KEEP_ETH_LINK_UP per port. Writes change the next value only and
// last as long as the object: an integrator that wants `mstconfig set` to survive the process backs
// NvConfigStore with the card's storage instead.
class InMemoryNvConfig final : public NvConfigStore {
 public:
  explicit InMemoryNvConfig(const DeviceProfile& profile);

  std::optional<NvTlvCapability> capability(uint32_t type) const override;
  std::optional<std::vector<uint8_t>> read(uint32_t type, NvReadKind kind) const override;
  // kBadParam for a read-only TLV or data whose size differs from the TLV's; kOk otherwise.
  RegStatus write(uint32_t type, const std::vector<uint8_t>& data) override;

 private:
  struct StoredTlv {
    NvTlvCapability capability;
    std::vector<uint8_t> default_value;
    std::vector<uint8_t> current_value;
    std::vector<uint8_t> next_value;
  };
  void add(uint32_t type, NvTlvCapability capability, std::vector<uint8_t> value);

  std::map<uint32_t, StoredTlv> m_tlvs;
};

}  // namespace secnic::fw
