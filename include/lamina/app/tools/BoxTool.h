#pragma once
// Drag a box: the rectangle and ellipse tools differ only in the shape they commit and draw.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationGeometry.h>
#include <lamina/app/tools/AnnotationTool.h>

#include <optional>

namespace lamina {

class BoxTool : public AnnotationTool {
public:
    explicit BoxTool(ShapeKind kind) : kind_(kind) {}
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    void cancel() override { start_.reset(); }
    bool busy() const override { return start_.has_value(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                      const Scale& scale) const override;

private:
    ShapeKind kind_;
    std::optional<QPointF> start_; // level-0 pixels
    QPointF end_;
};

class RectangleTool : public BoxTool {
public:
    RectangleTool() : BoxTool(ShapeKind::Rectangle) {}
    QString name() const override { return QObject::tr("Rectangle"); }
    QString toolTip() const override { return QObject::tr("Drag to draw a rectangle"); }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_B); }
};

class EllipseTool : public BoxTool {
public:
    EllipseTool() : BoxTool(ShapeKind::Ellipse) {}
    QString name() const override { return QObject::tr("Ellipse"); }
    QString toolTip() const override { return QObject::tr("Drag to draw an ellipse"); }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_E); }
};

} // namespace lamina
