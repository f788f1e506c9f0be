#include "StainSeparationPlugin.h"

#include <QStringList>

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace lamina {
namespace {

constexpr int kWorkingTile = 1024; // working pixels per tile side

using Vector = std::array<double, 3>;

Vector parseVector(const QVariantMap& parameters, const char* name) {
    const QStringList parts =
        parameters.value(QLatin1String(name)).toString().split(QLatin1Char(','));
    Vector v{};
    bool ok = parts.size() == 3;
    for (int i = 0; ok && i < 3; ++i)
        v[size_t(i)] = parts[i].trimmed().toDouble(&ok);
    const double length = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (!ok || !(length > 1e-6) || v[0] < 0 || v[1] < 0 || v[2] < 0)
        throw std::invalid_argument(std::string(name) +
                                    " must be three non-negative numbers R,G,B, not all zero");
    for (double& x : v)
        x /= length;
    return v;
}

Vector cross(const Vector& a, const Vector& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

bool isHdab(const QVariantMap& parameters) {
    return parameters.value(QStringLiteral("stains")).toString() == QLatin1String("H-DAB");
}

} // namespace

std::array<std::array<double, 3>, 3>
StainSeparationPlugin::inverseStainMatrix(const QVariantMap& parameters) {
    const Vector h = parseVector(parameters, "haematoxylin_vector");
    const Vector second =
        parseVector(parameters, isHdab(parameters) ? "dab_vector" : "eosin_vector");
    Vector third = cross(h, second);
    const double length =
        std::sqrt(third[0] * third[0] + third[1] * third[1] + third[2] * third[2]);
    if (!(length > 1e-6))
        throw std::invalid_argument("the two stain vectors are parallel");
    for (double& x : third)
        x /= length;
    const cv::Matx33d m(h[0], h[1], h[2], second[0], second[1], second[2], third[0], third[1],
                        third[2]);
    const cv::Matx33d inverse = m.inv();
    std::array<std::array<double, 3>, 3> out{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            out[size_t(r)][size_t(c)] = inverse(r, c);
    return out;
}

double StainSeparationPlugin::tileSizeLevel0(const PluginSlide& slide,
                                             const QVariantMap& parameters) const {
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    return kWorkingTile * resolution / slide.micronsPerPixel().value_or(1.0);
}

PluginResult StainSeparationPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                            const QVariantMap& parameters,
                                            const PluginContext& context) const {
    const auto inverse = inverseStainMatrix(parameters); // throws for bad vectors
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
            const double od[3] = {-std::log10(std::max(1, int(PluginImage::red(p))) / 255.0),
                                  -std::log10(std::max(1, int(PluginImage::green(p))) / 255.0),
                                  -std::log10(std::max(1, int(PluginImage::blue(p))) / 255.0)};
            double density[3];
            for (int s = 0; s < 3; ++s)
                density[s] =
                    std::max(0.0, od[0] * inverse[0][size_t(s)] + od[1] * inverse[1][size_t(s)] +
                                      od[2] * inverse[2][size_t(s)]);
            raster.values[i] = float(density[shown]);
            if (od[0] + od[1] + od[2] > stainedOd) {
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
