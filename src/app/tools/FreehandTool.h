#pragma once
// Drag to outline a region by hand; on release the path closes into a polygon simplified at
// one screen pixel (Douglas-Peucker), so a slow hand does not leave thousands of vertices.
// Esc abandons it.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <vector>

namespace lamina {

class FreehandTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Free-hand"); }
    QString toolTip() const override {
        return QObject::tr("Drag around a region; release to close it");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_F); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    void cancel() override { path_.clear(); }
    bool busy() const override { return !path_.empty(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession&) const override;

private:
    std::vector<PointD> path_; // level-0 pixels
};

} // namespace lamina
