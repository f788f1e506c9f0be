#include <lamina/annotation/HitTesting.h>
#include <lamina/app/annotation/AnnotationSession.h>
#include <lamina/app/tools/SelectTool.h>

#include <QKeyEvent>

namespace lamina {

void SelectTool::press(ToolContext& context, QPointF slide, int) {
    const auto hit =
        annotationAt(context.session.document(), {slide.x(), slide.y()}, 6 * context.downsample);
    context.session.select(hit.value_or(std::string()));
}

bool SelectTool::key(ToolContext& context, QKeyEvent* event) {
    const std::string id = context.session.selectedId();
    if (id.empty())
        return false;
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (const auto where = context.session.document().find(id)) {
            const auto& layer = context.session.document().layers[where->layer];
            if (!layer.locked && !layer.annotations[where->index].locked)
                context.session.removeAnnotation(id);
        }
        return true;
    case Qt::Key_Escape:
        context.session.select({});
        return true;
    default:
        return false;
    }
}

} // namespace lamina
