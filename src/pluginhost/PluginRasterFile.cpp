#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/slide/TiffFile.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>

namespace lamina {
namespace {

constexpr uint32_t kTile = 256;

std::optional<PluginRaster> mosaicOf(const std::vector<const PluginRaster*>& rasters) {
    if (rasters.empty())
        return std::nullopt;
    const double scale = rasters[0]->level0PixelsPerPixel;
    double minX = INFINITY, minY = INFINITY, maxX = -INFINITY, maxY = -INFINITY;
    for (const PluginRaster* r : rasters) {
        if (std::abs(r->level0PixelsPerPixel - scale) > 1e-6 * scale)
            throw Error(ErrorKind::Corrupt, "plugin results",
                        "the tiles' rasters are at different scales");
        minX = std::min(minX, r->originX);
        minY = std::min(minY, r->originY);
        maxX = std::max(maxX, r->originX + r->width * scale);
        maxY = std::max(maxY, r->originY + r->height * scale);
    }
    PluginRaster out;
    out.kind = rasters[0]->kind;
    out.originX = minX;
    out.originY = minY;
    out.level0PixelsPerPixel = scale;
    const double w = std::ceil((maxX - minX) / scale - 1e-6);
    const double h = std::ceil((maxY - minY) / scale - 1e-6);
    if (w * h > double(int64_t(1) << 31))
        throw Error(ErrorKind::InvalidArgument, "plugin results",
                    "the raster would exceed 2^31 cells");
    out.width = int(w);
    out.height = int(h);
    out.values.assign(size_t(out.width) * size_t(out.height),
                      std::numeric_limits<float>::quiet_NaN());
    for (const PluginRaster* r : rasters) {
        const auto x0 = int64_t(std::lround((r->originX - minX) / scale));
        const auto y0 = int64_t(std::lround((r->originY - minY) / scale));
        for (int y = 0; y < r->height; ++y)
            for (int x = 0; x < r->width; ++x) {
                const int64_t tx = x0 + x, ty = y0 + y;
                if (tx < out.width && ty < out.height)
                    out.values[size_t(ty) * size_t(out.width) + size_t(tx)] =
                        r->values[size_t(y) * size_t(r->width) + size_t(x)];
            }
    }
    return out;
}

} // namespace

std::optional<PluginRaster> mosaicRasters(const std::vector<PluginTileOutcome>& outcomes) {
    std::vector<const PluginRaster*> rasters;
    for (const PluginTileOutcome& o : outcomes)
        if (o.result && o.result->raster)
            rasters.push_back(&*o.result->raster);
    return mosaicOf(rasters);
}

std::optional<PluginRaster> mosaicRasters(const std::vector<PluginRaster>& tiles) {
    std::vector<const PluginRaster*> rasters;
    for (const PluginRaster& r : tiles)
        rasters.push_back(&r);
    return mosaicOf(rasters);
}

void writeRasterTiff(const PluginRaster& raster, const PluginDescription& plugin,
                     std::optional<double> slideMicronsPerPixel,
                     const std::filesystem::path& path) {
    QJsonObject description{
        {QStringLiteral("lamina_overlay"), 1},
        {QStringLiteral("plugin"), plugin.id},
        {QStringLiteral("plugin_version"), plugin.version},
        {QStringLiteral("kind"), raster.kind == PluginRaster::Kind::Labels
                                     ? QStringLiteral("labels")
                                     : QStringLiteral("continuous")},
        {QStringLiteral("origin_x"), raster.originX},
        {QStringLiteral("origin_y"), raster.originY},
        {QStringLiteral("level0_pixels_per_pixel"), raster.level0PixelsPerPixel}};
    const QByteArray text = QJsonDocument(description).toJson(QJsonDocument::Compact);
    replaceFile(path, [&](const std::filesystem::path& temporary) {
        // TiffFile: libtiff's messages go into the errors (not to stderr), memory capped.
        TiffFile t(temporary, "w");
        TIFFSetField(t.get(), TIFFTAG_IMAGEWIDTH, uint32_t(raster.width));
        TIFFSetField(t.get(), TIFFTAG_IMAGELENGTH, uint32_t(raster.height));
        TIFFSetField(t.get(), TIFFTAG_TILEWIDTH, kTile);
        TIFFSetField(t.get(), TIFFTAG_TILELENGTH, kTile);
        TIFFSetField(t.get(), TIFFTAG_BITSPERSAMPLE, 32);
        TIFFSetField(t.get(), TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
        TIFFSetField(t.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(t.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(t.get(), TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(t.get(), TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
        TIFFSetField(t.get(), TIFFTAG_IMAGEDESCRIPTION, text.constData());
        TIFFSetField(t.get(), TIFFTAG_SOFTWARE, "Lamina");
        if (slideMicronsPerPixel) {
            const double microns = *slideMicronsPerPixel * raster.level0PixelsPerPixel;
            TIFFSetField(t.get(), TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
            TIFFSetField(t.get(), TIFFTAG_XRESOLUTION, float(1e4 / microns));
            TIFFSetField(t.get(), TIFFTAG_YRESOLUTION, float(1e4 / microns));
        }
        std::vector<float> tile(size_t(kTile) * kTile);
        for (uint32_t ty = 0; ty < uint32_t(raster.height); ty += kTile)
            for (uint32_t tx = 0; tx < uint32_t(raster.width); tx += kTile) {
                std::fill(tile.begin(), tile.end(), std::numeric_limits<float>::quiet_NaN());
                for (uint32_t y = 0; y < kTile && ty + y < uint32_t(raster.height); ++y)
                    for (uint32_t x = 0; x < kTile && tx + x < uint32_t(raster.width); ++x)
                        tile[size_t(y) * kTile + x] =
                            raster.values[size_t(ty + y) * size_t(raster.width) + tx + x];
                if (TIFFWriteTile(t.get(), tile.data(), tx, ty, 0, 0) < 0)
                    throw Error(ErrorKind::Io, path.string(),
                                "cannot write a tile: " + t.lastError());
            }
        if (!TIFFWriteDirectory(t.get()))
            throw Error(ErrorKind::Io, path.string(), "cannot finish the file: " + t.lastError());
        try {
            t.close();
        } catch (const Error& e) { // named after the temporary: name the user's file
            throw Error(ErrorKind::Io, path.string(), e.cause());
        }
    });
}

PluginRaster readRasterTiff(const std::filesystem::path& path) {
    const auto bad = [&](const std::string& why) {
        return Error(ErrorKind::Corrupt, path.string(), why);
    };
    std::optional<TiffFile> opened;
    try {
        opened.emplace(path, "r");
    } catch (const Error& e) {
        throw bad(e.cause());
    }
    TiffFile& t = *opened;
    uint32_t width = 0, height = 0, tileW = 0, tileH = 0;
    uint16_t bits = 0, format = 0, samples = 0;
    char* text = nullptr;
    TIFFGetField(t.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(t.get(), TIFFTAG_IMAGELENGTH, &height);
    TIFFGetField(t.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(t.get(), TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetFieldDefaulted(t.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    if (!TIFFIsTiled(t.get()) || bits != 32 || format != SAMPLEFORMAT_IEEEFP || samples != 1 ||
        !TIFFGetField(t.get(), TIFFTAG_TILEWIDTH, &tileW) ||
        !TIFFGetField(t.get(), TIFFTAG_TILELENGTH, &tileH) || tileW == 0 || tileH == 0 ||
        tileW > 4096 || tileH > 4096 || width == 0 || height == 0 ||
        uint64_t(width) * height > (uint64_t(1) << 31))
        throw bad("not a Lamina overlay raster (tiled 32-bit float, one channel)");
    if (!TIFFGetField(t.get(), TIFFTAG_IMAGEDESCRIPTION, &text) || !text)
        throw bad("no ImageDescription: not a Lamina overlay raster");
    const QJsonObject d = QJsonDocument::fromJson(QByteArray(text)).object();
    if (d.value(QStringLiteral("lamina_overlay")).toInt() != 1)
        throw bad("not a Lamina overlay raster");
    PluginRaster r;
    r.kind = d.value(QStringLiteral("kind")).toString() == QLatin1String("labels")
                 ? PluginRaster::Kind::Labels
                 : PluginRaster::Kind::Continuous;
    r.originX = d.value(QStringLiteral("origin_x")).toDouble();
    r.originY = d.value(QStringLiteral("origin_y")).toDouble();
    r.level0PixelsPerPixel = d.value(QStringLiteral("level0_pixels_per_pixel")).toDouble();
    if (!(r.level0PixelsPerPixel > 0))
        throw bad("no valid level0_pixels_per_pixel");
    r.width = int(width);
    r.height = int(height);
    r.values.resize(size_t(width) * height);
    if (TIFFTileSize(t.get()) != tmsize_t(size_t(tileW) * tileH * 4))
        throw bad("unexpected tile size");
    std::vector<float> tile(size_t(tileW) * tileH);
    for (uint32_t ty = 0; ty < height; ty += tileH)
        for (uint32_t tx = 0; tx < width; tx += tileW) {
            if (TIFFReadTile(t.get(), tile.data(), tx, ty, 0, 0) < 0)
                throw bad("a tile cannot be read: " + t.lastError());
            for (uint32_t y = 0; y < tileH && ty + y < height; ++y)
                for (uint32_t x = 0; x < tileW && tx + x < width; ++x)
                    r.values[size_t(ty + y) * width + tx + x] = tile[size_t(y) * tileW + x];
        }
    return r;
}

} // namespace lamina
