#pragma once
// Counting as in QuPath: a click adds a point to the selected point set when it has the
// current class (one multipoint annotation, its count in the measurements); otherwise, or with
// Shift, it starts a new set, which becomes the selected one. Changing the class or pressing
// Escape (deselect) therefore starts the next set.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

namespace lamina {

class PointTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Point"); }
    QString toolTip() const override {
        return QObject::tr("Click to count into the selected point set (a new set when none "
                           "of this class is selected); Shift+click starts a new set");
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
