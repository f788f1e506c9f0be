#include "tools/BoxTool.h"

#include "annotation/AnnotationSession.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lamina {

void BoxTool::commit(ToolContext& context, QPointF from, QPointF to) {
    // A box needs some height and width (3 screen pixels each), not just length.
    if (std::abs(to.x() - from.x()) < 3 * context.downsample ||
        std::abs(to.y() - from.y()) < 3 * context.downsample)
        return;
    context.session.addDrawn({kind_,
                              {{std::min(from.x(), to.x()), std::min(from.y(), to.y())},
                               {std::max(from.x(), to.x()), std::max(from.y(), to.y())}},
                              {}});
}

void BoxTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale&,
                           const AnnotationSession&) const {
    if (!start())
        return;
    const QTransform toScreen = camera.slideToScreen(viewport);
    const QRectF box(*start(), end());
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setTransform(toScreen, true);
    painter.setPen(previewPen());
    painter.setBrush(Qt::NoBrush);
    if (kind_ == ShapeKind::Ellipse)
        painter.drawEllipse(box.normalized());
    else
        painter.drawRect(box.normalized());
    painter.restore();
}

} // namespace lamina
