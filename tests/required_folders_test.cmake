# Configures copies of the source tree with one required part taken away and fails unless each
# configure fails naming that part. Run by ctest (tests/CMakeLists.txt) with SOURCE_DIR, WORK_DIR
# and GENERATOR; only the configure step runs, nothing is compiled.
foreach(variable SOURCE_DIR WORK_DIR GENERATOR)
    if(NOT ${variable})
        message(FATAL_ERROR "${variable} is not set")
    endif()
endforeach()

# Copies what a native configure reads: the top level, shared/, server/, metasim/ and tests/
# (without the browser tests' node_modules).
function(copy_tree destination)
    file(REMOVE_RECURSE ${destination})
    file(MAKE_DIRECTORY ${destination})
    file(COPY ${SOURCE_DIR}/CMakeLists.txt DESTINATION ${destination})
    foreach(folder shared server metasim tests)
        file(COPY ${SOURCE_DIR}/${folder} DESTINATION ${destination}
             PATTERN node_modules EXCLUDE
             PATTERN artifacts EXCLUDE)
    endforeach()
endfunction()

set(failures "")

# name: a label; change: "remove <path>" or "rename-target <file> <target>" (the file defines the
# library under another name); expected: text the configure output must contain.
function(expect_configure_error name change expected)
    set(tree ${WORK_DIR}/${name}/src)
    set(build ${WORK_DIR}/${name}/build)
    copy_tree(${tree})
    file(REMOVE_RECURSE ${build})
    separate_arguments(change)
    list(GET change 0 action)
    if(action STREQUAL "remove")
        list(GET change 1 path)
        if(NOT EXISTS ${tree}/${path})
            message(FATAL_ERROR "${name}: ${path} is not in the tree; the test is out of date")
        endif()
        file(REMOVE_RECURSE ${tree}/${path})
    else()
        list(GET change 1 path)
        list(GET change 2 target)
        file(READ ${tree}/${path} text)
        # Renamed throughout its own file: the library is there, under a name nobody else uses.
        string(REPLACE "${target}" "${target}_renamed" changed "${text}")
        if(NOT text MATCHES "add_library\\(${target} ")
            message(FATAL_ERROR "${name}: ${path} defines no ${target}; the test is out of date")
        endif()
        file(WRITE ${tree}/${path} "${changed}")
    endif()
    execute_process(
        COMMAND ${CMAKE_COMMAND} -S ${tree} -B ${build} -G ${GENERATOR}
                -DWACONSOLE_WEB_DIST=${WORK_DIR}/no-web-build
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    if(result EQUAL 0)
        string(APPEND failures "\n  ${name}: the configure step succeeded")
        set(failures "${failures}" PARENT_SCOPE)
    elseif(NOT output MATCHES "${expected}")
        string(APPEND failures
               "\n  ${name}: the configure step failed without naming '${expected}':\n${output}")
        set(failures "${failures}" PARENT_SCOPE)
    else()
        message(STATUS "${name}: the configure step failed naming '${expected}', as it must")
    endif()
endfunction()

expect_configure_error(no_meta_tests "remove tests/meta" "tests/meta")
expect_configure_error(no_server_meta "remove server/meta" "server/meta")
expect_configure_error(no_simulator_library
    "rename-target metasim/CMakeLists.txt waconsole_metasim_core" "waconsole_metasim_core")

file(REMOVE_RECURSE ${WORK_DIR})
if(failures)
    message(FATAL_ERROR "a required part could go missing without failing the build:${failures}")
endif()
