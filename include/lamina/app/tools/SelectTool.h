#pragma once
// Click an annotation to select it (the topmost under the cursor, within 6 screen pixels);
// Delete or Backspace removes it (undoable) unless it is locked; Esc deselects.
// Thread-safety: GUI thread only.

#include <lamina/app/tools/AnnotationTool.h>

namespace lamina {

class SelectTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Select"); }
    QString toolTip() const override {
        return QObject::tr("Click an annotation to select it; Delete removes it");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_S); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext&, QPointF) override {}
    void release(ToolContext&, QPointF) override {}
    bool key(ToolContext& context, QKeyEvent* event) override;
    void cancel() override {}
    bool busy() const override { return false; }
    void paintPreview(QPainter&, const Camera&, QSizeF, const Scale&) const override {}
};

} // namespace lamina
