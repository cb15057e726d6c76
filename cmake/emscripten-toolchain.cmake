# Toolchain file of the `web` preset: finds Emscripten's own toolchain file the way emcmake does,
# next to the compiler (emcc on PATH, symlinks resolved; or $EMSCRIPTEN), and includes it, so that
# `cmake --preset web` works without emcmake. Works for Debian's package and for emsdk.
if(DEFINED ENV{EMSCRIPTEN} AND EXISTS "$ENV{EMSCRIPTEN}/cmake/Modules/Platform/Emscripten.cmake")
  set(_bp_emscripten_root "$ENV{EMSCRIPTEN}")
else()
  find_program(_bp_emcc emcc)
  if(NOT _bp_emcc)
    message(FATAL_ERROR "The web preset needs Emscripten: emcc is not on PATH. Install it with "
                        "`scripts/setup.sh web` (or `make web`), or set EMSCRIPTEN to its directory.")
  endif()
  file(REAL_PATH "${_bp_emcc}" _bp_emcc_real)
  get_filename_component(_bp_emscripten_root "${_bp_emcc_real}" DIRECTORY)
endif()
set(_bp_toolchain "${_bp_emscripten_root}/cmake/Modules/Platform/Emscripten.cmake")
if(NOT EXISTS "${_bp_toolchain}")
  message(FATAL_ERROR "Emscripten's toolchain file is not at ${_bp_toolchain}: set EMSCRIPTEN to "
                      "the directory that holds emcc.py and cmake/.")
endif()
include("${_bp_toolchain}")
