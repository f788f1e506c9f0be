#pragma once
// Click vertices; close by clicking the first vertex again, double-clicking, or Enter.
// Backspace removes the last vertex, Esc abandons the polygon.
// Thread-safety: GUI thread only.

#include <lamina/app/tools/AnnotationTool.h>

#include <vector>

namespace lamina {

class PolygonTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Polygon"); }
    QString toolTip() const override {
        return QObject::tr("Click vertices; click the first one, double-click or press Enter "
                           "to close");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_P); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext&, QPointF) override {}
    bool key(ToolContext& context, QKeyEvent* event) override;
    void cancel() override { vertices_.clear(); }
    bool busy() const override { return !vertices_.empty(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                      const Scale& scale) const override;

private:
    void finish(ToolContext& context);

    std::vector<QPointF> vertices_; // level-0 pixels
    QPointF hover_;
};

} // namespace lamina
