#include "openslide/OpenSlideBackend.h"

#include "openslide/OpenSlideSource.h"

#include <lamina/codec/Jpeg2000Codestream.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/RgbaImage.h>
#include <lamina/slide/TiffFile.h>

#include <dlfcn.h>
#include <openslide.h>
#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

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
// OpenSlide 3.4's Aperio reader decodes the first tile of an SVS stored as JPEG 2000 while
// opening it, and copies the decoded components as if they covered the whole tile: it
// checks the image's far corner and that there are three components, not the image's origin
// or each component's subsampling. A codestream with an offset origin made it read past
// OpenJPEG's buffers (found by the tiff_slide fuzz target: a crash, not an error). So that
// tile is checked here first: origin 0, the tile's size, three components, each subsampled
// by 1 or 2 evenly.
void refuseAperioJpeg2000FirstTileOpenSlideMisreads(const LocationProbe& probe, TIFF* t) {
    uint16_t compression = 0;
    uint32_t tileWidth = 0, tileLength = 0;
    if (!TIFFIsTiled(t) || !TIFFGetField(t, TIFFTAG_COMPRESSION, &compression) ||
        (compression != 33003 && compression != 33005) ||
        !TIFFGetField(t, TIFFTAG_TILEWIDTH, &tileWidth) ||
        !TIFFGetField(t, TIFFTAG_TILELENGTH, &tileLength))
        return;
    uint64_t* counts = nullptr;
    if (!TIFFGetField(t, TIFFTAG_TILEBYTECOUNTS, &counts) || !counts || counts[0] == 0)
        return; // a missing tile: OpenSlide's own check refuses it
    std::vector<uint8_t> tile(
        static_cast<size_t>(counts[0])); // at most the file's size (checked above)
    const tmsize_t got = TIFFReadRawTile(t, 0, tile.data(), tmsize_t(tile.size()));
    if (got <= 0)
        return;
    tile.resize(size_t(got));
    std::string why;
    const auto info = readJpeg2000CodestreamInfo(tile, why);
    const auto refuse = [&](const std::string& cause) {
        throw Error(ErrorKind::Corrupt, probe.location,
                    "the first JPEG 2000 tile of TIFF directory 0 " + cause);
    };
    if (!info)
        refuse("is damaged: " + why);
    if (info->originX != 0 || info->originY != 0 || info->width != tileWidth ||
        info->height != tileLength)
        refuse("declares an image of " + std::to_string(info->width) + " x " +
               std::to_string(info->height) + " pixels at " + std::to_string(info->originX) + "," +
               std::to_string(info->originY) + ", not the tile's " + std::to_string(tileWidth) +
               " x " + std::to_string(tileLength));
    if (info->components != 3)
        refuse("has " + std::to_string(info->components) + " colour components, not 3");
    for (const auto& [dx, dy] : info->subsampling)
        if (dx < 1 || dx > 2 || dy < 1 || dy > 2 || tileWidth % uint32_t(dx) != 0 ||
            tileLength % uint32_t(dy) != 0)
            refuse("has a colour component subsampled " + std::to_string(dx) + " x " +
                   std::to_string(dy));
}

void refuseTilesBeyondTheFile(const LocationProbe& probe) {
    if (!probe.isTiff())
        return;
    OpenSlideBackend::refuseEntriesBeyondTheFile(probe);
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
        // OpenSlide decodes a tile into a buffer of its declared size (a flipped tile width
        // asked for 2 TB): no tile larger than Lamina's largest image.
        uint32_t tileWidth = 0, tileLength = 0;
        if (TIFFIsTiled(t) && TIFFGetField(t, TIFFTAG_TILEWIDTH, &tileWidth) &&
            TIFFGetField(t, TIFFTAG_TILELENGTH, &tileLength) &&
            uint64_t(tileWidth) * tileLength > uint64_t(RgbaImage::kMaxPixels))
            throw Error(ErrorKind::Corrupt, probe.location,
                        "TIFF directory " + std::to_string(index) + " declares tiles of " +
                            std::to_string(tileWidth) + " x " + std::to_string(tileLength) +
                            " pixels");
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
        if (index == 0)
            refuseAperioJpeg2000FirstTileOpenSlideMisreads(probe, t);
        if (!TIFFReadDirectory(t))
            break;
    }
}

} // namespace

OpenSlideBackend::OpenSlideBackend() {
    // Process-wide handlers: installed once, though the TIFF backend makes a temporary
    // OpenSlideBackend for every slide it opens.
    static std::once_flag routed;
    std::call_once(routed, [] {
        TIFFSetWarningHandler(libtiffToLog);
        TIFFSetErrorHandler(libtiffToLog);
        routeGLibMessagesToLog();
    });
}

// The entries of every directory, read raw: an entry whose values would lie beyond the end of
// the file (a count flipped to 2^41: OpenSlide then asked for 2 TB) is damage, whatever the
// tag. Classic and BigTIFF, either byte order; at most 4096 directories.
void OpenSlideBackend::refuseEntriesBeyondTheFile(const LocationProbe& probe) {
    if (!probe.isTiff())
        return;
    std::ifstream in(probe.path, std::ios::binary);
    const auto read = [&](uint64_t at, int size, bool big, uint64_t& value) {
        unsigned char b[8] = {};
        in.seekg(std::streamoff(at));
        if (!in.read(reinterpret_cast<char*>(b), size))
            return false;
        value = 0;
        for (int i = 0; i < size; ++i)
            value = big ? value << 8 | b[i] : value | uint64_t(b[i]) << (8 * i);
        return true;
    };
    uint64_t order = 0, magic = 0;
    if (!read(0, 2, false, order))
        return;
    const bool bigEndian = order == 0x4D4D;
    if (!read(2, 2, bigEndian, magic) || (magic != 42 && magic != 43))
        return;
    const bool bigTiff = magic == 43;
    const int word = bigTiff ? 8 : 4, countSize = bigTiff ? 8 : 2, entrySize = bigTiff ? 20 : 12;
    static constexpr int kTypeSize[] = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8};
    uint64_t next = 0;
    if (!read(bigTiff ? 8 : 4, word, bigEndian, next))
        return;
    for (int index = 0; next != 0 && index < 4096; ++index) {
        uint64_t entries = 0;
        if (!read(next, countSize, bigEndian, entries) ||
            entries * uint64_t(entrySize) > probe.fileSize)
            return; // libtiff and OpenSlide refuse an unreadable directory themselves
        for (uint64_t e = 0; e < entries; ++e) {
            const uint64_t at = next + uint64_t(countSize) + e * uint64_t(entrySize);
            uint64_t type = 0, count = 0;
            if (!read(at + 2, 2, bigEndian, type) || !read(at + 4, word, bigEndian, count))
                return;
            const uint64_t size = type < 19 ? uint64_t(kTypeSize[type]) : 1;
            if (size > 0 && count > probe.fileSize / size)
                throw Error(ErrorKind::Corrupt, probe.location,
                            "TIFF directory " + std::to_string(index) + " has an entry of " +
                                std::to_string(count) + " values, more than the file holds");
        }
        if (!read(next + uint64_t(countSize) + entries * uint64_t(entrySize), word, bigEndian,
                  next))
            return;
    }
}

bool OpenSlideBackend::detect(const LocationProbe& probe) const {
    if (probe.isUrl || probe.isDirectory)
        return false;
    refuseEntriesBeyondTheFile(probe);
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
