# find_package(weakbind CONFIG): the weakbind runtime installed by `make
# install` (PREFIX/lib/cmake/weakbind/), for a project compiling C++ to a
# wasm module with clang. It gives
#   weakbind::weakbind                   the runtime library, with the
#                                        compile and link flags of a module
#                                        (what weakbind-config prints)
#   weakbind_add_module(NAME SOURCES...) NAME.wasm from SOURCES, exporting
#                                        the runtime's loader ABI and every
#                                        symbol the objects mark
#                                        WEAKBIND_EXPORT, read from the
#                                        objects at build time
#   WEAKBIND_CONFIG                      the weakbind-config script
# With WEAKBIND_DEBUG on, modules keep DWARF for a browser's debugger.
# The C++ compiler must be clang with the wasm32-wasi target (clang++-19).

get_filename_component(_weakbind_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(WEAKBIND_CONFIG "${_weakbind_prefix}/bin/weakbind-config")
set(WEAKBIND_DEBUG OFF CACHE BOOL "weakbind modules keep DWARF and function names")

# The flags come from weakbind-config, the one place that knows them.
function(_weakbind_flags what out)
  set(debug "")
  if(WEAKBIND_DEBUG)
    set(debug --debug)
  endif()
  execute_process(COMMAND "${WEAKBIND_CONFIG}" ${debug} ${what}
    OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "weakbind: ${WEAKBIND_CONFIG} ${what} failed")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(${out} "${flags}" PARENT_SCOPE)
endfunction()

if(NOT TARGET weakbind::weakbind)
  _weakbind_flags(--cflags _weakbind_cflags)
  _weakbind_flags(--ldflags _weakbind_ldflags)
  list(FILTER _weakbind_cflags EXCLUDE REGEX "^-I")
  add_library(weakbind::weakbind STATIC IMPORTED)
  set_target_properties(weakbind::weakbind PROPERTIES
    IMPORTED_LOCATION "${_weakbind_prefix}/lib/libweakbind.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_weakbind_prefix}/include"
    INTERFACE_COMPILE_OPTIONS "${_weakbind_cflags}"
    INTERFACE_LINK_OPTIONS "${_weakbind_ldflags}")
endif()

set(_weakbind_exports_script "${CMAKE_CURRENT_LIST_DIR}/weakbind-exports.cmake")

function(weakbind_add_module name)
  if(NOT ARGN)
    message(FATAL_ERROR "weakbind_add_module(${name}): no sources")
  endif()
  add_library(${name}_objects OBJECT ${ARGN})
  target_link_libraries(${name}_objects PUBLIC weakbind::weakbind)
  # The export flags, a response file the link reads (clang's @file).
  set(exports "${CMAKE_CURRENT_BINARY_DIR}/${name}.exports")
  add_custom_command(OUTPUT "${exports}"
    COMMAND "${CMAKE_COMMAND}" "-DCONFIG=${WEAKBIND_CONFIG}" "-DOUT=${exports}"
            "-DOBJECTS=$<JOIN:$<TARGET_OBJECTS:${name}_objects>,|>" -P "${_weakbind_exports_script}"
    DEPENDS ${name}_objects $<TARGET_OBJECTS:${name}_objects> "${_weakbind_exports_script}"
    COMMENT "weakbind: the exports of ${name}" VERBATIM)
  add_custom_target(${name}_exports DEPENDS "${exports}")
  add_executable(${name} $<TARGET_OBJECTS:${name}_objects>)
  add_dependencies(${name} ${name}_exports)
  target_link_libraries(${name} PRIVATE weakbind::weakbind)
  target_link_options(${name} PRIVATE "@${exports}")
  set_target_properties(${name} PROPERTIES SUFFIX ".wasm" LINKER_LANGUAGE CXX LINK_DEPENDS "${exports}")
endfunction()
