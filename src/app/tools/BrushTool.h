#pragma once
// Paint with a round brush. The brush adds what it covers to the selected area annotation
// (a new polygon when none is selected); the eraser (a BrushTool in Erase mode) cuts it from
// the selected area, or from every editable area it crosses when nothing is selected. The
// stroke is applied on release, as one undo step; a cut that splits a region keeps the
// largest part and adds the others as copies, a cut that removes it all deletes it.
// Brush size is in screen pixels ([ and ] change it), so it feels the same at any zoom.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <vector>

namespace lamina {

class BrushTool : public AnnotationTool {
public:
    enum class Mode { Paint, Erase };
    explicit BrushTool(Mode mode = Mode::Paint) : mode_(mode) {}

    QString name() const override;
    QString toolTip() const override;
    QKeySequence shortcut() const override;
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    bool key(ToolContext& context, QKeyEvent* event) override;
    void cancel() override { path_.clear(); }
    bool busy() const override { return !path_.empty(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession&) const override;

    double diameter() const { return diameter_; } // screen pixels

private:
    void apply(ToolContext& context);

    Mode mode_;
    double diameter_ = 24;     // screen pixels
    std::vector<PointD> path_; // level-0 pixels
    double strokeDownsample_ = 1;
    QPointF cursor_; // level-0 pixels, for the brush outline
};

} // namespace lamina
