#include <lamina/render/Camera.h>

#include <algorithm>
#include <cmath>

namespace lamina {

QTransform Camera::slideToScreen(QSizeF viewport) const {
    // Applied to a point in reverse order: centre on the camera, scale, rotate, move to the
    // viewport centre.
    QTransform t;
    t.translate(viewport.width() / 2, viewport.height() / 2);
    t.rotate(rotation);
    t.scale(1.0 / downsample, 1.0 / downsample);
    t.translate(-center.x, -center.y);
    return t;
}

QPointF Camera::toScreen(QPointF slidePoint, QSizeF viewport) const {
    return slideToScreen(viewport).map(slidePoint);
}

QPointF Camera::toSlide(QPointF screenPoint, QSizeF viewport) const {
    return slideToScreen(viewport).inverted().map(screenPoint);
}

QRectF Camera::visibleSlideRect(QSizeF viewport) const {
    return slideToScreen(viewport).inverted().mapRect(QRectF(QPointF(0, 0), viewport));
}

void Camera::zoomAround(double factor, QPointF screenAnchor, QSizeF viewport) {
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const QPointF anchored = toSlide(screenAnchor, viewport);
    downsample /= factor;
    // Move the centre so the anchored slide point is back under the anchor.
    const QPointF drifted = toSlide(screenAnchor, viewport);
    center.x += anchored.x() - drifted.x();
    center.y += anchored.y() - drifted.y();
}

void Camera::panByScreen(QPointF screenDelta) {
    // A drag moves the slide with the hand: the centre moves the opposite way.
    QTransform rotate;
    rotate.rotate(-rotation);
    const QPointF slideDelta = rotate.map(screenDelta) * downsample;
    center.x -= slideDelta.x();
    center.y -= slideDelta.y();
}

void Camera::fit(Size slide, QSizeF viewport) {
    center = {slide.width / 2.0, slide.height / 2.0};
    const double radians = rotation * M_PI / 180.0;
    const double c = std::abs(std::cos(radians)), s = std::abs(std::sin(radians));
    // The rotated slide's bounding box on screen must fit the viewport.
    const double w = slide.width * c + slide.height * s;
    const double h = slide.width * s + slide.height * c;
    downsample =
        std::max(w / std::max(1.0, viewport.width()), h / std::max(1.0, viewport.height()));
    downsample = std::max(downsample, 1e-3);
}

} // namespace lamina
