#pragma once
// Draws a document's annotations over a slide view: visible layers bottom to top, outlines
// in the annotation's (else its class's) colour at the layer's opacity, areas lightly
// filled, points as dots, the selected annotation highlighted. Geometry is mapped from
// level-0 pixels to device pixels with the Camera; annotations whose bounds miss the view are
// skipped before any path is built.
// Thread-safety: GUI thread (whoever owns the QPainter).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/render/Camera.h>

#include <QColor>
#include <QSizeF>

#include <string>

class QPainter;

namespace lamina {

class AnnotationPainter {
public:
    // `painter`'s transform maps device pixels of the viewport to the paint device.
    static void paint(QPainter& painter, const AnnotationDocument& document, const Camera& camera,
                      QSizeF viewport, const std::string& selectedId = {});

    static QColor colourOf(const AnnotationDocument& document, const Annotation& annotation);
};

} // namespace lamina
