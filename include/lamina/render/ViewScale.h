#pragma once
// Scale for people: magnification, µm per screen pixel and scale bars.
// Magnification follows the pathologists' convention tied to the scanner's resolution:
// 40x = 0.25 µm per pixel. It is derived from the slide's MPP when known (most reliable), else
// from the objective power and the downsample; without either there is no magnification.
//
// Text for people ("2,5×", "200 µm", "0,50 µm/px") follows `locale`, by default QLocale(): the
// UI locale, which the app sets from the system or its Preferences. It never follows the C
// library's LC_NUMERIC. Files never use these functions (see core/NumberText.h).
// Thread-safety: pure functions (QLocale() reads the default set once at start-up).

#include <lamina/annotation/Measurements.h>
#include <lamina/slide/SlideSource.h>

#include <QLocale>
#include <QString>

#include <optional>
#include <string>

namespace lamina {

// The slide's scale for measurements: its µm per level-0 pixel, and whether the user entered it.
Scale scaleOf(const SlideMetadata& slide);

// µm covered by one device pixel at this downsample (level-0 pixels per device pixel).
std::optional<double> micronsPerScreenPixel(const SlideMetadata& slide, double downsample);
std::optional<double> magnificationAt(const SlideMetadata& slide, double downsample);
// The downsample that shows the slide at `magnification`.
std::optional<double> downsampleForMagnification(const SlideMetadata& slide, double magnification);
// The one rounding rule for magnifications shown anywhere (toolbar, dialogs, captions,
// reports): one decimal from 10× up, two below (20×, 12.3×, 2.5×, 0.63×).
double roundedMagnification(double magnification);
// "40×", "2.5×", "0.63×" (French: "2,5×")
std::string formatMagnification(double magnification, const QLocale& locale = QLocale());
// "0.50 µm/px" (one decimal from 10 up)
QString formatMicronsPerPixel(double micronsPerPixel, const QLocale& locale = QLocale());
// A length as rulers show it: "123 µm", "5.25 µm", "1.23 mm"; "456 px" without microns.
QString formatLength(double length, bool microns, const QLocale& locale = QLocale());

struct ScaleBar {
    double screenPixels = 0; // drawn length in device pixels
    double length = 0;       // in µm, or in level-0 pixels when the slide has no MPP
    std::string label;       // "200 µm", "1 mm", "500 px"
};

// The longest 1-2-5 x 10^n length that fits in maxScreenPixels. unitsPerScreenPixel is µm per
// device pixel (hasMicrons) or level-0 pixels per device pixel.
ScaleBar chooseScaleBar(double unitsPerScreenPixel, bool hasMicrons, double maxScreenPixels,
                        const QLocale& locale = QLocale());

} // namespace lamina
