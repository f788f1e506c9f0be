#include "tiff/TiffSlideBackend.h"

#include "openslide/OpenSlideBackend.h"
#include "openslide/OpenSlideSource.h"
#include "tiff/TiffSlideSource.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/TiffFile.h>

#include <fcntl.h>
#include <fmt/format.h>
#include <openslide.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <optional>

namespace lamina {
namespace {

struct DirectoryInfo {
    uint16_t index = 0;  // position in the main IFD chain (SubIFDs: their parent's)
    uint64_t offset = 0; // file offset of the IFD: identifies main and sub IFDs alike
    int64_t width = 0, height = 0;
    std::optional<TiffTileCodec> codec; // empty: not a tile format we decode ourselves
};

// Aperio's JPEG 2000 compression codes (not registered with libtiff).
constexpr uint16_t kAperioJpeg2000YCbCr = 33003;
constexpr uint16_t kAperioJpeg2000Rgb = 33005;

// Which of our decoders reads this directory's tiles. Only 8-bit, 3-sample, interleaved
// colour is ours; anything else (alpha, 16-bit, planar, other codecs) is left to OpenSlide.
std::optional<TiffTileCodec> codecFor(TIFF* tiff, bool aperio) {
    uint16_t compression = 0, photometric = 0, spp = 0, bps = 0, planar = 0, extra = 0;
    uint16_t* extraTypes = nullptr;
    TIFFGetFieldDefaulted(tiff, TIFFTAG_COMPRESSION, &compression);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_PHOTOMETRIC, &photometric);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &bps);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_PLANARCONFIG, &planar);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_EXTRASAMPLES, &extra, &extraTypes);
    if (spp != 3 || bps != 8 || planar != PLANARCONFIG_CONTIG || extra != 0)
        return std::nullopt;
    switch (compression) {
    case COMPRESSION_JPEG:
        if (photometric == PHOTOMETRIC_RGB || photometric == PHOTOMETRIC_YCBCR)
            return TiffTileCodec::Jpeg;
        return std::nullopt;
    case kAperioJpeg2000YCbCr:
        return aperio ? std::optional(TiffTileCodec::Jpeg2000YCbCr) : std::nullopt;
    case kAperioJpeg2000Rgb:
        return aperio ? std::optional(TiffTileCodec::Jpeg2000Rgb) : std::nullopt;
    case COMPRESSION_NONE:
    case COMPRESSION_LZW:
    case COMPRESSION_ADOBE_DEFLATE:
    case COMPRESSION_DEFLATE:
    case COMPRESSION_PACKBITS:
        if (photometric == PHOTOMETRIC_RGB && TIFFIsCODECConfigured(compression))
            return TiffTileCodec::Libtiff;
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

// The current directory's size and decoder.
DirectoryInfo describeDirectory(TIFF* tiff, uint16_t index, bool aperio) {
    DirectoryInfo d;
    d.index = index;
    d.offset = TIFFCurrentDirOffset(tiff);
    uint32_t w = 0, h = 0;
    TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &h);
    d.width = w;
    d.height = h;
    d.codec = codecFor(tiff, aperio);
    return d;
}

// The tiled directories of a TIFF's main chain, and which decoder reads each.
std::vector<DirectoryInfo> tiledDirectories(TiffFile& tiff, bool aperio) {
    std::vector<DirectoryInfo> dirs;
    uint16_t index = 0;
    do {
        if (!TIFFIsTiled(tiff.get()))
            continue;
        dirs.push_back(describeDirectory(tiff.get(), index, aperio));
    } while (++index && TIFFReadDirectory(tiff.get()));
    return dirs;
}

// Reduced-resolution levels stored as SubIFDs of `level0` (OME-TIFF and QuPath exports do
// this; OpenSlide 3.4 does not see them), largest first, each smaller than the one before.
std::vector<DirectoryInfo> subIfdLevels(TiffFile& tiff, const DirectoryInfo& level0, bool aperio) {
    std::vector<DirectoryInfo> levels;
    if (!TIFFSetSubDirectory(tiff.get(), level0.offset))
        return levels;
    uint16_t count = 0;
    const uint64_t* offsets = nullptr;
    if (!TIFFGetField(tiff.get(), TIFFTAG_SUBIFD, &count, &offsets) || !offsets)
        return levels;
    const std::vector<uint64_t> subIfds(offsets, offsets + count); // libtiff reuses the array
    for (const uint64_t offset : subIfds)
        if (TIFFSetSubDirectory(tiff.get(), offset) && TIFFIsTiled(tiff.get()))
            levels.push_back(describeDirectory(tiff.get(), level0.index, aperio));
    std::sort(levels.begin(), levels.end(),
              [](const DirectoryInfo& a, const DirectoryInfo& b) { return a.width > b.width; });
    std::vector<DirectoryInfo> decreasing;
    for (const DirectoryInfo& d : levels) {
        const DirectoryInfo& previous = decreasing.empty() ? level0 : decreasing.back();
        if (d.width < previous.width && d.height < previous.height && d.width > 0 && d.height > 0)
            decreasing.push_back(d);
    }
    return decreasing;
}

