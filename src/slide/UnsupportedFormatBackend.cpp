#include <lamina/core/Error.h>
#include <lamina/slide/TiffFile.h>
#include <lamina/slide/UnsupportedFormatBackend.h>

namespace lamina {

bool UnsupportedFormatBackend::detect(const LocationProbe& probe) const {
    return probe.isTiff();
}

std::unique_ptr<SlideSource> UnsupportedFormatBackend::open(const LocationProbe& probe) const {
    // A TIFF no earlier backend took: say what kind it is when we can tell.
    std::string reason = "a TIFF file that is not a whole-slide format Lamina supports yet";
    try {
        TiffFile tiff(probe.path, "r");
        const auto description = tiff.stringTag(TIFFTAG_IMAGEDESCRIPTION).value_or("");
        if (description.find("PerkinElmer-QPI") != std::string::npos)
            reason = "PerkinElmer/Akoya Vectra QPTIFF (multiplex fluorescence) is not supported "
                     "yet";
        else if (!TIFFIsTiled(tiff.get()))
            reason = "a TIFF image without tiles: not a tiled pyramidal whole-slide image";
    } catch (const Error& e) {
        throw Error(ErrorKind::Corrupt, probe.location,
                    "looks like a TIFF file but cannot be read: " + e.cause());
    }
    throw Error(ErrorKind::UnsupportedFormat, probe.location, reason);
}

} // namespace lamina
