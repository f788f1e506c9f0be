#pragma once
// Drag a box: the rectangle and ellipse tools differ only in the shape they commit and draw.
// Both are axis-aligned in level-0 pixels, whatever the view's rotation.
// Thread-safety: GUI thread only.

#include "tools/DragTool.h"

#include <lamina/annotation/AnnotationGeometry.h>

namespace lamina {

class BoxTool : public DragTool {
public:
    explicit BoxTool(ShapeKind kind) : kind_(kind) {}
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale& scale,
                      const AnnotationSession&) const override;

protected:
    void commit(ToolContext& context, QPointF from, QPointF to) override;

private:
    ShapeKind kind_;
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
