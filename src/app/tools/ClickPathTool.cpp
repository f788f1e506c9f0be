#include "tools/ClickPathTool.h"

#include "annotation/AnnotationSession.h"

#include <QKeyEvent>
#include <QPainter>

#include <cmath>

namespace lamina {

void ClickPathTool::press(ToolContext& context, QPointF slide, int clicks) {
    if (clicks > 1) { // double-click: its first click added the last vertex
        finish(context);
        return;
    }
    // Clicking within 8 screen pixels of the first vertex closes a polygon.
    if (closed_ && vertices_.size() >= 3 &&
        std::hypot(slide.x() - vertices_.front().x(), slide.y() - vertices_.front().y()) <
            8 * context.downsample) {
        finish(context);
        return;
    }
    vertices_.push_back(slide);
    hover_ = slide;
    context.update();
}

void ClickPathTool::move(ToolContext& context, QPointF slide) {
    hover_ = slide;
    if (busy())
        context.update();
}

bool ClickPathTool::key(ToolContext& context, QKeyEvent* event) {
    if (!busy())
        return false;
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        finish(context);
        return true;
    case Qt::Key_Backspace:
        vertices_.pop_back();
        context.update();
        return true;
    default:
        return AnnotationTool::key(context, event);
    }
}

void ClickPathTool::finish(ToolContext& context) {
    if (vertices_.size() >= (closed_ ? 3u : 2u)) {
        AnnotationGeometry geometry;
        geometry.kind = closed_ ? ShapeKind::Polygon : ShapeKind::Polyline;
        for (const QPointF& v : vertices_)
            geometry.points.push_back({v.x(), v.y()});
        context.session.addDrawn(std::move(geometry));
    }
    vertices_.clear();
    context.update();
}

void ClickPathTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                                 const Scale&, const AnnotationSession&) const {
    if (vertices_.empty())
        return;
    QPolygonF path;
    for (const QPointF& v : vertices_)
        path << v;
    path << hover_;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(camera.slideToScreen(viewport), true);
    painter.setPen(previewPen());
    painter.drawPolyline(path);
    painter.restore();
}

} // namespace lamina
