#include <lamina/slide/SlideLibraries.h>

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <openslide.h>
#include <tiffio.h>

#include <regex>

namespace lamina {

std::vector<std::pair<std::string, std::string>> slideLibraryVersions() {
    // TIFFGetVersion(): "LIBTIFF, Version 4.5.0\nCopyright (c) …"
    std::string tiff = TIFFGetVersion();
    std::smatch match;
    if (std::regex_search(tiff, match, std::regex(R"(Version ([0-9][0-9.]*))")))
        tiff = match[1];
    return {{"OpenSlide", openslide_get_version()},
            {"libtiff", tiff},
            {"DCMTK", OFFIS_DCMTK_VERSION_STRING}};
}

} // namespace lamina
