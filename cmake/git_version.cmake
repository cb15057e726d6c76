# The version text of a source tree, for cmake/version.cmake (and for
# tests/version/check_git_version.cmake, which runs it on scratch repositories with cmake -P):
#   "0.1.0 (git 1a2b3c4d5e)"        built from that commit, as committed;
#   "0.1.0 (git 1a2b3c4d5e-dirty)"  from that commit with changes to tracked files not committed
#                                   (files git does not track do not count, as in git describe --dirty);
#   "0.1.0"                         no git, or not a git checkout (a release tarball).
# It only reads: status runs with --no-optional-locks, so it never rewrites git's index (which
# could otherwise look like a change to whatever watches it).
function(bp_git_version source_dir project_version out_var)
  set(version "${project_version}")
  if(NOT GIT_EXECUTABLE)
    find_program(GIT_EXECUTABLE git)
  endif()
  if(GIT_EXECUTABLE)
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short=10 HEAD
                    WORKING_DIRECTORY "${source_dir}" OUTPUT_VARIABLE commit
                    ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
    if(result EQUAL 0 AND commit MATCHES "^[0-9a-f]+$")
      execute_process(COMMAND "${GIT_EXECUTABLE}" --no-optional-locks status --porcelain
                              --untracked-files=no
                      WORKING_DIRECTORY "${source_dir}" OUTPUT_VARIABLE changes
                      ERROR_QUIET RESULT_VARIABLE result)
      set(dirty "")
      if(result EQUAL 0 AND NOT changes STREQUAL "")
        set(dirty "-dirty")
      endif()
      set(version "${project_version} (git ${commit}${dirty})")
    endif()
  endif()
  set(${out_var} "${version}" PARENT_SCOPE)
endfunction()
