#pragma once
// Where a view looks: the slide point at the viewport centre (LEVEL-0 pixels), the zoom as a
// downsample (level-0 pixels per DEVICE pixel of the screen), and a clockwise rotation.
// Screen coordinates are device pixels with the origin at the viewport's top-left.
// Thread-safety: value type.

#include <lamina/core/Geometry.h>

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QTransform>

namespace lamina {

struct Camera {
    PointD center;         // level-0 pixels
    double downsample = 1; // level-0 pixels per device pixel
    double rotation = 0;   // degrees, clockwise on screen

    // level-0 -> device pixels for a viewport of the given size.
    QTransform slideToScreen(QSizeF viewport) const;
    QPointF toScreen(QPointF slidePoint, QSizeF viewport) const;
    QPointF toSlide(QPointF screenPoint, QSizeF viewport) const;
    // The level-0 bounding box of everything visible (larger than the view when rotated).
    QRectF visibleSlideRect(QSizeF viewport) const;

    // Zooms by `factor` (> 1 zooms in) keeping the slide point under `screenAnchor` fixed.
    void zoomAround(double factor, QPointF screenAnchor, QSizeF viewport);
    // Moves the view by a screen-space offset (device pixels), e.g. a mouse drag.
    void panByScreen(QPointF screenDelta);
    // Fits a whole slide of the given level-0 size in the viewport (rotation kept).
    void fit(Size slide, QSizeF viewport);
};

} // namespace lamina
