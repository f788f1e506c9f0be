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
// Thread-safety: GUI thread (whoever owns the QPainter).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/render/Camera.h>

#include <QColor>
#include <QSizeF>

#include <functional>
#include <string>

class QPainter;

namespace lamina {

class AnnotationIndex;

class AnnotationPainter {
public:
    using IsSelected = std::function<bool(const std::string& id)>;

    // `painter`'s transform maps device pixels of the viewport to the paint device. `index`
    // (optional) must have been built from `document`.
    static void paint(QPainter& painter, const AnnotationDocument& document, const Camera& camera,
                      QSizeF viewport, const IsSelected& isSelected = {},
                      const AnnotationIndex* index = nullptr);

    static QColor colourOf(const AnnotationDocument& document, const Annotation& annotation);
};

} // namespace lamina
