# A stand-in for Zephyr's CMake package in onebit's export tests (see ../../README.md). It follows
# Zephyr's order: find_package(Zephyr) sets the cross toolchain and calls project(), creates the
# `app` library and the interface every library links, reads the modules named in
# ZEPHYR_EXTRA_MODULES (zephyr/module.yml: build.cmake and build.kconfig), refuses prj.conf
# symbols no module's Kconfig declares, adds the modules, and once the application's
# CMakeLists.txt is done links zephyr/zephyr.elf from the kernel (here: onebit's startup, console
# and printk for the board, and the libc calls compilers emit), `app` and every zephyr_library.
#
#   -DONEBIT_EMULATION_SUPPORT=DIR   the board's linker.ld and onebit/ runtime (a generated project)
#   -DONEBIT_ARCH_FLAGS="..."        the core's compiler flags
cmake_minimum_required(VERSION 3.20)

foreach(required ONEBIT_EMULATION_SUPPORT ONEBIT_ARCH_FLAGS ZEPHYR_EXTRA_MODULES)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "${required} is not set (see export-emulation/README.md)")
  endif()
endforeach()

set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# Zephyr compiles freestanding, size-optimised, one section per function; warnings are errors here.
set(CMAKE_C_FLAGS_INIT "${ONEBIT_ARCH_FLAGS} -std=c11 -Os -ffreestanding -ffunction-sections -fdata-sections -Wall -Wextra -Werror")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${ONEBIT_ARCH_FLAGS}")
project(Zephyr-Kernel LANGUAGES C)

set(ZEPHYR_EMULATION_DIR ${CMAKE_CURRENT_LIST_DIR}/..)
add_library(zephyr_interface INTERFACE)
target_include_directories(zephyr_interface INTERFACE ${ZEPHYR_EMULATION_DIR}/include)
add_library(app STATIC)
target_link_libraries(app PUBLIC zephyr_interface)
set_property(GLOBAL PROPERTY ZEPHYR_LIBS "")

macro(zephyr_library_named name)
  set(ZEPHYR_CURRENT_LIBRARY ${name})
  add_library(${name} STATIC)
  target_link_libraries(${name} PUBLIC zephyr_interface)
  set_property(GLOBAL APPEND PROPERTY ZEPHYR_LIBS ${name})
endmacro()

macro(zephyr_library)
  file(RELATIVE_PATH _zephyr_lib_path ${CMAKE_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  string(REGEX REPLACE "[^A-Za-z0-9_]" "__" _zephyr_lib_name "${_zephyr_lib_path}")
  zephyr_library_named(${_zephyr_lib_name})
endmacro()

function(zephyr_library_sources)
  target_sources(${ZEPHYR_CURRENT_LIBRARY} PRIVATE ${ARGN})
endfunction()

function(zephyr_library_compile_definitions)
  target_compile_definitions(${ZEPHYR_CURRENT_LIBRARY} PRIVATE ${ARGN})
endfunction()

function(zephyr_include_directories)
  foreach(dir ${ARGN})
    get_filename_component(absolute ${dir} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    target_include_directories(zephyr_interface INTERFACE ${absolute})
  endforeach()
endfunction()

# Modules: zephyr/module.yml names the CMake directory and the Kconfig file.
set(_zephyr_symbols "")
set(_zephyr_module_dirs "")
foreach(module ${ZEPHYR_EXTRA_MODULES})
  if(NOT EXISTS ${module}/zephyr/module.yml)
    message(FATAL_ERROR "${module}: no zephyr/module.yml")
  endif()
  file(READ ${module}/zephyr/module.yml yml)
  if(NOT yml MATCHES "cmake: *([^\n]+)")
    message(FATAL_ERROR "${module}/zephyr/module.yml: no build.cmake")
  endif()
  string(STRIP "${CMAKE_MATCH_1}" cmake_dir)
  list(APPEND _zephyr_module_dirs ${module}/${cmake_dir})
  if(yml MATCHES "kconfig: *([^\n]+)")
    string(STRIP "${CMAKE_MATCH_1}" kconfig)
    file(STRINGS ${module}/${kconfig} declarations REGEX "^config ")
    foreach(declaration ${declarations})
      string(REGEX REPLACE "^config +" "" symbol "${declaration}")
      list(APPEND _zephyr_symbols ${symbol})
    endforeach()
  endif()
endforeach()

# prj.conf: every CONFIG_ symbol must be declared by a module's Kconfig (Zephyr's own would be too).
if(EXISTS ${CMAKE_SOURCE_DIR}/prj.conf)
  file(STRINGS ${CMAKE_SOURCE_DIR}/prj.conf settings REGEX "^CONFIG_")
  foreach(setting ${settings})
    if(NOT setting MATCHES "^CONFIG_([A-Za-z0-9_]+)=(.*)$")
      message(FATAL_ERROR "prj.conf: cannot read '${setting}'")
    endif()
    if(NOT CMAKE_MATCH_1 IN_LIST _zephyr_symbols)
      message(FATAL_ERROR "prj.conf: CONFIG_${CMAKE_MATCH_1} is not declared by any module's Kconfig")
    endif()
    set(CONFIG_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endforeach()
endif()

foreach(dir ${_zephyr_module_dirs})
  get_filename_component(name ${dir} NAME)
  add_subdirectory(${dir} ${CMAKE_BINARY_DIR}/modules/${name})
endforeach()

function(_zephyr_emulation_link)
  get_property(libraries GLOBAL PROPERTY ZEPHYR_LIBS)
  # The kernel's objects come first: startup references main (in app), main the libraries.
  add_executable(zephyr_final ${ONEBIT_EMULATION_SUPPORT}/onebit/cortexm/startup.c
    ${ONEBIT_EMULATION_SUPPORT}/onebit/cortexm/console_semihosting.c
    ${ONEBIT_EMULATION_SUPPORT}/onebit/common/format.c ${ZEPHYR_EMULATION_DIR}/lib/printk.c
    ${ZEPHYR_EMULATION_DIR}/../common/libc.c)
  set_source_files_properties(${ZEPHYR_EMULATION_DIR}/../common/libc.c PROPERTIES
    COMPILE_OPTIONS "-fno-builtin;-fno-tree-loop-distribute-patterns")
  target_include_directories(zephyr_final PRIVATE ${ONEBIT_EMULATION_SUPPORT})
  target_link_libraries(zephyr_final PRIVATE app ${libraries} zephyr_interface)
  target_link_options(zephyr_final PRIVATE -nostdlib -nostartfiles -T${ONEBIT_EMULATION_SUPPORT}/linker.ld
    -Wl,--gc-sections)
  set_target_properties(zephyr_final PROPERTIES OUTPUT_NAME zephyr SUFFIX .elf
    RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/zephyr)
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL _zephyr_emulation_link)
