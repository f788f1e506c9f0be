#include <lamina/core/Error.h>
#include <lamina/slide/PixelSizeOverride.h>

namespace lamina {
namespace {

SlideMetadata withPixelSize(const SlideSource& slide, double micronsPerPixel) {
    if (!(micronsPerPixel > 0 && micronsPerPixel < 1000))
        throw Error(ErrorKind::InvalidArgument, slide.location(),
                    "a pixel size must be between 0 and 1000 µm per pixel");
    SlideMetadata meta = slide.metadata();
    meta.mppX = meta.mppY = micronsPerPixel;
    meta.mppUserEntered = true;
    return meta;
}

} // namespace

PixelSizeOverride::PixelSizeOverride(std::shared_ptr<const SlideSource> slide,
                                     double micronsPerPixel)
    : SlideSource(withPixelSize(*slide, micronsPerPixel)), slide_(std::move(slide)),
      micronsPerPixel_(micronsPerPixel) {}

std::unique_ptr<SlideSource> PixelSizeOverride::withPyramid(size_t index) const {
    return std::make_unique<PixelSizeOverride>(
        std::shared_ptr<const SlideSource>(slide_->withPyramid(index)), micronsPerPixel_);
}

// Arguments were validated by the public entry points, against the same levels.
RgbaImage PixelSizeOverride::doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                                          int32_t height) const {
    return slide_->readRegion(level, x, y, width, height);
}

RgbaImage PixelSizeOverride::doReadAssociated(const std::string& name) const {
    return slide_->readAssociated(name);
}

RgbaImage PixelSizeOverride::doReadTile(int level, int64_t col, int64_t row) const {
    return slide_->readTile(level, col, row);
}

std::vector<TileReadResult>
PixelSizeOverride::doReadTiles(int level, const std::vector<TileIndex>& tiles) const {
    return slide_->readTiles(level, tiles);
}

} // namespace lamina
