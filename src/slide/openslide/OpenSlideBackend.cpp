#include "openslide/OpenSlideBackend.h"

#include "openslide/OpenSlideSource.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/TiffFile.h>

#include <dlfcn.h>
#include <openslide.h>
#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <optional>

namespace lamina {
namespace {

void libtiffToLog(const char* module, const char* format, va_list args) {
    char message[512];
    std::vsnprintf(message, sizeof message, format, args);
    logger().debug("libtiff: {}: {}", module ? module : "", message);
}

// GLib's (OpenSlide logs through it, and damaged files trip its g_return_if_fail checks:
// "GLib-CRITICAL **: g_strchomp: assertion 'string != NULL' failed" on stderr). Looked up at
// run time: GLib comes with OpenSlide, its headers are not a build dependency.
using GLibLogFunction = void (*)(const char* domain, int level, const char* message, void*);
void glibToLog(const char* domain, int, const char* message, void*) {
    logger().debug("{}: {}", domain ? domain : "GLib", message ? message : "");
}
void routeGLibMessagesToLog() {
    using SetDefaultHandler = GLibLogFunction (*)(GLibLogFunction, void*);
    if (auto* set =
            reinterpret_cast<SetDefaultHandler>(::dlsym(RTLD_DEFAULT, "g_log_set_default_handler")))
        set(glibToLog, nullptr);
}

// OpenSlide 3.4 allocates what a TIFF declares before checking it against the file: a tile's
// byte count (a damaged one asked for 4 GB: found by the tiff_slide fuzz target; g_malloc
// aborts when that fails) or a tile table from the dimensions. So a directory is refused
// before OpenSlide sees it when it declares more tiles or strips than the file could hold
// (each needs at least a 4-byte offset in it) or a tile or strip larger than the file.
void refuseTilesBeyondTheFile(const LocationProbe& probe) {
    if (!probe.isTiff())
        return;
    std::optional<TiffFile> tiff;
    try {
        tiff.emplace(probe.path, "r");
    } catch (const Error&) {
        return; // OpenSlide gives its own reason
    }
    TIFF* t = tiff->get();
    for (int index = 0; index < 4096; ++index) {
        const uint64_t pieces = TIFFIsTiled(t) ? TIFFNumberOfTiles(t) : TIFFNumberOfStrips(t);
        if (pieces > probe.fileSize / 4)
            throw Error(ErrorKind::Corrupt, probe.location,
                        "TIFF directory " + std::to_string(index) + " declares " +
                            std::to_string(pieces) + " tiles or strips, more than its " +
                            std::to_string(probe.fileSize) + " bytes could hold");
        uint64_t* counts = nullptr;
        if (TIFFGetField(t, TIFFIsTiled(t) ? TIFFTAG_TILEBYTECOUNTS : TIFFTAG_STRIPBYTECOUNTS,
                         &counts) &&
            counts) {
            const uint64_t largest = *std::max_element(counts, counts + pieces);
            if (largest > probe.fileSize)
                throw Error(ErrorKind::Corrupt, probe.location,
                            "TIFF directory " + std::to_string(index) + " declares a tile of " +
                                std::to_string(largest) + " bytes in a file of " +
                                std::to_string(probe.fileSize));
        }
        if (!TIFFReadDirectory(t))
            break;
    }
}

} // namespace

OpenSlideBackend::OpenSlideBackend() {
    TIFFSetWarningHandler(libtiffToLog);
    TIFFSetErrorHandler(libtiffToLog);
    routeGLibMessagesToLog();
}

bool OpenSlideBackend::detect(const LocationProbe& probe) const {
    if (probe.isUrl || probe.isDirectory)
        return false;
    // openslide_detect_vendor reads only headers and never leaves a handle open.
    return openslide_detect_vendor(probe.path.c_str()) != nullptr;
}

std::unique_ptr<SlideSource> OpenSlideBackend::open(const LocationProbe& probe) const {
    refuseTilesBeyondTheFile(probe);
    openslide_t* raw = openslide_open(probe.path.c_str());
    if (!raw)
        throw Error(ErrorKind::UnsupportedFormat, probe.location,
                    "OpenSlide does not recognise this file");
    if (const char* message = openslide_get_error(raw)) {
        std::string cause = std::string("OpenSlide cannot read this slide: ") + message;
        openslide_close(raw);
        throw Error(ErrorKind::Corrupt, probe.location, cause);
    }
    try {
        SlideMetadata meta = OpenSlideSource::readMetadata(raw, probe.location);
        meta.id = SlideId::forFile(probe.path);
        return std::make_unique<OpenSlideSource>(std::move(meta), raw);
    } catch (...) {
        // OpenSlideSource did not take the handle yet.
        openslide_close(raw);
        throw;
    }
}

} // namespace lamina
