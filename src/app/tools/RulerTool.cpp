#include "tools/RulerTool.h"

#include "annotation/AnnotationSession.h"

#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/ViewScale.h>

#include <QPainter>

#include <cmath>

namespace lamina {

QString RulerTool::lengthText(QPointF a, QPointF b, const Scale& scale) {
    const AnnotationGeometry line{ShapeKind::Line, {{a.x(), a.y()}, {b.x(), b.y()}}, {}};
    const ShapeMeasurements m = measure(line, scale);
    return formatLength(m.length, m.hasMicrons);
}

void RulerTool::commit(ToolContext& context, QPointF from, QPointF to) {
    // No name: the length is measured wherever it is shown (the canvas, the measurements
    // table, reports), so it follows every later edit of the ruler.
    Annotation annotation;
    annotation.id = Annotation::newId();
    annotation.geometry = {ShapeKind::Line, {{from.x(), from.y()}, {to.x(), to.y()}}, {}};
    context.session.addAnnotation(std::move(annotation));
}

void RulerTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                             const Scale& scale, const AnnotationSession&) const {
    if (!start())
        return;
    const QPointF a = camera.toScreen(*start(), viewport), b = camera.toScreen(end(), viewport);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPen pen(QColor(255, 220, 0), 2);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.drawLine(a, b);
    painter.restore();
    AnnotationPainter::drawMeasurementLabel(painter, b, lengthText(*start(), end(), scale));
}

} // namespace lamina
