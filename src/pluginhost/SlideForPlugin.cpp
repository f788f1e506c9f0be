#include <lamina/core/ImageScaling.h>
#include <lamina/pluginhost/SlideForPlugin.h>

#include <cmath>
#include <stdexcept>

namespace lamina {
namespace {

PluginImage toPluginImage(const RgbaImage& image) {
    PluginImage out;
    out.width = image.width();
    out.height = image.height();
    out.pixels.assign(image.data(), image.data() + size_t(image.width()) * image.height());
    return out;
}

} // namespace

SlideForPlugin::SlideForPlugin(std::shared_ptr<const SlideSource> slide)
    : slide_(std::move(slide)) {}

int SlideForPlugin::levelCount() const {
    return slide_->levelCount();
}

int64_t SlideForPlugin::levelWidth(int level) const {
    return slide_->level(level).width;
}

int64_t SlideForPlugin::levelHeight(int level) const {
    return slide_->level(level).height;
}

double SlideForPlugin::levelDownsample(int level) const {
    return slide_->level(level).downsample;
}

std::optional<double> SlideForPlugin::micronsPerPixel() const {
    const auto& m = slide_->metadata();
    if (m.mppX && m.mppY)
        return (*m.mppX + *m.mppY) / 2;
    return std::nullopt;
}

std::string SlideForPlugin::slideId() const {
    return slide_->id().text();
}

PluginImage SlideForPlugin::readRegion(int level, int64_t x, int64_t y, int width,
                                       int height) const {
    try {
        return toPluginImage(slide_->readRegion(level, x, y, width, height));
    } catch (const std::exception& e) {
        throw std::runtime_error(e.what());
    }
}

double SlideForPlugin::level0PixelsPer(double micronsPerPixel) const {
    const auto mpp = this->micronsPerPixel();
    return mpp ? micronsPerPixel / *mpp : micronsPerPixel;
}

PluginImage SlideForPlugin::readRegionAt(double micronsPerPixel, double x, double y, double width,
                                         double height) const {
    try {
        if (!(micronsPerPixel > 0) || !(width > 0) || !(height > 0))
            throw std::runtime_error("readRegionAt: resolution and size must be positive");
        const double scale = level0PixelsPer(micronsPerPixel); // level-0 px per output px
        const auto outW = int32_t(std::max(1.0, std::round(width / scale)));
        const auto outH = int32_t(std::max(1.0, std::round(height / scale)));
        const int level = slide_->bestLevelForDownsample(scale);
        const double ds = slide_->level(level).downsample;
        const auto levelW = int32_t(std::max(1.0, std::ceil(width / ds)));
        const auto levelH = int32_t(std::max(1.0, std::ceil(height / ds)));
        const RgbaImage read = slide_->readRegion(level, int64_t(std::floor(x)),
                                                  int64_t(std::floor(y)), levelW, levelH);
        return toPluginImage(
            read.width() == outW && read.height() == outH ? read : scaleArea(read, outW, outH));
    } catch (const std::exception& e) {
        throw std::runtime_error(slide_->location() + ": " + e.what());
    }
}

} // namespace lamina
