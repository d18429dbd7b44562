# The `attack` scenario kind (attack catalogue, scenarios/attacks/): its sources, for the campaign
# library. tools/campaign/CMakeLists.txt includes this file and calls
#
#   secnic_add_attack_kind(secnic_campaign)
#
# which adds the sources (the kind registers itself with a static ScenarioKindRegistration in
# attack_registration.cpp, so the library must keep that object: an OBJECT library or
# --whole-archive), the libraries they use, and a build dependency on secnic-hostdrv, the host-side
# driver the cases run under the shim.
set(SECNIC_ATTACK_KIND_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/attack_card_snapshot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attack_case.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attack_image_forgery.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attack_runner.cpp)
set(SECNIC_ATTACK_KIND_REGISTRATION ${CMAKE_CURRENT_LIST_DIR}/attack_registration.cpp)
set(SECNIC_ATTACK_KIND_LIBS secnic_image secnic_crypto nlohmann_json::nlohmann_json yaml-cpp)

function(secnic_add_attack_kind target)
  target_sources(${target} PRIVATE ${SECNIC_ATTACK_KIND_SOURCES} ${SECNIC_ATTACK_KIND_REGISTRATION})
  target_link_libraries(${target} PRIVATE ${SECNIC_ATTACK_KIND_LIBS})
  if(TARGET secnic-hostdrv)
    add_dependencies(${target} secnic-hostdrv)
  endif()
endfunction()
