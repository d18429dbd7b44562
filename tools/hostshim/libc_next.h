// The libc definition a hook stands in front of: dlsym(RTLD_NEXT) resolved once per symbol.
#pragma once

#include <dlfcn.h>

namespace secnic::hostshim {

template <class Function>
Function* next_libc(const char* name) {
  return reinterpret_cast<Function*>(dlsym(RTLD_NEXT, name));
}

}  // namespace secnic::hostshim
