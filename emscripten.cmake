# The page: the training core and Dear ImGui compiled to WebAssembly, drawn with WebGL2
# through Emscripten's built-in GLFW. Included from CMakeLists.txt when building with
# Emscripten; produces a self-contained static site in ${CMAKE_BINARY_DIR}/site/.

set(IMGUI_DIR "${CMAKE_SOURCE_DIR}/.deps/imgui-1.86" CACHE PATH
    "Dear ImGui sources (version 1.86 or later; scripts/setup.sh web fetches them)")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found: IMGUI_DIR=${IMGUI_DIR} has no imgui.cpp. "
                      "Run scripts/setup.sh web (or pass -DIMGUI_DIR=/path/to/imgui).")
endif()

set(BP_SITE_DIR ${CMAKE_BINARY_DIR}/site)

# --- Dear ImGui, from IMGUI_DIR (third-party code: no warning flags of ours) -------------
add_library(bp_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp
  ${IMGUI_DIR}/imgui_draw.cpp
  ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(bp_imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/misc/cpp)
# 32-bit vertex indices: a window with the 2-D heatmap, hundreds of points and the matrices
# holds more than 65536 vertices, which 16-bit indices wrap around (garbled shapes), and
# WebGL 2 cannot offset vertices per draw call (ImGuiBackendFlags_RendererHasVtxOffset).
target_compile_definitions(bp_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS "ImDrawIdx=unsigned int"
                                           IMGUI_DISABLE_METRICS_WINDOW IMGUI_DISABLE_DEMO_WINDOWS)

# Its GLFW and WebGL2 (OpenGL ES 3) backends, used only by the platform layer.
add_library(bp_imgui_backends STATIC
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp
  ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(bp_imgui_backends SYSTEM PUBLIC ${IMGUI_DIR}/backends)
target_compile_definitions(bp_imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_link_libraries(bp_imgui_backends PUBLIC bp_imgui)

# --- app: the page's UI, Dear ImGui over the app logic (bp_app_logic), no platform calls -----
add_library(bp_app STATIC
  src/app/app.cpp
  src/app/panels/controls.cpp
  src/app/panels/data.cpp
  src/app/panels/data_plot.cpp
  src/app/panels/diagram.cpp
  src/app/panels/equations.cpp
  src/app/panels/gradient_check.cpp
  src/app/panels/intro.cpp
  src/app/panels/loss_plot.cpp
  src/app/panels/matrices.cpp
  src/app/panels/perf_overlay.cpp
  src/app/panels/setup.cpp
  src/app/panels/share.cpp
  src/app/panels/shape_mistake.cpp
  src/app/panels/exercise.cpp
  src/app/panels/text_size.cpp
  src/app/panels/try_input.cpp
  src/app/panels/walkthrough.cpp
  src/app/ui.cpp)
target_link_libraries(bp_app PUBLIC bp_app_logic bp_imgui)
bp_warnings(bp_app)
# The UI (the app and Dear ImGui) and the core's parsers are compiled for size, the core's
# numeric kernels for speed (-O3): measured with make bench, the .wasm went from 404 KB to
# 340 KB gzip, the core's timings unchanged.
target_compile_options(bp_app PRIVATE -Os)
target_compile_options(bp_app_logic PRIVATE -Os)
target_compile_options(bp_imgui PRIVATE -Os)
target_compile_options(bp_imgui_backends PRIVATE -Os)
# So are the core's files that run once per change, not per step: the explanations, the shape
# mistake, the gradient check, the data sets, the history and the stop rules (the page's gzip
# size, against its 400 KiB budget: make bench).
set_source_files_properties(
  src/core/explain.cpp src/core/shape_mistake.cpp src/core/gradient_check.cpp
  src/core/datasets.cpp src/core/dataset.cpp src/core/history.cpp src/core/stop.cpp
  TARGET_DIRECTORY bp_core PROPERTIES COMPILE_OPTIONS -Os)
# So is the config layer (settings, link, JSON, CSV): it runs once per link, file or script call.
target_compile_options(bp_config PRIVATE -Os)
# The targets compiled for size are also compiled as unity builds (as the native presets do for
# every target): with -Os little crosses from one file into another, and the page's build
# compiles their shared headers (Eigen, the standard library) a few times instead of once per
# file. The core's kernels (-O3) stay one file each: whole files inlined into each other undid
# the size-for-speed split (+40 KB gzip).
set_target_properties(bp_app bp_app_logic bp_config bp_exercise PROPERTIES UNITY_BUILD ON)
# And the exercise (src/exercise): a few small matrices per blank and iteration, far above the
# 20,000 iterations a second it needs (make bench) even so.
target_compile_options(bp_exercise PRIVATE -Os)

# --- the page's executable: backprop.js + backprop.wasm ------------------------------------
add_executable(backprop src/platform/web_main.cpp)
target_link_libraries(backprop PRIVATE bp_app bp_imgui_backends)
bp_warnings(backprop)
set_target_properties(backprop PROPERTIES
  SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY ${BP_SITE_DIR})
# The page's functions are exported where they are written, by EMSCRIPTEN_KEEPALIVE in
# src/platform/web_main.cpp (one list fewer to keep in step); here only what the runtime needs.
set(BP_EXPORTED_FUNCTIONS _main,_malloc,_free)
# Linked for size (-Oz: wasm-opt's whole-module passes; the core's kernels were compiled with -O3
# already), without Emscripten's file system (nothing of the page opens a file through libc),
# with the small allocator (the core allocates nothing per step), and with only the runtime the
# page's JavaScript uses: backprop.wasm 379 -> 364 KB gzip, backprop.js 40 -> 26 KB.
target_link_options(backprop PRIVATE
  $<IF:$<CONFIG:Debug>,-O0,-Oz>
  -sUSE_GLFW=3
  -sMIN_WEBGL_VERSION=2
  -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sENVIRONMENT=web
  -sFILESYSTEM=0
  -sMALLOC=emmalloc
  -sDYNAMIC_EXECUTION=0
  "-sINCOMING_MODULE_JS_API=[canvas,onRuntimeInitialized,onAbort,print,printErr,locateFile,instantiateWasm,wasmBinary]"
  -sTEXTDECODER=2
  -sGL_TRACK_ERRORS=0
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  -sHTML5_SUPPORT_DEFERRING_USER_SENSITIVE_REQUESTS=0
  -sSUPPORT_LONGJMP=0
  -sGL_POOL_TEMP_BUFFERS=0
  -sGL_EMULATE_GLES_VERSION_STRING_FORMAT=0
  -sMODULARIZE=1
  -sEXPORT_NAME=createBackprop
  "-sEXPORTED_FUNCTIONS=${BP_EXPORTED_FUNCTIONS}"
  "-sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8")

# --- the static site: the shell page and its script next to backprop.js --------------------
set(BP_WEB_FILES index.html embed.html embed.css embed.js favicon.svg style.css backprop-api.js text-view.js
                 text-view.css
                 backprop-demo.js backprop-demo.css compare.html compare.css compare.js)
set(bp_site_outputs)
foreach(file IN LISTS BP_WEB_FILES)
  add_custom_command(
    OUTPUT ${BP_SITE_DIR}/${file}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/web/${file} ${BP_SITE_DIR}/${file}
    DEPENDS ${CMAKE_SOURCE_DIR}/web/${file}
    COMMENT "Copying web/${file} into the site"
    VERBATIM)
  list(APPEND bp_site_outputs ${BP_SITE_DIR}/${file})
endforeach()
add_custom_target(bp_site ALL DEPENDS ${bp_site_outputs})
add_dependencies(backprop bp_site)