// A read handle, or nullptr when libtiff cannot open the file (not our business then).
std::unique_ptr<TiffFile> openTiff(const std::filesystem::path& path) {
    try {
        return std::make_unique<TiffFile>(path, "r");
    } catch (const Error&) {
        return nullptr;
    }
}

bool vendorWeRead(const char* vendor) {
    return vendor &&
           (std::strcmp(vendor, "aperio") == 0 || std::strcmp(vendor, "generic-tiff") == 0);
}

bool isAperio(const char* vendor) {
    return vendor && std::strcmp(vendor, "aperio") == 0;
}

// Reads one level's tile table. Returns nullopt (with a reason) when it is not what we expect.
std::optional<TiffLevelLayout> readLayout(TiffFile& tiff, const DirectoryInfo& dir,
                                          uint64_t fileSize, std::string& reason) {
    if (!TIFFSetSubDirectory(tiff.get(), dir.offset)) {
        reason = "cannot select TIFF directory " + std::to_string(dir.index);
        return std::nullopt;
    }
    TiffLevelLayout l;
    l.directoryOffset = dir.offset;
    l.codec = *dir.codec;
    uint32_t tw = 0, th = 0;
    uint16_t photometric = 0;
    TIFFGetField(tiff.get(), TIFFTAG_TILEWIDTH, &tw);
    TIFFGetField(tiff.get(), TIFFTAG_TILELENGTH, &th);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PHOTOMETRIC, &photometric);
    if (tw == 0 || th == 0 || tw > 4096 || th > 4096) { // the decoder handles up to 4096 rows
        reason = "implausible tile size " + std::to_string(tw) + "x" + std::to_string(th);
        return std::nullopt;
    }
    l.tileWidth = int32_t(tw);
    l.tileHeight = int32_t(th);
    l.rgbPhotometric = photometric == PHOTOMETRIC_RGB;
    l.tilesAcross = (dir.width + tw - 1) / tw;
    l.tilesDown = (dir.height + th - 1) / th;
    const auto tiles = uint64_t(l.tilesAcross * l.tilesDown);
    if (TIFFNumberOfTiles(tiff.get()) != tiles) {
        reason = "the tile count does not match the image size";
        return std::nullopt;
    }
    uint64_t* offsets = nullptr;
    uint64_t* counts = nullptr;
    if (!TIFFGetField(tiff.get(), TIFFTAG_TILEOFFSETS, &offsets) ||
        !TIFFGetField(tiff.get(), TIFFTAG_TILEBYTECOUNTS, &counts) || !offsets || !counts) {
        reason = "the tile offsets cannot be read";
        return std::nullopt;
    }
    l.offsets.assign(offsets, offsets + tiles);
    l.byteCounts.assign(counts, counts + tiles);
    for (uint64_t i = 0; i < tiles; ++i)
        if (l.byteCounts[i] > 64u << 20 || l.offsets[i] > fileSize ||
            l.byteCounts[i] > fileSize - l.offsets[i]) {
            reason = "tile " + std::to_string(i) + " of directory " + std::to_string(dir.index) +
                     " lies outside the file (truncated or damaged)";
            return std::nullopt;
        }
    uint32_t tablesSize = 0;
    const void* tables = nullptr;
    if (TIFFGetField(tiff.get(), TIFFTAG_JPEGTABLES, &tablesSize, &tables) && tables &&
        tablesSize > 0)
        l.jpegTables.assign(static_cast<const uint8_t*>(tables),
                            static_cast<const uint8_t*>(tables) + tablesSize);
    return l;
}

