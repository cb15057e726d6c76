# The build's version text (cmake/git_version.cmake) on scratch git repositories, in a folder
# given as WORK (ctest: version_text). Run: cmake -DWORK=/tmp/v -P tests/version/check_git_version.cmake
# Checks: no git checkout -> "1.2.3"; a commit -> "1.2.3 (git <its 10 hex digits>)"; a tracked
# file changed -> "...-dirty"; an untracked file alone -> not dirty; committed -> clean again.
cmake_minimum_required(VERSION 3.25)
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/git_version.cmake)
if(NOT WORK)
  message(FATAL_ERROR "give the scratch folder: -DWORK=<dir>")
endif()
find_program(GIT_EXECUTABLE git REQUIRED)
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/repo")
# The scratch folder lies inside the project's own checkout: git must not look above it.
set(ENV{GIT_CEILING_DIRECTORIES} "${WORK}")
set(ENV{GIT_CONFIG_NOSYSTEM} "1")
set(ENV{GIT_CONFIG_GLOBAL} "/dev/null")

function(git)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -c user.name=test -c user.email=test@example.invalid
                          -c commit.gpgsign=false ${ARGN}
                  WORKING_DIRECTORY "${WORK}/repo" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "git ${ARGN} failed: ${err}")
  endif()
  set(git_out "${out}" PARENT_SCOPE)
endfunction()
function(expect what got wanted)
  if(NOT got STREQUAL wanted)
    message(FATAL_ERROR "${what}: the version is '${got}', expected '${wanted}'")
  endif()
  message(STATUS "${what}: '${got}'")
endfunction()

bp_git_version("${WORK}/repo" 1.2.3 v)
expect("not a git checkout" "${v}" "1.2.3")

git(init -q)
file(WRITE "${WORK}/repo/a.txt" "one\n")
git(add a.txt)
git(commit -q -m first)
git(rev-parse --short=10 HEAD)
set(first "${git_out}")
if(NOT first MATCHES "^[0-9a-f]+$")
  message(FATAL_ERROR "no commit: '${first}'")
endif()
bp_git_version("${WORK}/repo" 1.2.3 v)
expect("as committed" "${v}" "1.2.3 (git ${first})")

file(WRITE "${WORK}/repo/a.txt" "two\n")
bp_git_version("${WORK}/repo" 1.2.3 v)
expect("a tracked file changed" "${v}" "1.2.3 (git ${first}-dirty)")

git(add a.txt)
bp_git_version("${WORK}/repo" 1.2.3 v)
expect("the change staged, not committed" "${v}" "1.2.3 (git ${first}-dirty)")

git(commit -q -m second)
git(rev-parse --short=10 HEAD)
set(second "${git_out}")
file(WRITE "${WORK}/repo/new.txt" "not tracked\n")
bp_git_version("${WORK}/repo" 1.2.3 v)
expect("committed, with an untracked file" "${v}" "1.2.3 (git ${second})")
if(first STREQUAL second)
  message(FATAL_ERROR "the second commit has the first one's id")
endif()

file(REMOVE "${WORK}/repo/a.txt")
bp_git_version("${WORK}/repo" 1.2.3 v)
expect("a tracked file deleted" "${v}" "1.2.3 (git ${second}-dirty)")
file(REMOVE_RECURSE "${WORK}")
