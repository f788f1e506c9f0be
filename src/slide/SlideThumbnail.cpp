#include <lamina/core/Error.h>
#include <lamina/core/ImageScaling.h>
#include <lamina/slide/SlideThumbnail.h>

#include <algorithm>
#include <cmath>

namespace lamina {

RgbaImage renderThumbnail(const SlideSource& slide, int32_t maxSize) {
    if (maxSize < 1 || maxSize > 16384)
        throw Error(ErrorKind::InvalidArgument, slide.location(),
                    "thumbnail size must be between 1 and 16384 pixels");
    const Size full = slide.dimensions();
    const double scale = std::min(1.0, double(maxSize) / double(std::max(full.width, full.height)));
    const auto outWidth = int32_t(std::max<int64_t>(1, std::llround(double(full.width) * scale)));
    const auto outHeight = int32_t(std::max<int64_t>(1, std::llround(double(full.height) * scale)));

    const int levelIndex = slide.bestLevelForDownsample(1.0 / scale);
    const LevelInfo& level = slide.level(levelIndex);
    // Output rows per band so a band of source rows stays around 16 Mpx.
    const double sourceRowsPerOutputRow = double(level.height) / outHeight;
    const auto rowsPerBand = int32_t(std::max<double>(
        1, std::floor(16.0 * 1024 * 1024 / (double(level.width) * sourceRowsPerOutputRow))));

    RgbaImage out(outWidth, outHeight);
    for (int32_t outTop = 0; outTop < outHeight; outTop += rowsPerBand) {
        const int32_t outBottom = std::min(outHeight, outTop + rowsPerBand);
        const auto srcTop = int64_t(std::floor(outTop * sourceRowsPerOutputRow));
        const auto srcBottom =
            std::min(level.height, int64_t(std::ceil(outBottom * sourceRowsPerOutputRow)));
        const RgbaImage band = slide.readRegion(
            levelIndex, 0, int64_t(std::llround(double(srcTop) * level.downsample)),
            int32_t(level.width), int32_t(std::max<int64_t>(1, srcBottom - srcTop)));
        out.blit(scaleArea(band, outWidth, outBottom - outTop), 0, outTop);
    }
    return out;
}

} // namespace lamina