// Appends the SubIFD levels of level 0 that we decode to `meta` and `layout`, with the
// properties OpenSlide would have given them, so a pyramid stored that way is a pyramid.
void addSubIfdLevels(TiffFile& tiff, const std::vector<DirectoryInfo>& dirs,
                     const LocationProbe& probe, SlideMetadata& meta,
                     std::vector<TiffLevelLayout>& layout) {
    const auto level0 = std::find_if(dirs.begin(), dirs.end(), [&](const DirectoryInfo& d) {
        return d.offset == layout.front().directoryOffset;
    });
    if (level0 == dirs.end())
        return;
    const LevelInfo finest = meta.levels.front(); // copies: meta.levels grows below
    size_t added = 0;
    for (const DirectoryInfo& d : subIfdLevels(tiff, *level0, false)) {
        if (!d.codec || d.width >= meta.levels.back().width ||
            d.height >= meta.levels.back().height)
            continue;
        std::string reason;
        auto l = readLayout(tiff, d, probe.fileSize, reason);
        if (!l) {
            logger().warn("{}: SubIFD level {}x{} skipped ({})", probe.location, d.width, d.height,
                          reason);
            continue;
        }
        LevelInfo info;
        info.width = d.width;
        info.height = d.height;
        // OpenSlide's rule: the mean of the two axes' ratios.
        info.downsample =
            (double(finest.width) / double(d.width) + double(finest.height) / double(d.height)) / 2;
        info.tileWidth = l->tileWidth;
        info.tileHeight = l->tileHeight;
        const std::string prefix = "openslide.level[" + std::to_string(meta.levels.size()) + "].";
        meta.properties[prefix + "width"] = std::to_string(info.width);
        meta.properties[prefix + "height"] = std::to_string(info.height);
        meta.properties[prefix + "downsample"] = fmt::format("{:f}", info.downsample); // '.'
        meta.properties[prefix + "tile-width"] = std::to_string(info.tileWidth);
        meta.properties[prefix + "tile-height"] = std::to_string(info.tileHeight);
        meta.levels.push_back(info);
        layout.push_back(std::move(*l));
        ++added;
    }
    if (added > 0) {
        meta.properties["openslide.level-count"] = std::to_string(meta.levels.size());
        logger().info("{}: {} reduced levels read from SubIFDs", probe.location, added);
    }
}

} // namespace

bool TiffSlideBackend::detect(const LocationProbe& probe) const {
    if (probe.isUrl || probe.isDirectory || !probe.isTiff())
        return false;
    OpenSlideBackend::refuseEntriesBeyondTheFile(probe); // before OpenSlide reads it
    const char* vendor = openslide_detect_vendor(probe.path.c_str());
    if (!vendorWeRead(vendor))
        return false;
    const auto tiff = openTiff(probe.path);
    if (!tiff)
        return false;
    const auto dirs = tiledDirectories(*tiff, isAperio(vendor));
    if (dirs.empty())
        return false;
    for (const auto& d : dirs)
        if (!d.codec)
            return false; // e.g. 16-bit or alpha levels: OpenSlide's job
    return true;
}

std::unique_ptr<SlideSource> TiffSlideBackend::open(const LocationProbe& probe) const {
    // OpenSlide first: it supplies the metadata, associated images and unaligned regions, and
    // it is where we fall back to whenever the file is not exactly what we expect.
    auto openslide = OpenSlideBackend().open(probe);
    const SlideMetadata& meta = openslide->metadata();
    // One handle for listing the directories and reading their tile tables.
    const auto tiff = openTiff(probe.path);
    const bool aperio = meta.vendor == "aperio";
    const auto dirs = tiff ? std::optional(tiledDirectories(*tiff, aperio)) : std::nullopt;
    std::string reason;
    std::vector<TiffLevelLayout> layout;
    if (dirs) {
        std::vector<bool> used(dirs->size(), false);
        for (const LevelInfo& level : meta.levels) {
            // The first unused tiled directory of the level's size, in file order.
            size_t match = dirs->size();
            for (size_t i = 0; i < dirs->size(); ++i)
                if (!used[i] && (*dirs)[i].width == level.width &&
                    (*dirs)[i].height == level.height) {
                    match = i;
                    break;
                }
            if (match == dirs->size() || !(*dirs)[match].codec) {
                reason = "a pyramid level has no matching tiled TIFF directory we decode";
                break;
            }
            used[match] = true;
            auto l = readLayout(*tiff, (*dirs)[match], probe.fileSize, reason);
            if (!l)
                break;
            if (l->tileWidth != level.tileWidth || l->tileHeight != level.tileHeight) {
                reason = "tile sizes differ from OpenSlide's";
                break;
            }
            layout.push_back(std::move(*l));
        }
    } else {
        reason = "libtiff cannot list the directories";
    }
    if (layout.size() != meta.levels.size()) {
        logger().info("{}: reading through OpenSlide ({})", probe.location, reason);
        return openslide;
    }
    SlideMetadata fast = meta;
    fast.backend = "tiff";
    // The colour profile of level 0 (InterColorProfile), for exports; OpenSlide 3.4 has no
    // call for it.
    uint32_t iccSize = 0;
    const void* icc = nullptr;
    if (TIFFSetSubDirectory(tiff->get(), layout.front().directoryOffset) &&
        TIFFGetField(tiff->get(), TIFFTAG_ICCPROFILE, &iccSize, &icc) && icc && iccSize > 0 &&
        iccSize < (16u << 20))
        fast.iccProfile.assign(static_cast<const uint8_t*>(icc),
                               static_cast<const uint8_t*>(icc) + iccSize);
    if (!aperio)
        addSubIfdLevels(*tiff, *dirs, probe, fast, layout);
    const int fd = ::open(probe.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorKind::Io, probe.location, "cannot open the file for reading");
    return std::make_unique<TiffSlideSource>(std::move(fast), std::move(layout), probe.path, fd,
                                             std::move(openslide));
}

} // namespace lamina
