# The build's version: the project's version (project(VERSION) in CMakeLists.txt) plus the git
# commit it was built from, when the sources are a git checkout, and "-dirty" when tracked files
# had changes not committed: "0.1.0 (git 1a2b3c4d5e)", "0.1.0 (git 1a2b3c4d5e-dirty)"
# (cmake/git_version.cmake). Read at configure time into a generated source of bp_config
# (bp::version(), src/config/version.hpp). CMake configures again when HEAD moves (a commit, a
# checkout), and `make native` / `make web` configure every time, so the stamp follows the
# commit and the work tree; configure_file rewrites the source only when the text changed, so
# there is no rebuild loop. A file edited after configuring, built with `cmake --build` alone,
# is not seen until the next configure. Without git (a release tarball) the version is the
# project's alone.
include(${CMAKE_CURRENT_LIST_DIR}/git_version.cmake)
find_package(Git QUIET)
bp_git_version("${CMAKE_SOURCE_DIR}" "${PROJECT_VERSION}" BP_VERSION)
if(GIT_FOUND)
  if(BP_VERSION MATCHES "\\(git ")
    # What moves when a commit is made: HEAD, and the branch's ref (or packed-refs).
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --absolute-git-dir
                    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" OUTPUT_VARIABLE bp_git_dir
                    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --path-format=absolute --git-common-dir
                    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" OUTPUT_VARIABLE bp_git_common
                    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND "${GIT_EXECUTABLE}" symbolic-ref -q HEAD
                    WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}" OUTPUT_VARIABLE bp_git_ref
                    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(bp_git_watch)
    foreach(f "${bp_git_dir}/HEAD" "${bp_git_common}/${bp_git_ref}" "${bp_git_common}/packed-refs")
      if(EXISTS "${f}" AND NOT IS_DIRECTORY "${f}")
        list(APPEND bp_git_watch "${f}")
      endif()
    endforeach()
    set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${bp_git_watch})
  endif()
endif()
configure_file("${CMAKE_SOURCE_DIR}/src/config/version.cpp.in"
               "${CMAKE_BINARY_DIR}/generated/version.cpp" @ONLY)
message(STATUS "backprop: version ${BP_VERSION}")
