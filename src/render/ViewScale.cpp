#include <lamina/render/ViewScale.h>

#include <fmt/format.h>

#include <cmath>

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

// At most two decimals, trailing zeros dropped, in `locale`'s decimal separator. fmt never
// looks at the C locale (snprintf would write "5,00" once Qt set LC_NUMERIC from the system).
std::string trimmedNumber(double value, const QLocale& locale) {
    std::string s = fmt::format("{:.2f}", value);
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    if (const auto dot = s.find('.'); dot != std::string::npos)
        s.replace(dot, 1, locale.decimalPoint().toStdString());
    if (s == "-0")
        s = "0";
    return s;
}

} // namespace

Scale scaleOf(const SlideMetadata& slide) {
    return Scale{slide.mppX, slide.mppY, slide.mppUserEntered};
}

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

double roundedMagnification(double magnification) {
    return magnification >= 10 ? std::round(magnification * 10) / 10
                               : std::round(magnification * 100) / 100;
}

std::string formatMagnification(double magnification, const QLocale& locale) {
    return trimmedNumber(roundedMagnification(magnification), locale) + "×";
}

QString formatMicronsPerPixel(double micronsPerPixel, const QLocale& locale) {
    return QStringLiteral("%1 µm/px")
        .arg(locale.toString(micronsPerPixel, 'f', micronsPerPixel < 10 ? 2 : 1));
}

QString formatLength(double length, bool microns, const QLocale& locale) {
    if (!microns)
        return QStringLiteral("%1 px").arg(locale.toString(length, 'f', 0));
    if (length >= 1000)
        return QStringLiteral("%1 mm").arg(locale.toString(length / 1000, 'f', 2));
    return QStringLiteral("%1 µm").arg(locale.toString(length, 'f', length < 10 ? 2 : 1));
}

ScaleBar chooseScaleBar(double unitsPerScreenPixel, bool hasMicrons, double maxScreenPixels,
                        const QLocale& locale) {
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
        bar.label = trimmedNumber(bar.length, locale) + " px";
    else if (bar.length >= 1000)
        bar.label = trimmedNumber(bar.length / 1000, locale) + " mm";
    else
        bar.label = trimmedNumber(bar.length, locale) + " µm";
    return bar;
}

} // namespace lamina
