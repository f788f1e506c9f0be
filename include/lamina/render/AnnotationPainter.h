#pragma once
// Draws a document's annotations over a slide view: visible layers bottom to top, outlines
// in the annotation's (else its class's) colour at the layer's opacity, areas lightly
// filled, points as dots, selected annotations highlighted. Geometry is mapped from level-0
// pixels to device pixels with the Camera.
//
// Level of detail, so 100 000 shapes stay fluid: with an index only the annotations whose
// bounds meet the view are visited; shapes smaller than 3 device pixels are drawn as small
// squares, batched per colour, one per device pixel at most (drawn above the others);
// vertices closer than one device pixel to the previous one are skipped; with
// thousands of shapes on screen antialiasing is turned off.
//
// Rulers (lines) carry their current length beside their end point when a Scale is given: a
// length is measured at paint time, never stored in a name, so an edited ruler shows its new
// length on screen, in snapshots and in reports alike.
// Thread-safety: GUI thread (whoever owns the QPainter).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/Measurements.h>
#include <lamina/render/Camera.h>

#include <QColor>
#include <QPointF>
#include <QSizeF>
#include <QString>

#include <functional>
#include <optional>
#include <string>

class QPainter;

namespace lamina {

class AnnotationIndex;

// How AnnotationPainter::paint draws (declared outside the class: a nested type's default
// member initializers cannot serve a default argument of its enclosing class).
struct AnnotationPaintOptions {
    std::function<bool(const std::string& id)> isSelected{}; // highlighted shapes (none: empty)
    const AnnotationIndex* index = nullptr;                  // built from the painted document
    const Scale* lineLengths = nullptr; // the slide's scale: label lines with their lengths
    std::optional<QRgb> colour{};       // every shape in this colour (a result's outline colour)
    // A dark line under each outline, so a result's outlines read on white glass as on tissue.
    bool halo = false;
};

class AnnotationPainter {
public:
    using IsSelected = std::function<bool(const std::string& id)>;

    using Options = AnnotationPaintOptions;

    // `painter`'s transform maps device pixels of the viewport to the paint device.
    static void paint(QPainter& painter, const AnnotationDocument& document, const Camera& camera,
                      QSizeF viewport, const Options& options = {});

    // A measurement's text on a dark rounded badge just right of and above `at` (device
    // pixels): the ruler tool's live length and every ruler's label.
    static void drawMeasurementLabel(QPainter& painter, QPointF at, const QString& text);

    static QColor colourOf(const AnnotationDocument& document, const Annotation& annotation);
};

} // namespace lamina
