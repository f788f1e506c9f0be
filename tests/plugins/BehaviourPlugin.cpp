#include "BehaviourPlugin.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

namespace lamina::test {

double BehaviourPlugin::tileSizeLevel0(const PluginSlide&, const QVariantMap& parameters) const {
    return parameters.value(QStringLiteral("tile")).toDouble();
}

PluginResult BehaviourPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                      const QVariantMap& parameters,
                                      const PluginContext& context) const {
    const QString mode = parameters.value(QStringLiteral("mode")).toString();
    PluginResult r;
    PluginRaster raster;
    raster.width = raster.height = 4;
    raster.originX = tile.x;
    raster.originY = tile.y;
    raster.level0PixelsPerPixel = tile.width / 4;
    raster.values.assign(16, 0.5f);
    if (mode == QLatin1String("throw"))
        throw std::runtime_error("the model file is damaged");
    if (mode == QLatin1String("wrong-size"))
        raster.values.resize(5);
    if (mode == QLatin1String("nan"))
        raster.values[3] = std::nanf("");
    const int crashTile = parameters.value(QStringLiteral("crash_tile"), -1).toInt();
    if (crashTile < 0 || crashTile == tile.index) {
        if (mode == QLatin1String("segfault")) {
            volatile int* nowhere = nullptr;
            *nowhere = 42;
        }
        if (mode == QLatin1String("abort"))
            std::abort();
        if (mode == QLatin1String("exit"))
            std::exit(3);
    }
    if (mode == QLatin1String("leak")) {
        std::vector<std::unique_ptr<char[]>> hoard;
        for (;;) { // touched, so it is resident and not only reserved
            auto chunk = std::make_unique<char[]>(size_t(32) << 20);
            std::memset(chunk.get(), 1, size_t(32) << 20);
            hoard.push_back(std::move(chunk));
        }
    }
    if (mode == QLatin1String("huge-read"))
        slide.readRegion(0, 0, 0, 1 << 20, 1 << 20);
    if (mode == QLatin1String("hang"))
        for (;;)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (mode == QLatin1String("steady")) // a real plugin's pace: results arrive over time
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
    if (mode == QLatin1String("slow"))
        while (!context.cancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    // Reads real pixels, as a plugin would (and proves the slide accessor works).
    const PluginImage centre = slide.readRegion(0, int64_t(tile.x + tile.width / 2),
                                                int64_t(tile.y + tile.height / 2), 1, 1);
    r.measurements["opaque_centres"] = PluginImage::alpha(centre.at(0, 0)) == 255 ? 1 : 0;
    PluginFeature point;
    point.shape = PluginFeature::Shape::Point;
    point.points = {{tile.x + tile.width / 2, tile.y + tile.height / 2}};
    point.className = "Centre";
    point.score = mode == QLatin1String("bad-score") ? 7 : 0.75;
    r.features.push_back(point);
    r.measurements["tiles"] = 1;
    r.raster = std::move(raster);
    return r;
}

} // namespace lamina::test
