# cmake/c_abi.cmake — libda06, the stable C ABI (include/da06/c/da06.h) over the C++ core.
#
#   da06::c         libda06.so.1 (SONAME major = DA06_C_ABI_MAJOR, independent of the project version)
#   da06::c_static  libda06.a (define DA06_STATIC on Windows; needs libda06pp.a and libstdc++, which
#                   CMake and `pkg-config --static da06-c` add)
#
# Built from src/c/*.cpp with -fvisibility=hidden: only DA06_API functions are exported, and the linker
# version script src/c/libda06.map keeps everything else (the statically linked C++ core, libstdc++
# template instances) local. Rules for changing the ABI: docs/api-stability.md.
enable_language(C)

set(DA06_C_ABI_MAJOR 1)       # bump only for an incompatible ABI change (docs/api-stability.md)
set(DA06_C_ABI_VERSION 1.0.0) # MAJOR.MINOR.PATCH of the ABI: the real file name, libda06.so.1.0.0

file(GLOB DA06_C_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/c/*.cpp)
set(DA06_C_MAP ${PROJECT_SOURCE_DIR}/src/c/libda06.map)

# One compilation for both variants. -g on these objects only: it is the C layer's debug info that
# describes the ABI's types to abidw/abidiff (tests/c: c.abi), even in a Release build.
add_library(da06_c_objects OBJECT ${DA06_C_SOURCES})
target_link_libraries(da06_c_objects PRIVATE da06::da06)
target_compile_options(da06_c_objects PRIVATE -Wall -Wextra -Wpedantic -g)
set_target_properties(da06_c_objects PROPERTIES CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)

add_library(da06_c SHARED $<TARGET_OBJECTS:da06_c_objects>)
add_library(da06::c ALIAS da06_c)
target_link_libraries(da06_c PRIVATE da06::da06)
target_include_directories(da06_c PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_options(da06_c PRIVATE
  -Wl,--exclude-libs,ALL -Wl,--version-script=${DA06_C_MAP} -Wl,--no-undefined)
target_link_options(da06_c INTERFACE ${DA06_SANITIZE_LINK})  # empty unless DA06_SANITIZE is set
set_target_properties(da06_c PROPERTIES
  OUTPUT_NAME da06 EXPORT_NAME c
  SOVERSION ${DA06_C_ABI_MAJOR} VERSION ${DA06_C_ABI_VERSION}
  LINK_DEPENDS ${DA06_C_MAP})

add_library(da06_c_static STATIC $<TARGET_OBJECTS:da06_c_objects>)
add_library(da06::c_static ALIAS da06_c_static)
target_link_libraries(da06_c_static INTERFACE $<LINK_ONLY:da06::da06>)
target_include_directories(da06_c_static INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_definitions(da06_c_static INTERFACE DA06_STATIC)
set_target_properties(da06_c_static PROPERTIES OUTPUT_NAME da06 EXPORT_NAME c_static)  # libda06.a, as libzstd.a beside libzstd.so

# The header is installed with include/da06 by the top-level install(DIRECTORY ...).
install(TARGETS da06_c da06_c_static EXPORT da06Targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# pkg-config for C consumers: `pkg-config --cflags --libs da06-c` (add --static, and link with -static or -Wl,-Bstatic, for libda06.a).
file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/da06-c.pc @ONLY CONTENT [[
prefix=${pcfiledir}/@DA06_PC_TO_PREFIX@
libdir=${prefix}/@CMAKE_INSTALL_LIBDIR@
includedir=${prefix}/@CMAKE_INSTALL_INCLUDEDIR@

Name: da06-c
Description: da06 C ABI (libda06.so.@DA06_C_ABI_MAJOR@): Vietnamese working days, deadlines and the Đề án 06 report
Version: @PROJECT_VERSION@
Libs: -L${libdir} -lda06@DA06_PC_SANITIZE@
Libs.private: -lda06pp -lstdc++ -lm
Cflags: -I${includedir}
]])
install(FILES ${PROJECT_BINARY_DIR}/da06-c.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

if(DA06_BUILD_TESTS)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tests/c ${PROJECT_BINARY_DIR}/tests/c)
endif()
