#include "tools/FreehandTool.h"

#include "annotation/AnnotationSession.h"

#include <lamina/annotation/GeometryEditing.h>

#include <QPainter>

#include <cmath>

namespace lamina {

void FreehandTool::press(ToolContext&, QPointF slide, int) {
    path_ = {{slide.x(), slide.y()}};
}

void FreehandTool::move(ToolContext& context, QPointF slide) {
    if (path_.empty())
        return;
    const PointD& last = path_.back();
    // Samples closer than half a screen pixel add nothing the simplification would keep.
    if (std::hypot(slide.x() - last.x, slide.y() - last.y) < 0.5 * context.downsample)
        return;
    path_.push_back({slide.x(), slide.y()});
    context.update();
}

void FreehandTool::release(ToolContext& context, QPointF slide) {
    if (path_.empty())
        return;
    path_.push_back({slide.x(), slide.y()});
    std::vector<PointD> ring = simplifiedPath(path_, 1.0 * context.downsample);
    path_.clear();
    if (ring.size() > 3 && ring.front() == ring.back())
        ring.pop_back();
    AnnotationGeometry geometry{ShapeKind::Polygon, std::move(ring), {}};
    if (geometry.isValid() && measure(geometry, {}).area > 0)
        context.session.addDrawn(std::move(geometry));
    context.update();
}

void FreehandTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                                const Scale&, const AnnotationSession&) const {
    if (path_.empty())
        return;
    QPolygonF line;
    for (const PointD& p : path_)
        line << QPointF(p.x, p.y);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(camera.slideToScreen(viewport), true);
    painter.setPen(previewPen());
    painter.drawPolyline(line);
    painter.restore();
}

} // namespace lamina
