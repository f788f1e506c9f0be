#include "tools/PointTool.h"

#include "annotation/AnnotationSession.h"

namespace lamina {

void PointTool::press(ToolContext& context, QPointF slide, int clicks) {
    if (clicks > 1)
        return; // the second click of a double-click already placed its point
    AnnotationSession& session = context.session;
    const PointD point{slide.x(), slide.y()};
    // A click counts into the selected point set of the current class: one annotation, many
    // points. Shift+click starts a new set.
    if (!(context.modifiers & Qt::ShiftModifier) && session.selection().size() == 1) {
        const std::string& id = session.selectedId();
        const auto where = session.document().find(id);
        if (where && session.isEditable(id)) {
            const Annotation& selected =
                session.document().layers[where->layer].annotations[where->index];
            AnnotationGeometry g = selected.geometry;
            if ((g.kind == ShapeKind::Point || g.kind == ShapeKind::MultiPoint) &&
                selected.className == session.currentClass()) {
                g.kind = ShapeKind::MultiPoint;
                g.points.push_back(point);
                session.changeGeometry({{id, std::move(g)}}, QObject::tr("Add point"));
                context.update();
                return;
            }
        }
    }
    session.addDrawn({ShapeKind::Point, {point}, {}}); // selected: the next click adds to it
    context.update();
}

} // namespace lamina
