#pragma once
// Edit the vertices of the selected annotation: drag a vertex (a box corner for rectangles
// and ellipses) to move it, double-click an edge to insert a vertex there, Alt+click a vertex
// or hover it and press Delete to remove it. Clicking elsewhere selects what is under the
// cursor. A drag is one undo step; locked annotations and layers show their vertices but do
// not change.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <lamina/annotation/AnnotationGeometry.h>

#include <optional>
#include <string>

namespace lamina {

class VertexTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Edit Vertices"); }
    QString toolTip() const override {
        return QObject::tr("Drag a vertex to move it; double-click an edge to add one; "
                           "Alt+click or Delete removes the one under the cursor");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_N); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    bool key(ToolContext& context, QKeyEvent* event) override;
    void cancel() override { drag_.reset(); }
    bool busy() const override { return drag_.has_value(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession& session) const override;

private:
    // The handle of the selected annotation within 6 screen pixels of `slide`.
    std::optional<size_t> handleAt(const ToolContext& context, QPointF slide) const;

    struct Drag {
        std::string id;
        AnnotationGeometry original;
        size_t handle = 0;
        int serial = 0;
    };
    std::optional<Drag> drag_;
    std::optional<size_t> hovered_;
};

} // namespace lamina
