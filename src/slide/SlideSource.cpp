#include <lamina/core/Error.h>
#include <lamina/slide/SlideSource.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lamina {

SlideSource::SlideSource(SlideMetadata metadata) : meta_(std::move(metadata)) {
    if (meta_.levels.empty())
        throw Error(ErrorKind::Corrupt, meta_.location, "the slide has no pyramid level");
    for (size_t i = 0; i < meta_.levels.size(); ++i) {
        LevelInfo& level = meta_.levels[i];
        if (level.width <= 0 || level.height <= 0)
            throw Error(ErrorKind::Corrupt, meta_.location, "a pyramid level has an empty size");
        // A reduced level is no larger than the one before, and reduced about as much across
        // as down: a damaged directory declaring 65535 x 1783 under a 4443 x 3567 level 0 is
        // not one (reading it would fetch thousands of tiles for a thumbnail).
        if (i > 0) {
            const LevelInfo& finer = meta_.levels[i - 1];
            const double across = double(meta_.levels[0].width) / double(level.width);
            const double down = double(meta_.levels[0].height) / double(level.height);
            if (level.width > finer.width || level.height > finer.height ||
                std::max(across, down) > 2 * std::min(across, down))
                throw Error(ErrorKind::Corrupt, meta_.location,
                            "pyramid level " + std::to_string(i) + " (" +
                                std::to_string(level.width) + " x " + std::to_string(level.height) +
                                ") is not a reduction of level " + std::to_string(i - 1) + " (" +
                                std::to_string(finer.width) + " x " + std::to_string(finer.height) +
                                ")");
        }
        if (level.tileWidth <= 0 || level.tileHeight <= 0) {
            level.tileWidth = 256;
            level.tileHeight = 256;
        }
    }
}

SlideSource::~SlideSource() = default;

const LevelInfo& SlideSource::level(int index) const {
    if (index < 0 || index >= levelCount())
        throw Error(ErrorKind::InvalidArgument, meta_.location,
                    "level " + std::to_string(index) + " does not exist (the slide has " +
                        std::to_string(levelCount()) + " levels)");
    return meta_.levels[size_t(index)];
}

int SlideSource::bestLevelForDownsample(double downsample) const {
    int best = 0;
    for (int i = 0; i < levelCount(); ++i) {
        // A small tolerance so that a level at 3.9999 counts for a request of 4.
        if (meta_.levels[size_t(i)].downsample <= downsample * 1.0001)
            best = i;
    }
    return best;
}

RgbaImage SlideSource::readRegion(int levelIndex, int64_t x, int64_t y, int32_t width,
                                  int32_t height) const {
    level(levelIndex); // validates the index
    if (width <= 0 || height <= 0 || int64_t(width) * height > RgbaImage::kMaxPixels)
        throw Error(ErrorKind::InvalidArgument, meta_.location,
                    "region size " + std::to_string(width) + "x" + std::to_string(height) +
                        " is empty or larger than the " + std::to_string(RgbaImage::kMaxPixels) +
                        "-pixel limit");
    // Positions far outside any real slide would overflow backend arithmetic.
    constexpr int64_t kMaxCoordinate = int64_t{1} << 40;
    if (std::llabs(x) > kMaxCoordinate || std::llabs(y) > kMaxCoordinate)
        throw Error(ErrorKind::InvalidArgument, meta_.location,
                    "region position " + std::to_string(x) + "," + std::to_string(y) +
                        " is absurdly far outside the slide");
    return doReadRegion(levelIndex, x, y, width, height);
}

RgbaImage SlideSource::readTile(int levelIndex, int64_t col, int64_t row) const {
    const LevelInfo& info = level(levelIndex);
    if (col < 0 || row < 0 || col >= info.tilesAcross() || row >= info.tilesDown())
        throw Error(ErrorKind::InvalidArgument, meta_.location,
                    "tile " + std::to_string(col) + "," + std::to_string(row) +
                        " is outside level " + std::to_string(levelIndex) + " (" +
                        std::to_string(info.tilesAcross()) + "x" +
                        std::to_string(info.tilesDown()) + " tiles)");
    return doReadTile(levelIndex, col, row);
}

std::vector<TileReadResult> SlideSource::readTiles(int levelIndex,
                                                   const std::vector<TileIndex>& tiles) const {
    const LevelInfo& info = level(levelIndex);
    for (const auto& t : tiles)
        if (t.col < 0 || t.row < 0 || t.col >= info.tilesAcross() || t.row >= info.tilesDown())
            throw Error(ErrorKind::InvalidArgument, meta_.location,
                        "tile " + std::to_string(t.col) + "," + std::to_string(t.row) +
                            " is outside level " + std::to_string(levelIndex));
    return doReadTiles(levelIndex, tiles);
}

std::vector<TileReadResult> SlideSource::doReadTiles(int levelIndex,
                                                     const std::vector<TileIndex>& tiles) const {
    std::vector<TileReadResult> results(tiles.size());
    for (size_t i = 0; i < tiles.size(); ++i) {
        try {
            results[i].tile = doReadTile(levelIndex, tiles[i].col, tiles[i].row);
        } catch (const std::exception& e) {
            results[i] = TileReadResult::failed(e);
        }
    }
    return results;
}

RgbaImage SlideSource::doReadTile(int levelIndex, int64_t col, int64_t row) const {
    const LevelInfo& info = meta_.levels[size_t(levelIndex)];
    const int64_t left = col * info.tileWidth;
    const int64_t top = row * info.tileHeight;
    const auto width = int32_t(std::min<int64_t>(info.tileWidth, info.width - left));
    const auto height = int32_t(std::min<int64_t>(info.tileHeight, info.height - top));
    // Level pixels -> level-0 pixels, rounded like OpenSlide does for its own tile grid.
    const auto x0 = int64_t(std::llround(double(left) * info.downsample));
    const auto y0 = int64_t(std::llround(double(top) * info.downsample));
    return doReadRegion(levelIndex, x0, y0, width, height);
}

RgbaImage SlideSource::readAssociated(const std::string& name) const {
    const auto& names = meta_.associatedImages;
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string known;
        for (const auto& n : names)
            known += (known.empty() ? "" : ", ") + n;
        throw Error(ErrorKind::InvalidArgument, meta_.location,
                    "no associated image named '" + name +
                        "' (available: " + (known.empty() ? "none" : known) + ")");
    }
    return doReadAssociated(name);
}

std::optional<StoredTileFormat> SlideSource::storedTileFormat(int) const {
    return std::nullopt;
}

std::optional<std::vector<uint8_t>> SlideSource::readStoredTile(int, int64_t, int64_t) const {
    return std::nullopt;
}

std::unique_ptr<SlideSource> SlideSource::withPyramid(size_t index) const {
    throw Error(ErrorKind::InvalidArgument, meta_.location,
                "no pyramid " + std::to_string(index) + " (the slide holds " +
                    std::to_string(std::max<size_t>(1, pyramids().size())) + ")");
}

std::string SlidePyramid::label() const {
    std::string text;
    if (!opticalPath.empty())
        text = "optical path " + opticalPath;
    if (focalPlaneUm) {
        std::string value = fmt::format("{:+.2f}", *focalPlaneUm); // not the C locale's comma
        while (value.back() == '0') // "+1.50" -> "+1.5", "+2.00" -> "+2"
            value.pop_back();
        if (value.back() == '.')
            value.pop_back();
        if (value == "-0")
            value = "+0";
        text += (text.empty() ? "focal plane " : ", focal plane ") + value + " µm";
    }
    return text.empty() ? std::string("the only pyramid") : text;
}

} // namespace lamina
