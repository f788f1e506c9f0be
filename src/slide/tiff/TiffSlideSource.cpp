#include "tiff/TiffSlideSource.h"

#include "tiff/TiffHandlePool.h"

#include <lamina/codec/Jpeg2000TileDecoder.h>
#include <lamina/codec/JpegStream.h>
#include <lamina/codec/JpegTileDecoder.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace lamina {

TiffSlideSource::TiffSlideSource(SlideMetadata metadata, std::vector<TiffLevelLayout> levels,
                                 const std::filesystem::path& path, int fd,
                                 std::unique_ptr<SlideSource> openslide)
    : SlideSource(std::move(metadata)), layout_(std::move(levels)), fd_(fd),
      libtiffHandles_(std::make_unique<TiffHandlePool>(path)), openslide_(std::move(openslide)) {}

TiffSlideSource::~TiffSlideSource() {
    ::close(fd_);
}

void TiffSlideSource::readRawTile(uint64_t offset, uint64_t count, std::vector<uint8_t>& bytes,
                                  const std::string& what) const {
    bytes.resize(count);
    size_t done = 0;
    while (done < count) {
        const ssize_t n = ::pread(fd_, bytes.data() + done, count - done, off_t(offset + done));
        if (n <= 0)
            throw Error(ErrorKind::Io, location(), "cannot read " + what);
        done += size_t(n);
    }
}

std::optional<StoredTileFormat> TiffSlideSource::storedTileFormat(int level) const {
    if (level < 0 || size_t(level) >= layout_.size())
        return std::nullopt;
    const TiffLevelLayout& l = layout_[size_t(level)];
    switch (l.codec) {
    case TiffTileCodec::Jpeg:
        return StoredTileFormat{StoredTileCodec::Jpeg, !l.rgbPhotometric, l.tileWidth,
                                l.tileHeight};
    case TiffTileCodec::Jpeg2000Rgb:
    case TiffTileCodec::Jpeg2000YCbCr:
        return StoredTileFormat{StoredTileCodec::Jpeg2000, l.codec == TiffTileCodec::Jpeg2000YCbCr,
                                l.tileWidth, l.tileHeight};
    case TiffTileCodec::Libtiff:
        break;
    }
    return std::nullopt;
}

std::optional<std::vector<uint8_t>> TiffSlideSource::readStoredTile(int level, int64_t col,
                                                                    int64_t row) const {
    if (!storedTileFormat(level))
        return std::nullopt;
    const TiffLevelLayout& l = layout_[size_t(level)];
    if (col < 0 || row < 0 || col >= l.tilesAcross || row >= l.tilesDown)
        throw Error(ErrorKind::InvalidArgument, location(), "no such tile");
    const size_t index = size_t(row * l.tilesAcross + col);
    if (l.offsets[index] == 0 || l.byteCounts[index] == 0) // absent (sparse scan)
        return std::nullopt;
    std::vector<uint8_t> bytes;
    readRawTile(l.offsets[index], l.byteCounts[index], bytes,
                "tile " + std::to_string(index) + " of level " + std::to_string(level));
    if (l.codec != TiffTileCodec::Jpeg)
        return bytes;
    try {
        return mergeJpegTables(l.jpegTables, bytes);
    } catch (const Error& e) {
        throw Error(ErrorKind::Corrupt, location(),
                    "tile " + std::to_string(index) + " of level " + std::to_string(level) + ": " +
                        e.cause());
    }
}

std::string TiffSlideSource::decodeWholeTile(const TiffLevelLayout& l, size_t index, uint32_t* dst,
                                             size_t stride) const {
    const auto describe = [&] { return "tile " + std::to_string(index); };
    switch (l.codec) {
    case TiffTileCodec::Jpeg: {
        thread_local std::vector<uint8_t> bytes;
        readRawTile(l.offsets[index], l.byteCounts[index], bytes, describe());
        return JpegTileDecoder::forThisThread().decode(l.jpegTables, bytes, l.rgbPhotometric,
                                                       l.tileWidth, l.tileHeight, dst, stride);
    }
    case TiffTileCodec::Jpeg2000Rgb:
    case TiffTileCodec::Jpeg2000YCbCr: {
        thread_local std::vector<uint8_t> bytes;
        readRawTile(l.offsets[index], l.byteCounts[index], bytes, describe());
        return Jpeg2000TileDecoder::decode(bytes,
                                           l.codec == TiffTileCodec::Jpeg2000Rgb
                                               ? Jpeg2000TileDecoder::Components::Rgb
                                               : Jpeg2000TileDecoder::Components::YCbCr,
                                           l.tileWidth, l.tileHeight, dst, stride);
    }
    case TiffTileCodec::Libtiff: {
        thread_local std::vector<uint8_t> rgb;
        rgb.resize(size_t(l.tileWidth) * size_t(l.tileHeight) * 3);
        std::string error = libtiffHandles_->readTile(l.directoryOffset, uint32_t(index), rgb);
        if (!error.empty())
            return error;
        for (int32_t y = 0; y < l.tileHeight; ++y) {
            const uint8_t* in = rgb.data() + size_t(y) * size_t(l.tileWidth) * 3;
            uint32_t* row = dst + size_t(y) * stride;
            for (int32_t x = 0; x < l.tileWidth; ++x, in += 3)
                row[x] = 0xff000000u | uint32_t(in[0]) << 16 | uint32_t(in[1]) << 8 | in[2];
        }
        return {};
    }
    }
    return "unknown tile codec";
}

