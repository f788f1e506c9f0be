# Fails when a module includes a header of a module it must not depend on (upwards or
# sideways in docs/architecture.md's diagram). Run as a build step (target lamina_layer_check,
# part of ALL) and by CTest on a tree with a planted crossing include (tests/CMakeLists.txt):
#   cmake -DLAMINA_SOURCE_DIR=<tree> -P cmake/CheckLayers.cmake
# A module is a folder src/<module>/ with its public headers in include/lamina/<module>/; the
# SDK (include/lamina/plugin/) and each plugin under plugins/ see only the SDK.
cmake_minimum_required(VERSION 3.25) # IN_LIST and the other current policies
if(NOT LAMINA_SOURCE_DIR)
    message(FATAL_ERROR "CheckLayers.cmake: set LAMINA_SOURCE_DIR")
endif()

# What each module may include from include/lamina/ (itself included). The order follows the
# diagram: core <- codec <- slide; cache; annotation; render; pluginhost; app and cli on top.
set(allowed_core core)
set(allowed_codec codec core)
set(allowed_cache cache core)
set(allowed_slide slide codec core)
set(allowed_annotation annotation core)
set(allowed_plugin plugin)
set(allowed_render render annotation cache slide codec core plugin)
set(allowed_pluginhost pluginhost plugin annotation slide codec core)
set(allowed_app app pluginhost render annotation cache slide codec core plugin)
set(allowed_cli pluginhost render annotation cache slide codec core plugin)
# The plugin worker process compiles in pluginhost's wire protocol (PluginWorkerProtocol) only.
set(allowed_pluginworker pluginhost plugin core)
set(allowed_plugins plugin)

set(violations "")
foreach(module core codec cache slide annotation plugin render pluginhost pluginworker app cli
               plugins)
    set(roots "${LAMINA_SOURCE_DIR}/src/${module}" "${LAMINA_SOURCE_DIR}/include/lamina/${module}")
    if(module STREQUAL "plugins")
        set(roots "${LAMINA_SOURCE_DIR}/plugins")
    endif()
    set(files "")
    foreach(root ${roots})
        if(IS_DIRECTORY "${root}")
            file(GLOB_RECURSE found "${root}/*.h" "${root}/*.cpp")
            list(APPEND files ${found})
        endif()
    endforeach()
    foreach(file ${files})
        file(STRINGS "${file}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]lamina/")
        foreach(line ${includes})
            string(REGEX MATCH "lamina/([a-z0-9_]+)/" match "${line}")
            set(target "${CMAKE_MATCH_1}")
            if(target AND NOT target IN_LIST allowed_${module})
                file(RELATIVE_PATH where "${LAMINA_SOURCE_DIR}" "${file}")
                string(STRIP "${line}" line)
                string(APPEND violations "\n  ${where}: ${line} (${module} may not use ${target})")
            endif()
        endforeach()
    endforeach()
endforeach()

if(violations)
    message(FATAL_ERROR "An include crosses Lamina's module layers:${violations}\n"
                        "See docs/architecture.md for what each module may use.")
endif()
