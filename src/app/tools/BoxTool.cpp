#include <lamina/app/annotation/AnnotationSession.h>
#include <lamina/app/tools/BoxTool.h>

#include <QPainter>

#include <cmath>

namespace lamina {

void BoxTool::press(ToolContext&, QPointF slide, int) {
    start_ = slide;
    end_ = slide;
}

void BoxTool::move(ToolContext& context, QPointF slide) {
    if (!start_)
        return;
    end_ = slide;
    context.update();
}

void BoxTool::release(ToolContext& context, QPointF slide) {
    if (!start_)
        return;
    end_ = slide;
    const QPointF a = *start_;
    start_.reset();
    // Smaller than 3 screen pixels: a stray click, not a shape.
    if (std::abs(end_.x() - a.x()) < 3 * context.downsample ||
        std::abs(end_.y() - a.y()) < 3 * context.downsample) {
        context.update();
        return;
    }
    Annotation annotation;
    annotation.id = Annotation::newId();
    annotation.geometry = {kind_,
                           {{std::min(a.x(), end_.x()), std::min(a.y(), end_.y())},
                            {std::max(a.x(), end_.x()), std::max(a.y(), end_.y())}},
                           {}};
    context.session.addAnnotation(std::move(annotation));
    context.update();
}

void BoxTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                           const Scale&) const {
    if (!start_)
        return;
    const QTransform toScreen = camera.slideToScreen(viewport);
    const QRectF box(*start_, end_);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(toScreen, true);
    QPen pen(QColor(255, 220, 0), 2, Qt::DashLine);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    if (kind_ == ShapeKind::Ellipse)
        painter.drawEllipse(box.normalized());
    else
        painter.drawRect(box.normalized());
    painter.restore();
}

} // namespace lamina
