#include "fuzz/harness/invariant.h"

#include <cstdlib>
#include <set>
#include <sstream>

namespace secnic::fuzz {

bool known_finding(const char* id) {
  static const std::set<std::string> known = [] {
    std::set<std::string> ids;
    if (const char* list = std::getenv("SECNIC_FUZZ_KNOWN")) {
      std::stringstream in(list);
      for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) ids.insert(item);
      }
    }
    return ids;
  }();
  return known.count(id) != 0;
}

}  // namespace secnic::fuzz
