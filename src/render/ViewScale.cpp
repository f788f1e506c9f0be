#include <lamina/render/ViewScale.h>

#include <cmath>
#include <cstdio>

namespace lamina {
namespace {

constexpr double kMicronsPerPixelAt1x = 10.0; // 40x <-> 0.25 µm/px

std::optional<double> meanMpp(const SlideMetadata& slide) {
    if (slide.mppX && slide.mppY)
        return (*slide.mppX + *slide.mppY) / 2;
    if (slide.mppX)
        return slide.mppX;
    return slide.mppY;
}

std::string trimmedNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string s = text;
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    return s;
}

} // namespace

std::optional<double> micronsPerScreenPixel(const SlideMetadata& slide, double downsample) {
    if (const auto mpp = meanMpp(slide))
        return *mpp * downsample;
    return std::nullopt;
}

std::optional<double> magnificationAt(const SlideMetadata& slide, double downsample) {
    if (const auto um = micronsPerScreenPixel(slide, downsample))
        return kMicronsPerPixelAt1x / *um;
    if (slide.objectivePower)
        return *slide.objectivePower / downsample;
    return std::nullopt;
}

std::optional<double> downsampleForMagnification(const SlideMetadata& slide, double magnification) {
    if (!(magnification > 0))
        return std::nullopt;
    if (const auto mpp = meanMpp(slide))
        return kMicronsPerPixelAt1x / magnification / *mpp;
    if (slide.objectivePower)
        return *slide.objectivePower / magnification;
    return std::nullopt;
}

std::string formatMagnification(double magnification) {
    return trimmedNumber(magnification >= 10 ? std::round(magnification * 10) / 10
                                             : magnification) +
           "×";
}

ScaleBar chooseScaleBar(double unitsPerScreenPixel, bool hasMicrons, double maxScreenPixels) {
    ScaleBar bar;
    if (!(unitsPerScreenPixel > 0) || !(maxScreenPixels > 0))
        return bar;
    const double maxLength = unitsPerScreenPixel * maxScreenPixels;
    const double decade = std::pow(10.0, std::floor(std::log10(maxLength)));
    for (const double step : {5.0, 2.0, 1.0})
        if (step * decade <= maxLength) {
            bar.length = step * decade;
            break;
        }
    if (bar.length == 0)
        bar.length = decade;
    bar.screenPixels = bar.length / unitsPerScreenPixel;
    if (!hasMicrons)
        bar.label = trimmedNumber(bar.length) + " px";
    else if (bar.length >= 1000)
        bar.label = trimmedNumber(bar.length / 1000) + " mm";
    else
        bar.label = trimmedNumber(bar.length) + " µm";
    return bar;
}

} // namespace lamina
