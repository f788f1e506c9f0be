#pragma once
// Overview dock: a thumbnail of the whole slide with the current viewport outlined (rotated
// like the view). Click or drag to move the view there.
// Thread-safety: GUI thread only.

#include <QImage>
#include <QPolygonF>
#include <QWidget>

namespace lamina {

class SlideView;

class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(QWidget* parent = nullptr);

    // The view to follow (nullptr: nothing open).
    void setView(SlideView* view);
    QSize sizeHint() const override { return {260, 220}; }

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;

private:
    QRectF imageRect() const; // where the thumbnail is drawn, in widget pixels
    void navigateTo(QPointF widgetPoint);

    SlideView* view_ = nullptr;
    QImage thumbnail_;
    QMetaObject::Connection cameraConnection_, destroyedConnection_;
};

} // namespace lamina
