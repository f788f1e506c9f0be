#include <lamina/app/annotation/AnnotationSession.h>
#include <lamina/app/tools/PointTool.h>

namespace lamina {

void PointTool::press(ToolContext& context, QPointF slide, int clicks) {
    if (clicks > 1)
        return; // the second click of a double-click already placed its point
    Annotation annotation;
    annotation.id = Annotation::newId();
    annotation.geometry = {ShapeKind::Point, {{slide.x(), slide.y()}}, {}};
    context.session.addAnnotation(std::move(annotation));
    context.update();
}

} // namespace lamina
