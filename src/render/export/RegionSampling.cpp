#include <lamina/core/ImageScaling.h>
#include <lamina/render/export/RegionSampling.h>

#include <algorithm>
#include <cmath>

namespace lamina {

namespace {

struct LevelRead {
    int level;
    int64_t x, y, width, height; // x, y level-0; width, height in level pixels
};

LevelRead planRead(const SlideSource& slide, const QRectF& level0, double downsample) {
    LevelRead r;
    r.level = slide.bestLevelForDownsample(std::max(1.0, downsample));
    const double levelDs = slide.level(r.level).downsample;
    r.x = int64_t(std::floor(level0.left()));
    r.y = int64_t(std::floor(level0.top()));
    r.width = std::max<int64_t>(1, int64_t(std::ceil(level0.width() / levelDs)));
    r.height = std::max<int64_t>(1, int64_t(std::ceil(level0.height() / levelDs)));
    return r;
}

} // namespace

int64_t sampledSourcePixels(const SlideSource& slide, const QRectF& level0, double downsample) {
    const LevelRead r = planRead(slide, level0, downsample);
    return r.width * r.height;
}

SampledRegion sampleRegion(const SlideSource& slide, const QRectF& level0, int32_t width,
                           int32_t height) {
    const double downsample = level0.width() / std::max(1, width);
    const LevelRead r = planRead(slide, level0, downsample);
    SampledRegion out;
    out.level = r.level;
    out.pixels = slide.readRegion(r.level, r.x, r.y, int32_t(r.width), int32_t(r.height));
    if (out.pixels.width() != width || out.pixels.height() != height)
        out.pixels = scaleArea(out.pixels, width, height);
    return out;
}

} // namespace lamina
