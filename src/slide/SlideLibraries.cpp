#include <lamina/slide/SlideLibraries.h>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <openslide.h>
#include <tiffio.h>

namespace lamina {

std::vector<std::pair<std::string, std::string>> slideLibraryVersions() {
    // TIFFGetVersion(): "LIBTIFF, Version 4.5.0\nCopyright (c) …" (no std::regex: GCC 12
    // warns inside it under the sanitizer build).
    std::string tiff = TIFFGetVersion();
    if (const auto at = tiff.find("Version "); at != std::string::npos) {
        const auto start = at + 8;
        const auto end = tiff.find_first_not_of("0123456789.", start);
        tiff = tiff.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
    return {{"OpenSlide", openslide_get_version()},
            {"libtiff", tiff},
            {"DCMTK", OFFIS_DCMTK_VERSION_STRING}};
}

} // namespace lamina
