# Warnings and sanitizers shared by every Lamina target (applied through lamina_target_defaults).

if(LAMINA_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# The fuzz preset (clang): every object instrumented for libFuzzer's coverage and checked by
# ASan + UBSan; only the fuzz targets link libFuzzer itself (tests/fuzz).
if(LAMINA_FUZZ)
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

if(LAMINA_TSAN)
    add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
    add_link_options(-fsanitize=thread)
endif()

find_program(LAMINA_CCACHE ccache)
if(LAMINA_CCACHE)
    set(CMAKE_C_COMPILER_LAUNCHER "${LAMINA_CCACHE}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${LAMINA_CCACHE}")
endif()

# Apply Lamina's warning set to a target we own (not to third-party code).
function(lamina_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
    if(LAMINA_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
