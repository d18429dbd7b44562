# Project-wide defaults applied to every target we own: C++17 (Debian's libsystemc 2.3.4 is built for
# C++17 and exports sc_api_version_2_3_4_cxx201703L), strict warnings, position-independent code (the
# host shim links the whole model into a preloaded shared object).
function(secnic_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_17)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
endfunction()

# A GoogleTest executable under testbench/, registered with CTest.
function(secnic_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  secnic_defaults(${name})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "SECNIC_BIN=${CMAKE_BINARY_DIR}/bin;SECNIC_SOURCE=${CMAKE_SOURCE_DIR};SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1")
endfunction()
