#include "StainSeparationPlugin.h"

#include <QStringList>

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace lamina {
namespace {

constexpr int kWorkingTile = 1024; // working pixels per tile side

StainVector parseVector(const QVariantMap& parameters, const char* name) {
    const QStringList parts =
        parameters.value(QLatin1String(name)).toString().split(QLatin1Char(','));
    StainVector v{};
    bool ok = parts.size() == 3;
    for (int i = 0; ok && i < 3; ++i)
        v[size_t(i)] = parts[i].trimmed().toDouble(&ok);
    if (!ok || v[0] < 0 || v[1] < 0 || v[2] < 0 || v[0] + v[1] + v[2] <= 0)
        throw std::invalid_argument(std::string(name) +
                                    " must be three non-negative numbers R,G,B, not all zero");
    return v;
}

bool isHdab(const QVariantMap& parameters) {
    return parameters.value(QStringLiteral("stains")).toString() == QLatin1String("H-DAB");
}

} // namespace

ColourDeconvolution StainSeparationPlugin::deconvolution(const QVariantMap& parameters) {
    const auto c = ColourDeconvolution::forStains(
        parseVector(parameters, "haematoxylin_vector"),
        parseVector(parameters, isHdab(parameters) ? "dab_vector" : "eosin_vector"));
    if (!c)
        throw std::invalid_argument("the two stain vectors are parallel");
    return *c;
}

double StainSeparationPlugin::tileSizeLevel0(const PluginSlide& slide,
                                             const QVariantMap& parameters) const {
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    return kWorkingTile * resolution / slide.micronsPerPixel().value_or(1.0);
}

PluginResult StainSeparationPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                            const QVariantMap& parameters,
                                            const PluginContext& context) const {
    const ColourDeconvolution stains = deconvolution(parameters); // throws for bad vectors
    const bool hdab = isHdab(parameters);
    const QString channel = parameters.value(QStringLiteral("channel")).toString();
    int shown = 0; // index of the shown stain: 0 haematoxylin, 1 the second stain
    if (channel == QLatin1String("eosin") || channel == QLatin1String("dab")) {
        if (hdab != (channel == QLatin1String("dab")))
            throw std::invalid_argument(
                "\"" + channel.toStdString() + "\" is not a stain of " +
                parameters.value(QStringLiteral("stains")).toString().toStdString());
        shown = 1;
    }
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    const PluginImage image =
        slide.readRegionAt(resolution, tile.x, tile.y, tile.width, tile.height);
    PluginResult result;
    if (context.cancelled())
        return result;
    const double sx = tile.width / image.width, sy = tile.height / image.height;
    // The region's outline on this tile's working grid (pixels outside do not count).
    cv::Mat inside(image.height, image.width, CV_8U, cv::Scalar(255));
    if (tile.regionOutline.size() >= 3) {
        inside.setTo(0);
        std::vector<cv::Point> polygon;
        for (const auto& [x, y] : tile.regionOutline)
            polygon.emplace_back(int(std::lround((x - tile.x) / sx)),
                                 int(std::lround((y - tile.y) / sy)));
        cv::fillPoly(inside, std::vector<std::vector<cv::Point>>{polygon}, cv::Scalar(255));
    }
    PluginRaster raster;
    raster.width = image.width;
    raster.height = image.height;
    raster.originX = tile.x;
    raster.originY = tile.y;
    raster.level0PixelsPerPixel = sx;
    raster.values.resize(image.pixels.size());
    const double stainedOd = parameters.value(QStringLiteral("stained_od")).toDouble();
    const double dabThreshold = parameters.value(QStringLiteral("dab_threshold")).toDouble();
    int64_t stained = 0, positive = 0;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const size_t i = size_t(y) * size_t(image.width) + size_t(x);
            const uint32_t p = image.pixels[i];
            if (!PluginImage::alpha(p) || !inside.at<uint8_t>(y, x)) {
                raster.values[i] = 0; // outside the slide or the region
                continue;
            }
            double totalOd = 0;
            const auto density = stains.densities(p, &totalOd);
            raster.values[i] = float(density[size_t(shown)]);
            if (totalOd > stainedOd) {
                ++stained;
                if (hdab && density[1] > dabThreshold)
                    ++positive;
            }
        }
        if (context.cancelled())
            return {};
    }
    const auto mpp = slide.micronsPerPixel();
    const double mm2 = sx * sy * (mpp ? *mpp * *mpp * 1e-6 : 1);
    result.measurements["stained_area_mm2"] = double(stained) * mm2;
    if (hdab)
        result.measurements["dab_positive_area_mm2"] = double(positive) * mm2;
    result.raster = std::move(raster);
    return result;
}

} // namespace lamina
