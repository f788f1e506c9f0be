#pragma once
// A tool that draws by dragging from one point to another (box, ellipse, ruler): it keeps the
// two ends while the button is down, repaints on every move, and on release hands both ends
// to commit() — unless the drag is shorter than 3 screen pixels (a stray click).
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <optional>

namespace lamina {

class DragTool : public AnnotationTool {
public:
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    void cancel() override { start_.reset(); }
    bool busy() const override { return start_.has_value(); }

protected:
    // Both ends in level-0 pixels.
    virtual void commit(ToolContext& context, QPointF from, QPointF to) = 0;
    const std::optional<QPointF>& start() const { return start_; }
    QPointF end() const { return end_; }

private:
    std::optional<QPointF> start_; // level-0 pixels, while dragging
    QPointF end_;
};

} // namespace lamina
