#pragma once
// Select and move. Click an annotation to select it (the topmost under the cursor, within 6
// screen pixels); Shift+click adds or removes it; drag on empty space draws a rubber band
// that selects every annotation lying wholly inside it (Shift adds to the selection). Dragging
// a selected annotation moves the whole selection (locked ones stay), as one undo step.
// Delete or Backspace removes the selection (except locked ones), Ctrl+A selects all, Esc
// cancels a move in progress or deselects.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <lamina/annotation/AnnotationGeometry.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lamina {

class SelectTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Select"); }
    QString toolTip() const override {
        return QObject::tr("Click or drag a box to select (Shift adds); drag a selection to "
                           "move it; Delete removes it");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_S); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    bool key(ToolContext& context, QKeyEvent* event) override;
    void cancel() override;
    bool busy() const override { return band_.has_value() || moving_.has_value(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession& session) const override;

private:
    struct Move {
        QPointF from; // level-0 pixels where the drag started
        std::vector<std::pair<std::string, AnnotationGeometry>> originals;
        int serial = 0;
        bool started = false; // past the 3-pixel threshold: commands pushed
    };
    struct Band {
        QPointF from, to; // level-0 pixels
        bool adding = false;
    };
    std::optional<Move> moving_;
    std::optional<Band> band_;
    AnnotationSession* movedIn_ = nullptr; // to undo a cancelled move
};

} // namespace lamina
