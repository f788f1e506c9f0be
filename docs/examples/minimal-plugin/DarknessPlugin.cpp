#include "DarknessPlugin.h"

using namespace lamina;

double DarknessPlugin::tileSizeLevel0(const PluginSlide& slide,
                                      const QVariantMap& parameters) const {
    // 64 heatmap pixels per tile side, in level-0 pixels.
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    return 64 * resolution / slide.micronsPerPixel().value_or(1.0);
}

PluginResult DarknessPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                     const QVariantMap& parameters,
                                     const PluginContext& context) const {
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    const PluginImage image =
        slide.readRegionAt(resolution, tile.x, tile.y, tile.width, tile.height);
    PluginResult result;
    if (context.cancelled())
        return result;
    PluginRaster raster;
    raster.width = image.width;
    raster.height = image.height;
    raster.originX = tile.x;
    raster.originY = tile.y;
    raster.level0PixelsPerPixel = tile.width / image.width;
    double sum = 0;
    for (const uint32_t p : image.pixels) {
        const double grey =
            (PluginImage::red(p) + PluginImage::green(p) + PluginImage::blue(p)) / (3.0 * 255.0);
        // Transparent pixels lie outside the slide: no darkness there.
        const float darkness = PluginImage::alpha(p) ? float(1.0 - grey) : 0.0f;
        raster.values.push_back(darkness);
        sum += darkness;
    }
    result.measurements["darkness_sum"] = sum;
    result.raster = std::move(raster);
    return result;
}
