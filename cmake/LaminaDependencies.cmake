# Third-party dependencies, all from Debian 12 packages (scripts/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(OPENSLIDE REQUIRED IMPORTED_TARGET openslide>=3.4)
pkg_check_modules(TURBOJPEG REQUIRED IMPORTED_TARGET libturbojpeg)
pkg_check_modules(OPENJPEG REQUIRED IMPORTED_TARGET libopenjp2>=2.4)
pkg_check_modules(LCMS2 REQUIRED IMPORTED_TARGET lcms2) # ICC profiles (the DICOM writer's sRGB)
find_package(TIFF REQUIRED)
find_package(JPEG REQUIRED) # libjpeg-turbo's libjpeg API (JCS_EXT_BGRA)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(simdjson 3.0 REQUIRED) # GeoJSON reading: several times faster than a DOM parse
find_package(Boost 1.74 REQUIRED) # header-only: Boost.Geometry for annotation geometry
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Network Test)
find_package(Threads REQUIRED)
find_package(Qt6Keychain REQUIRED) # DICOMweb sign-in details in the OS keychain (app only)
find_package(DCMTK REQUIRED CONFIG) # DICOM whole-slide images: header parsing
if(LAMINA_BUILD_TESTS)
    find_package(GTest REQUIRED)
endif()

# OpenCV for the shipped plugins only (Debian packages the core, imgproc and dnn libraries
# without a CMake package unless the whole libopencv-dev is installed).
find_path(OPENCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
# Its version, for Help › About (the plugins run with it).
file(STRINGS ${OPENCV_INCLUDE_DIR}/opencv2/core/version.hpp LAMINA_OPENCV_VERSION_LINES
     REGEX "#define CV_VERSION_(MAJOR|MINOR|REVISION) ")
set(LAMINA_OPENCV_VERSION "")
foreach(line ${LAMINA_OPENCV_VERSION_LINES})
    string(REGEX REPLACE ".* ([0-9]+).*" "\\1" part "${line}")
    string(APPEND LAMINA_OPENCV_VERSION "${part}.")
endforeach()
string(REGEX REPLACE "\\.$" "" LAMINA_OPENCV_VERSION "${LAMINA_OPENCV_VERSION}")
foreach(module core imgproc dnn)
    find_library(OPENCV_${module}_LIBRARY opencv_${module} REQUIRED)
    add_library(OpenCV::${module} UNKNOWN IMPORTED)
    set_target_properties(OpenCV::${module} PROPERTIES
        IMPORTED_LOCATION "${OPENCV_${module}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${OPENCV_INCLUDE_DIR}")
endforeach()
