#include <lamina/core/Error.h>
#include <lamina/slide/tiff/JpegTileDecoder.h>
#include <lamina/slide/tiff/TiffSlideSource.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace lamina {

TiffSlideSource::TiffSlideSource(SlideMetadata metadata, std::vector<TiffLevelLayout> levels,
                                 int fd, std::unique_ptr<SlideSource> openslide)
    : SlideSource(std::move(metadata)), layout_(std::move(levels)), fd_(fd),
      openslide_(std::move(openslide)) {}

TiffSlideSource::~TiffSlideSource() {
    ::close(fd_);
}

void TiffSlideSource::decodeTileInto(int level, int64_t col, int64_t row, RgbaImage& out,
                                     int32_t dx, int32_t dy) const {
    const TiffLevelLayout& l = layout_[size_t(level)];
    const LevelInfo& info = metadata().levels[size_t(level)];
    const size_t index = size_t(row * l.tilesAcross + col);
    const uint64_t offset = l.offsets[index], count = l.byteCounts[index];
    const auto describe = [&] {
        return "tile " + std::to_string(col) + "," + std::to_string(row) + " of level " +
               std::to_string(level);
    };
    if (count == 0 || offset == 0)
        throw Error(ErrorKind::Corrupt, location(), describe() + " is missing from the file");
    thread_local std::vector<uint8_t> bytes;
    bytes.resize(count);
    size_t done = 0;
    while (done < count) {
        const ssize_t n = ::pread(fd_, bytes.data() + done, count - done, off_t(offset + done));
        if (n <= 0)
            throw Error(ErrorKind::Io, location(), "cannot read " + describe());
        done += size_t(n);
    }
    // Whole tiles decode straight into the output; clipped edge tiles go through a scratch tile.
    const int32_t validW = int32_t(std::min<int64_t>(l.tileWidth, info.width - col * l.tileWidth));
    const int32_t validH =
        int32_t(std::min<int64_t>(l.tileHeight, info.height - row * l.tileHeight));
    const bool direct = validW == l.tileWidth && validH == l.tileHeight && dx >= 0 && dy >= 0 &&
                        dx + l.tileWidth <= out.width() && dy + l.tileHeight <= out.height();
    std::string error;
    if (direct) {
        error = JpegTileDecoder::forThisThread().decode(
            l.jpegTables, bytes, l.rgbPhotometric, l.tileWidth, l.tileHeight,
            out.data() + size_t(dy) * size_t(out.width()) + size_t(dx), size_t(out.width()));
    } else {
        thread_local std::vector<uint32_t> scratch;
        scratch.resize(size_t(l.tileWidth) * size_t(l.tileHeight));
        error = JpegTileDecoder::forThisThread().decode(l.jpegTables, bytes, l.rgbPhotometric,
                                                        l.tileWidth, l.tileHeight, scratch.data(),
                                                        size_t(l.tileWidth));
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
        throw Error(ErrorKind::Corrupt, location(), describe() + " is damaged: " + error);
}

RgbaImage TiffSlideSource::doReadTile(int level, int64_t col, int64_t row) const {
    const TiffLevelLayout& l = layout_[size_t(level)];
    const LevelInfo& info = metadata().levels[size_t(level)];
    RgbaImage tile(int32_t(std::min<int64_t>(l.tileWidth, info.width - col * l.tileWidth)),
                   int32_t(std::min<int64_t>(l.tileHeight, info.height - row * l.tileHeight)));
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
    if (!integerDownsample || x % ids != 0 || y % ids != 0)
        return openslide_->readRegion(level, x, y, width, height);
    const TiffLevelLayout& l = layout_[size_t(level)];
    const int64_t left = x / ids, top = y / ids; // level pixels (may be negative)
    RgbaImage out(width, height);                // transparent outside the slide
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
