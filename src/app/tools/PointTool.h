#pragma once
// Click to place a point; Shift+click adds a point to the selected point set (cell counting:
// one multipoint annotation, its count in the measurements).
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

namespace lamina {

class PointTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Point"); }
    QString toolTip() const override {
        return QObject::tr("Click to place a point; Shift+click adds to the selected "
                           "point set (counting)");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_Period); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext&, QPointF) override {}
    void release(ToolContext&, QPointF) override {}
    void cancel() override {}
    bool busy() const override { return false; }
    void paintPreview(QPainter&, const Camera&, QSizeF, const Scale&,
                      const AnnotationSession&) const override {}
};

} // namespace lamina
