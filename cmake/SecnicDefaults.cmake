# Project-wide defaults applied to every target we own: C++17 (Debian's libsystemc 2.3.4 is built for
# C++17 and exports sc_api_version_2_3_4_cxx201703L), strict warnings, position-independent code (the
# host shim links the whole model into a preloaded shared object).
function(secnic_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  # GCC 12's -Wmaybe-uninitialized is unreliable on ASan-instrumented code: <regex> and
  # std::function internals warn at -O1 -fsanitize=address (GCC PR 105616). In the Sanitize build it
  # stays a warning; the normal build still makes it an error.
  target_compile_options(${target} PRIVATE
    $<$<AND:$<CONFIG:Sanitize>,$<CXX_COMPILER_ID:GNU>>:-Wno-error=maybe-uninitialized>)
endfunction()

# Sanitize build type (ASan+UBSan, docs/fuzzing.md): tests run uninstrumented programs (the Debian
# mstflint tools, ls, cat, sh) with the sanitized host shim preloaded. The shim brings the ASan
# runtime in only as its own dependency, which the loader places after the program's libc: libc's
# malloc then wins over ASan's, the heap is split between two allocators, LeakSanitizer cannot see
# pointers kept in libc-allocated memory (false leaks in libsystemc) and the shim's heap goes
# unchecked. So every test runs with the ASan runtime preloaded; `secnic run` keeps an inherited
# LD_PRELOAD, so the runtime comes before libc in the host tool too.
set(SECNIC_TEST_PRELOAD "")
if(CMAKE_BUILD_TYPE STREQUAL "Sanitize" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so
    OUTPUT_VARIABLE secnic_asan_runtime OUTPUT_STRIP_TRAILING_WHITESPACE)
  get_filename_component(secnic_asan_runtime "${secnic_asan_runtime}" REALPATH)
  if(NOT EXISTS "${secnic_asan_runtime}")
    message(FATAL_ERROR "Sanitize build: no ASan runtime (libasan.so) for ${CMAKE_CXX_COMPILER}")
  endif()
  set(SECNIC_TEST_PRELOAD "LD_PRELOAD=${secnic_asan_runtime}")
endif()

# A GoogleTest executable under testbench/, registered with CTest.
function(secnic_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  secnic_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 TEST_LIST ${name}_TESTS)
  # The tests' environment. Not through gtest_discover_tests(PROPERTIES ENVIRONMENT ...): CMake 3.25
  # writes a list-valued property as separate arguments, so only the first variable was set. A
  # CTest include file that runs after the discovered tests are added sets the whole list.
  set(environment "SECNIC_BIN=${CMAKE_BINARY_DIR}/bin;SECNIC_SOURCE=${CMAKE_SOURCE_DIR}")
  list(APPEND environment "SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1" ${SECNIC_TEST_PRELOAD})
  set(environment_file "${CMAKE_CURRENT_BINARY_DIR}/${name}_environment.cmake")
  file(WRITE "${environment_file}"
    "if(DEFINED ${name}_TESTS)\n"
    "  set_tests_properties(\${${name}_TESTS} PROPERTIES ENVIRONMENT [==[${environment}]==])\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${environment_file}")
endfunction()
