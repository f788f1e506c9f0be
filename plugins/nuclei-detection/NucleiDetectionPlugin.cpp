#include "NucleiDetectionPlugin.h"

#include <lamina/plugin/ColourDeconvolution.h>
#include <lamina/plugin/PluginGeometry.h>

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace lamina {
namespace {

constexpr int kWorkingTile = 768; // working pixels per tile side, without the margin

} // namespace

double NucleiDetectionPlugin::tileSizeLevel0(const PluginSlide& slide,
                                             const QVariantMap& parameters) const {
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    return kWorkingTile * resolution / slide.micronsPerPixel().value_or(1.0);
}

PluginResult NucleiDetectionPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                            const QVariantMap& parameters,
                                            const PluginContext& context) const {
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    const double minDiameter = parameters.value(QStringLiteral("min_diameter")).toDouble();
    const double maxDiameter = parameters.value(QStringLiteral("max_diameter")).toDouble();
    if (minDiameter >= maxDiameter)
        throw std::invalid_argument("min_diameter must be below max_diameter");
    const auto mpp = slide.micronsPerPixel();
    const double level0PerUm = 1 / mpp.value_or(1.0); // level-0 pixels per µm
    // Read with a margin of one largest nucleus (level-0 pixels).
    const double margin = maxDiameter * level0PerUm;
    const double x0 = tile.x - margin, y0 = tile.y - margin;
    const PluginImage image =
        slide.readRegionAt(resolution, x0, y0, tile.width + 2 * margin, tile.height + 2 * margin);
    if (context.cancelled() || image.width < 3 || image.height < 3)
        return {};
    const double scale = (tile.width + 2 * margin) / image.width; // level-0 px per working px

    // Haematoxylin density, smoothed, thresholded, opened.
    const auto stains = *ColourDeconvolution::forStains(kHaematoxylinOd, kEosinOd);
    cv::Mat density(image.height, image.width, CV_32F);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const uint32_t p = image.pixels[size_t(y) * size_t(image.width) + size_t(x)];
            density.at<float>(y, x) = PluginImage::alpha(p) ? float(stains.densities(p)[0]) : 0;
        }
    const double pixelUm = resolution; // working pixel side in µm (level-0 px without scale)
    cv::GaussianBlur(density, density, cv::Size(0, 0), std::max(0.5, 0.5 / pixelUm));
    // Threshold: given, or 0 = automatic (Otsu on the tile's densities, 0..2.55 in 0.01
    // steps, never below 0.3: nuclei stand out from the haematoxylin of the cytoplasm).
    double threshold = parameters.value(QStringLiteral("threshold")).toDouble();
    if (threshold <= 0) {
        cv::Mat levels;
        density.convertTo(levels, CV_8U, 100);
        threshold = std::max(
            0.3, cv::threshold(levels, levels, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU) / 100);
    }
    cv::Mat mask;
    cv::threshold(density, mask, threshold, 255, cv::THRESH_BINARY);
    mask.convertTo(mask, CV_8U);
    const int openRadius = std::max(1, int(std::lround(minDiameter / pixelUm / 4)));
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE,
                                               cv::Size(2 * openRadius + 1, 2 * openRadius + 1)));
    if (context.cancelled())
        return {};

    // Seeds: maxima of the distance transform at least a quarter of a smallest nucleus deep.
    cv::Mat distance;
    cv::distanceTransform(mask, distance, cv::DIST_L2, 5);
    const int peakRadius = std::max(1, int(std::lround(minDiameter / pixelUm / 2)));
    cv::Mat dilated;
    cv::dilate(distance, dilated,
               cv::getStructuringElement(cv::MORPH_ELLIPSE,
                                         cv::Size(2 * peakRadius + 1, 2 * peakRadius + 1)));
    // Within one pixel of the local maximum: a pixelated disc's flat top is one seed, while
    // two touching nuclei keep two (the neck between them is far lower).
    cv::Mat peaks =
        (distance >= dilated - 1.0f) & (distance >= float(minDiameter / pixelUm / 4)) & mask;
    cv::Mat seedLabels;
    const int seedCount = cv::connectedComponents(peaks, seedLabels, 8, CV_32S);
    cv::Mat markers = seedLabels.clone();
    markers.setTo(seedCount + 1, mask == 0); // background marker
    // Watershed on the distance relief (as an image: deeper = darker) rather than the colours.
    cv::Mat relief, bgr;
    cv::normalize(-distance, relief, 0, 255, cv::NORM_MINMAX);
    relief.convertTo(relief, CV_8U);
    cv::cvtColor(relief, bgr, cv::COLOR_GRAY2BGR);
    cv::watershed(bgr, markers);
    if (context.cancelled())
        return {};

    PluginResult result;
    const bool outlines =
        parameters.value(QStringLiteral("output")).toString() == QLatin1String("outline");
    const double minArea = M_PI * std::pow(minDiameter / pixelUm / 2, 2);
    const double maxArea = M_PI * std::pow(maxDiameter / pixelUm / 2, 2);
    int64_t count = 0;
    for (int label = 1; label < seedCount; ++label) {
        const cv::Mat region = markers == label;
        const cv::Moments m = cv::moments(region, true);
        if (m.m00 < minArea || m.m00 > maxArea)
            continue;
        const double cx = x0 + (m.m10 / m.m00 + 0.5) * scale;
        const double cy = y0 + (m.m01 / m.m00 + 0.5) * scale;
        // Counted by the tile holding its centre, inside the region.
        if (cx < tile.x || cy < tile.y || cx >= tile.x + tile.width || cy >= tile.y + tile.height ||
            !insideOutline(tile.regionOutline, cx, cy))
            continue;
        PluginFeature f;
        f.className = "Nucleus";
        if (outlines) {
            std::vector<std::vector<cv::Point>> contours;
            cv::findContours(region, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
            if (contours.empty() || contours[0].size() < 3)
                continue;
            for (const cv::Point& p : contours[0])
                f.points.emplace_back(x0 + (p.x + 0.5) * scale, y0 + (p.y + 0.5) * scale);
        } else {
            f.shape = PluginFeature::Shape::Point;
            f.points = {{cx, cy}};
        }
        result.features.push_back(std::move(f));
        ++count;
    }
    result.measurements["nuclei"] = double(count);
    // The tile's area inside the region (sampled on a 32 x 32 grid when there is an outline).
    double inside = 1;
    if (tile.regionOutline.size() >= 3) {
        int hits = 0;
        for (int i = 0; i < 32; ++i)
            for (int j = 0; j < 32; ++j)
                hits += insideOutline(tile.regionOutline, tile.x + (i + 0.5) * tile.width / 32,
                                      tile.y + (j + 0.5) * tile.height / 32);
        inside = hits / 1024.0;
    }
    result.measurements["analysed_area_mm2"] =
        tile.width * tile.height * inside * (mpp ? *mpp * *mpp * 1e-6 : 1);
    return result;
}

} // namespace lamina
