#include "tools/RulerTool.h"

#include "annotation/AnnotationSession.h"

#include <QPainter>

#include <cmath>

namespace lamina {

QString RulerTool::lengthText(QPointF a, QPointF b, const Scale& scale) {
    const AnnotationGeometry line{ShapeKind::Line, {{a.x(), a.y()}, {b.x(), b.y()}}, {}};
    const ShapeMeasurements m = measure(line, scale);
    if (!m.hasMicrons)
        return QObject::tr("%1 px").arg(m.length, 0, 'f', 0);
    if (m.length >= 1000)
        return QObject::tr("%1 mm").arg(m.length / 1000, 0, 'f', 2);
    return QObject::tr("%1 µm").arg(m.length, 0, 'f', m.length < 10 ? 2 : 1);
}

void RulerTool::commit(ToolContext& context, QPointF from, QPointF to) {
    Annotation annotation;
    annotation.id = Annotation::newId();
    annotation.geometry = {ShapeKind::Line, {{from.x(), from.y()}, {to.x(), to.y()}}, {}};
    annotation.name = lengthText(from, to, context.scale).toStdString();
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
    const QString text = lengthText(*start(), end(), scale);
    QFont font = painter.font();
    font.setBold(true);
    painter.setFont(font);
    const QRectF box = QFontMetricsF(font).boundingRect(text).adjusted(-6, -3, 6, 3);
    const QRectF placed = box.translated(b + QPointF(14, -10) - box.topLeft());
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(20, 22, 26, 200));
    painter.drawRoundedRect(placed, 5, 5);
    painter.setPen(Qt::white);
    painter.drawText(placed, Qt::AlignCenter, text);
    painter.restore();
}

} // namespace lamina
