#include "TissueDetectionPlugin.h"

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace lamina {

double TissueDetectionPlugin::tileSizeLevel0(const PluginSlide&, const QVariantMap&) const {
    return 0; // one piece: the analysis needs the whole region at low resolution
}

PluginResult TissueDetectionPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                            const QVariantMap& parameters,
                                            const PluginContext& context) const {
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    const auto mpp = slide.micronsPerPixel();
    const PluginImage image =
        slide.readRegionAt(resolution, tile.x, tile.y, tile.width, tile.height);
    if (context.cancelled())
        return {};
    // 0xAARRGGBB words are B, G, R, A bytes in memory: OpenCV's BGRA.
    const cv::Mat bgra(image.height, image.width, CV_8UC4,
                       const_cast<uint32_t*>(image.pixels.data()));
    cv::Mat bgr, hsv;
    cv::cvtColor(bgra, bgr, cv::COLOR_BGRA2BGR);
    cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
    cv::Mat channels[3];
    cv::split(hsv, channels);
    cv::Mat saturation = channels[1];
    cv::Mat alpha;
    cv::extractChannel(bgra, alpha, 3);
    saturation.setTo(0, alpha == 0); // outside the slide: glass
    cv::GaussianBlur(saturation, saturation, cv::Size(5, 5), 0);
    cv::Mat mask;
    if (parameters.value(QStringLiteral("threshold")).toString() == QLatin1String("fixed"))
        cv::threshold(saturation, mask, parameters.value(QStringLiteral("saturation")).toDouble(),
                      255, cv::THRESH_BINARY);
    else
        cv::threshold(saturation, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const int radius =
        int(std::lround(parameters.value(QStringLiteral("smoothing")).toDouble() / resolution / 2));
    if (radius > 0) {
        const cv::Mat disc =
            cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * radius + 1, 2 * radius + 1));
        cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, disc);
        cv::morphologyEx(mask, mask, cv::MORPH_OPEN, disc);
    }
    if (context.cancelled())
        return {};
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);

    PluginResult result;
    const double level0PixelArea = mpp ? *mpp * *mpp * 1e-6 : 1; // mm² per level-0 pixel
    const double minArea = parameters.value(QStringLiteral("min_area")).toDouble();
    double total = 0;
    // Level-0 pixels per working pixel (without a scale, "µm" are level-0 pixels).
    const double sx = tile.width / image.width, sy = tile.height / image.height;
    for (auto& contour : contours) {
        std::vector<cv::Point> simple;
        cv::approxPolyDP(contour, simple, 1.0, true);
        if (simple.size() < 3)
            continue;
        const double area = cv::contourArea(simple) * sx * sy * level0PixelArea;
        if (mpp && area < minArea)
            continue;
        PluginFeature f;
        f.className = "Tissue";
        for (const cv::Point& p : simple) // pixel centres, in level-0 pixels
            f.points.emplace_back(tile.x + (p.x + 0.5) * sx, tile.y + (p.y + 0.5) * sy);
        result.features.push_back(std::move(f));
        total += area;
    }
    result.measurements[mpp ? "tissue_area_mm2" : "tissue_area_px"] = total;
    return result;
}

} // namespace lamina
