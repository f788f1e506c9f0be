#pragma once
// A shape drawn by clicking its vertices: a polygon (closed) or a polyline (open). Finish by
// double-clicking or pressing Enter, or for a polygon by clicking its first vertex again.
// Backspace removes the last vertex, Esc abandons the shape.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <vector>

namespace lamina {

class ClickPathTool : public AnnotationTool {
public:
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext&, QPointF) override {}
    bool key(ToolContext& context, QKeyEvent* event) override;
    void cancel() override { vertices_.clear(); }
    bool busy() const override { return !vertices_.empty(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession&) const override;

protected:
    explicit ClickPathTool(bool closed) : closed_(closed) {}

private:
    void finish(ToolContext& context);

    bool closed_;
    std::vector<QPointF> vertices_; // level-0 pixels
    QPointF hover_;
};

} // namespace lamina
