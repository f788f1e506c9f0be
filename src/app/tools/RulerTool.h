#pragma once
// Drag to measure: the live length (µm from the slide's MPP, else pixels) follows the cursor,
// and the line is kept as an annotation on release.
// Thread-safety: GUI thread only.

#include "tools/DragTool.h"

namespace lamina {

class RulerTool : public DragTool {
public:
    QString name() const override { return QObject::tr("Ruler"); }
    QString toolTip() const override { return QObject::tr("Drag to measure a length"); }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_L); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession&) const override;

    // "123 µm", "1.23 mm" or "456 px".
    static QString lengthText(QPointF a, QPointF b, const Scale& scale);

protected:
    void commit(ToolContext& context, QPointF from, QPointF to) override;
};

} // namespace lamina
