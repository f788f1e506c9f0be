#include "tools/PointTool.h"

#include "annotation/AnnotationSession.h"

namespace lamina {

void PointTool::press(ToolContext& context, QPointF slide, int clicks) {
    if (clicks > 1)
        return; // the second click of a double-click already placed its point
    AnnotationSession& session = context.session;
    const PointD point{slide.x(), slide.y()};
    // Shift+click counts into the selected point set: one annotation, many points.
    if (context.modifiers & Qt::ShiftModifier) {
        const std::string& id = session.selectedId();
        const auto where = session.document().find(id);
        if (where && session.isEditable(id)) {
            AnnotationGeometry g =
                session.document().layers[where->layer].annotations[where->index].geometry;
            if (g.kind == ShapeKind::Point || g.kind == ShapeKind::MultiPoint) {
                g.kind = ShapeKind::MultiPoint;
                g.points.push_back(point);
                session.changeGeometry({{id, std::move(g)}}, QObject::tr("Add point"));
                context.update();
                return;
            }
        }
    }
    session.addDrawn({ShapeKind::Point, {point}, {}}); // selected: Shift+click adds to it
    context.update();
}

} // namespace lamina