void TiffSlideSource::decodeTileInto(int level, int64_t col, int64_t row, RgbaImage& out,
                                     int32_t dx, int32_t dy) const {
    const TiffLevelLayout& l = layout_[size_t(level)];
    const LevelInfo& info = metadata().levels[size_t(level)];
    const size_t index = size_t(row * l.tilesAcross + col);
    // The part of the tile inside the level (edge tiles are clipped).
    const int32_t validW = int32_t(std::min<int64_t>(l.tileWidth, info.width - col * l.tileWidth));
    const int32_t validH =
        int32_t(std::min<int64_t>(l.tileHeight, info.height - row * l.tileHeight));
    if (l.byteCounts[index] == 0 || l.offsets[index] == 0) {
        // Absent by design (sparse scans skip glass): transparent = background.
        if (!missingTileLogged_.exchange(true))
            logger().warn("{}: tile {},{} of level {} is absent from the file; absent tiles are "
                          "shown as background",
                          location(), col, row, level);
        const int32_t x0 = std::max(0, dx), x1 = std::min(out.width(), dx + validW);
        for (int32_t y = std::max(0, dy); y < std::min(out.height(), dy + validH); ++y)
            if (x1 > x0)
                std::fill(out.row(y).begin() + x0, out.row(y).begin() + x1, 0u);
        return;
    }
    // Whole tiles decode straight into the output; clipped edge tiles go through a scratch tile.
    const bool direct = validW == l.tileWidth && validH == l.tileHeight && dx >= 0 && dy >= 0 &&
                        dx + l.tileWidth <= out.width() && dy + l.tileHeight <= out.height();
    std::string error;
    if (direct) {
        error =
            decodeWholeTile(l, index, out.data() + size_t(dy) * size_t(out.width()) + size_t(dx),
                            size_t(out.width()));
    } else {
        thread_local std::vector<uint32_t> scratch;
        scratch.resize(size_t(l.tileWidth) * size_t(l.tileHeight));
        error = decodeWholeTile(l, index, scratch.data(), size_t(l.tileWidth));
        if (error.empty()) {
            const int32_t x0 = std::max(0, -dx), x1 = std::min(validW, out.width() - dx);
            for (int32_t y = std::max(0, -dy); y < validH && dy + y < out.height(); ++y) {
                const uint32_t* from = scratch.data() + size_t(y) * size_t(l.tileWidth);
                if (x1 > x0)
                    std::copy(from + x0, from + x1, out.row(dy + y).begin() + (dx + x0));
            }
        }
    }
    if (!error.empty())
        throw Error(ErrorKind::Corrupt, location(),
                    "tile " + std::to_string(col) + "," + std::to_string(row) + " of level " +
                        std::to_string(level) + " is damaged: " + error);
}

RgbaImage TiffSlideSource::doReadTile(int level, int64_t col, int64_t row) const {
    const TiffLevelLayout& l = layout_[size_t(level)];
    const LevelInfo& info = metadata().levels[size_t(level)];
    RgbaImage tile(int32_t(std::min<int64_t>(l.tileWidth, info.width - col * l.tileWidth)),
                   int32_t(std::min<int64_t>(l.tileHeight, info.height - row * l.tileHeight)),
                   UninitializedPixels{}); // every pixel is written below
    decodeTileInto(level, col, row, tile, 0, 0);
    return tile;
}

RgbaImage TiffSlideSource::doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                                        int32_t height) const {
    const LevelInfo& info = metadata().levels[size_t(level)];
    // OpenSlide resamples regions that start between level pixels; only aligned regions are
    // composed here, so the result is the same either way.
    const double ds = info.downsample;
    const bool integerDownsample = ds == std::floor(ds);
    const auto ids = int64_t(ds);
    const bool openslideKnowsLevel = level < openslide_->levelCount();
    if (openslideKnowsLevel && (!integerDownsample || x % ids != 0 || y % ids != 0))
        return openslide_->readRegion(level, x, y, width, height);
    const TiffLevelLayout& l = layout_[size_t(level)];
    // Level pixels (may be negative); on SubIFD levels, the level pixel at or before (x, y).
    const auto left = int64_t(std::floor(double(x) / ds)),
               top = int64_t(std::floor(double(y) / ds));
    RgbaImage out(width, height); // transparent outside the slide
    const int64_t col0 = std::max<int64_t>(0, left >= 0 ? left / l.tileWidth : 0);
    const int64_t row0 = std::max<int64_t>(0, top >= 0 ? top / l.tileHeight : 0);
    const int64_t col1 = std::min(l.tilesAcross - 1, (left + width - 1) / l.tileWidth);
    const int64_t row1 = std::min(l.tilesDown - 1, (top + height - 1) / l.tileHeight);
    for (int64_t row = row0; row <= row1; ++row)
        for (int64_t col = col0; col <= col1; ++col)
            decodeTileInto(level, col, row, out, int32_t(col * l.tileWidth - left),
                           int32_t(row * l.tileHeight - top));
    return out;
}

RgbaImage TiffSlideSource::doReadAssociated(const std::string& name) const {
    return openslide_->readAssociated(name);
}

} // namespace lamina
