#pragma once
// Scale for people: magnification, µm per screen pixel and scale bars.
// Magnification follows the pathologists' convention tied to the scanner's resolution:
// 40x = 0.25 µm per pixel. It is derived from the slide's MPP when known (most reliable), else
// from the objective power and the downsample; without either there is no magnification.
// Thread-safety: pure functions.

#include <lamina/slide/SlideSource.h>

#include <optional>
#include <string>

namespace lamina {

// µm covered by one device pixel at this downsample (level-0 pixels per device pixel).
std::optional<double> micronsPerScreenPixel(const SlideMetadata& slide, double downsample);
std::optional<double> magnificationAt(const SlideMetadata& slide, double downsample);
// The downsample that shows the slide at `magnification`.
std::optional<double> downsampleForMagnification(const SlideMetadata& slide, double magnification);
// "40×", "2.5×", "0.63×"
std::string formatMagnification(double magnification);

struct ScaleBar {
    double screenPixels = 0; // drawn length in device pixels
    double length = 0;       // in µm, or in level-0 pixels when the slide has no MPP
    std::string label;       // "200 µm", "1 mm", "500 px"
};

// The longest 1-2-5 x 10^n length that fits in maxScreenPixels. unitsPerScreenPixel is µm per
// device pixel (hasMicrons) or level-0 pixels per device pixel.
ScaleBar chooseScaleBar(double unitsPerScreenPixel, bool hasMicrons, double maxScreenPixels);

} // namespace lamina
