#include "tools/hostdrv/register_catalogue.h"

#include <algorithm>
#include <cctype>

#include "firmware_model/layout/register_layouts.h"

namespace secnic::hostdrv {
namespace {

namespace L = secnic::layout;

std::vector<RegisterDescription> build_catalogue() {
  std::vector<RegisterDescription> c;
  c.push_back(
      {"MCC",
       L::mcc::kId,
       L::mcc::kSize,
       {
           {"instruction", L::mcc::instruction, NameTable::kMccInstruction},
           {"activation_delay_sec", L::mcc::activation_delay_sec, std::nullopt},
           {"time_elapsed_since_last_cmd", L::mcc::time_elapsed_since_last_cmd, std::nullopt},
           {"component_index", L::mcc::component_index, std::nullopt},
           {"update_handle", L::mcc::update_handle, std::nullopt},
           {"auto_update", L::mcc::auto_update, std::nullopt},
           {"control_state", L::mcc::control_state, NameTable::kFsmState},
           {"error_code", L::mcc::error_code, NameTable::kMccError},
           {"control_progress", L::mcc::control_progress, std::nullopt},
           {"handle_owner_host_id", L::mcc::handle_owner_host_id, std::nullopt},
           {"handle_owner_type", L::mcc::handle_owner_type, std::nullopt},
           {"component_size", L::mcc::component_size, std::nullopt},
           {"device_type", L::mcc::device_type, std::nullopt},
           {"device_index", L::mcc::device_index, std::nullopt},
           {"device_index_size", L::mcc::device_index_size, std::nullopt},
           {"rejected_device_index", L::mcc::rejected_device_index, std::nullopt},
       }});
  c.push_back({"MCDA",
               L::mcda::kId,
               L::mcda::kSize,
               {
                   {"update_handle", L::mcda::update_handle, std::nullopt},
                   {"offset", L::mcda::offset, std::nullopt},
                   {"size", L::mcda::size, std::nullopt},
               }});
  c.push_back({"MCQS",
               L::mcqs::kId,
               L::mcqs::kSize,
               {
                   {"component_index", L::mcqs::component_index, std::nullopt},
                   {"device_index", L::mcqs::device_index, std::nullopt},
                   {"last_index_flag", L::mcqs::last_index_flag, std::nullopt},
                   {"identifier", L::mcqs::identifier, std::nullopt},
                   {"component_update_state", L::mcqs::component_update_state, std::nullopt},
                   {"component_status", L::mcqs::component_status, std::nullopt},
                   {"progress", L::mcqs::progress, std::nullopt},
                   {"device_type", L::mcqs::device_type, std::nullopt},
               }});
  c.push_back({"MCQI",
               L::mcqi::kId,
               L::mcqi::kSize,
               {
                   {"component_index", L::mcqi::component_index, std::nullopt},
                   {"device_index", L::mcqi::device_index, std::nullopt},
                   {"read_pending_component", L::mcqi::read_pending_component, std::nullopt},
                   {"device_type", L::mcqi::device_type, std::nullopt},
                   {"info_type", L::mcqi::info_type, std::nullopt},
                   {"info_size", L::mcqi::info_size, std::nullopt},
                   {"offset", L::mcqi::offset, std::nullopt},
                   {"data_size", L::mcqi::data_size, std::nullopt},
               }});
  c.push_back({"MCAM",
               L::mcam::kId,
               L::mcam::kSize,
               {
                   {"access_reg_group", L::mcam::access_reg_group, std::nullopt},
                   {"feature_group", L::mcam::feature_group, std::nullopt},
               }});
  c.push_back({"MGIR",
               L::mgir::kId,
               L::mgir::kSize,
               {
                   {"device_id", L::mgir::device_id, std::nullopt},
                   {"hw_dev_id", L::mgir::hw_dev_id, std::nullopt},
                   {"secured", L::mgir::secured, std::nullopt},
                   {"signed_fw", L::mgir::signed_fw, std::nullopt},
                   {"extended_major", L::mgir::extended_major, std::nullopt},
                   {"extended_minor", L::mgir::extended_minor, std::nullopt},
                   {"extended_sub_minor", L::mgir::extended_sub_minor, std::nullopt},
                   {"sec_boot", L::mgir::sec_boot, std::nullopt},
               }});
  c.push_back({"MQIS",
               L::mqis::kId,
               L::mqis::kSize,
               {
                   {"info_type", L::mqis::info_type, std::nullopt},
                   {"info_length", L::mqis::info_length, std::nullopt},
                   {"read_length", L::mqis::read_length, std::nullopt},
                   {"read_offset", L::mqis::read_offset, std::nullopt},
               }});
  c.push_back({"MVTS", L::mvts::kId, L::mvts::kSize, {}});
  c.push_back({"NVQC",
               L::nvqc::kId,
               L::nvqc::kSize,
               {
                   {"type", L::nvqc::type, std::nullopt},
                   {"support_rd", L::nvqc::support_rd, std::nullopt},
                   {"support_wr", L::nvqc::support_wr, std::nullopt},
               }});
  c.push_back({"MNVA",
               L::mnva::kId,
               L::mnva::kMaxSize,
               {
                   {"length", L::nv_hdr::length, std::nullopt},
                   {"read_current", L::nv_hdr::read_current, std::nullopt},
                   {"default", L::nv_hdr::default_, std::nullopt},
                   {"type", L::nv_hdr::type, std::nullopt},
               }});
  // Registers this card refuses (REG_NOT_SUPP): direct flash access, host lock.
  c.push_back({"MFPA", L::unsupported_register::kMfpa, 0x20, {}});
  c.push_back({"MFBA", L::unsupported_register::kMfba, 0x10c, {}});
  c.push_back({"MFBE", L::unsupported_register::kMfbe, 0xc, {}});
  c.push_back({"MFMC", L::unsupported_register::kMfmc, 0x1c, {}});
  c.push_back({"MLOCK", L::unsupported_register::kMlock, 0x10, {}});
  c.push_back({"MCDD", L::unsupported_register::kMcdd, 0x20, {}});
  return c;
}

const std::vector<RegisterDescription>& catalogue() {
  static const std::vector<RegisterDescription> registers = build_catalogue();
  return registers;
}

bool same_name(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const RegisterField* RegisterDescription::field(const std::string& field_name) const {
  for (const RegisterField& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

const RegisterDescription* find_register(const std::string& name) {
  for (const RegisterDescription& r : catalogue()) {
    if (same_name(r.name, name)) return &r;
  }
  return nullptr;
}

const RegisterDescription* find_register(uint16_t id) {
  for (const RegisterDescription& r : catalogue()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string register_names() {
  std::string names;
  for (const RegisterDescription& r : catalogue()) names += (names.empty() ? "" : ", ") + r.name;
  return names;
}

}  // namespace secnic::hostdrv
