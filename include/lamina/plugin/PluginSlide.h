#pragma once
// The slide as a plugin sees it: read-only geometry, scale and pixels. Coordinates are
// level-0 pixels unless said otherwise.
// Thread-safety: every method may be called from several threads at once (the host runs a
// plugin's tiles in parallel).

#include <lamina/plugin/PluginImage.h>

#include <cstdint>
#include <optional>
#include <string>

namespace lamina {

class PluginSlide {
public:
    virtual ~PluginSlide() = default;

    virtual int levelCount() const = 0;
    virtual int64_t levelWidth(int level) const = 0;  // level pixels
    virtual int64_t levelHeight(int level) const = 0; // level pixels
    virtual double levelDownsample(int level) const = 0;
    // µm per level-0 pixel (x and y), when the slide knows its scale.
    virtual std::optional<double> micronsPerPixel() const = 0;
    // A stable identity of the slide (for caching results).
    virtual std::string slideId() const = 0;

    // width x height pixels of `level` whose top-left corner is (x, y) in level-0 pixels
    // (OpenSlide's convention). Throws std::runtime_error when the slide cannot be read.
    virtual PluginImage readRegion(int level, int64_t x, int64_t y, int width,
                                   int height) const = 0;
    // The level-0 rectangle (x, y, w, h) resampled to `micronsPerPixel` (from the finest
    // level at least that fine). Without a known scale, `micronsPerPixel` is read as level-0
    // pixels per output pixel. Throws std::runtime_error.
    virtual PluginImage readRegionAt(double micronsPerPixel, double x, double y, double width,
                                     double height) const = 0;
};

} // namespace lamina
