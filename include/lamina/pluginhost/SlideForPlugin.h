#pragma once
// The SDK's read-only slide (PluginSlide) over a Lamina SlideSource: what a plugin may see of
// a slide, nothing more. Region reads go through the SlideSource (any backend); readRegionAt
// reads from the finest level at least as fine as asked and resamples by area averaging.
// Errors become std::runtime_error with the slide and the cause (plugins see no lamina::Error).
// Thread-safety: like SlideSource, every method may run concurrently.

#include <lamina/plugin/PluginSlide.h>
#include <lamina/slide/SlideSource.h>

#include <memory>

namespace lamina {

class SlideForPlugin : public PluginSlide {
public:
    explicit SlideForPlugin(std::shared_ptr<const SlideSource> slide);
    const SlideSource& source() const { return *slide_; }

    int levelCount() const override;
    int64_t levelWidth(int level) const override;
    int64_t levelHeight(int level) const override;
    double levelDownsample(int level) const override;
    std::optional<double> micronsPerPixel() const override;
    std::string slideId() const override;
    PluginImage readRegion(int level, int64_t x, int64_t y, int width, int height) const override;
    PluginImage readRegionAt(double micronsPerPixel, double x, double y, double width,
                             double height) const override;

    // Level-0 pixels per output pixel for a requested µm/px (µm/px itself without a scale).
    double level0PixelsPer(double micronsPerPixel) const;

private:
    std::shared_ptr<const SlideSource> slide_;
};

} // namespace lamina
