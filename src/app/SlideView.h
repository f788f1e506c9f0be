#pragma once
// The widget that shows one slide: pan (drag, with gentle kinetic glide; arrow keys), zoom
// (wheel or pinch anchored under the cursor, double-click, +/-), magnification presets,
// fit, rotation, and the scale bar and magnification overlays; the slide's annotations on
// top, and the active drawing tool (which then owns the left button). Drawing is delegated to
// SlideViewRenderer; tiles arrive through the Workspace.
// Coordinates: the Camera works in level-0 pixels and DEVICE pixels; Qt events come in
// logical pixels and are multiplied by devicePixelRatioF().
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <lamina/annotation/Measurements.h>
#include <lamina/render/Camera.h>
#include <lamina/render/SlideViewRenderer.h>

#include <QElapsedTimer>
#include <QPointF>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

namespace lamina {

class AnnotationSession;
class Workspace;

class SlideView : public QWidget {
    Q_OBJECT
public:
    SlideView(std::shared_ptr<const SlideSource> slide, Workspace& workspace,
              QWidget* parent = nullptr);
    ~SlideView() override;

    const SlideSource& slide() const { return renderer_->slide(); }
    // Shared ownership, for work that may outlive a frame (exports on worker threads).
    const std::shared_ptr<const SlideSource>& slidePtr() const { return renderer_->slidePtr(); }
    // Shows another source of the same slide in place (another focal plane or optical path:
    // SlideSource::withPyramid): same level-0 geometry, so the camera and the annotations stay.
    void setSlide(std::shared_ptr<const SlideSource> slide);
    const Camera& camera() const { return camera_; }
    void setCamera(const Camera& camera);
    QSizeF viewportDevicePixels() const;

    // Zoom presets (1.25x ... 40x) and typed magnifications. Without MPP or objective power
    // the magnification is unknown: nothing moves and it returns false (the window says why
    // and offers View › Pixel Size…).
    bool setMagnification(double magnification);
    std::optional<double> magnification() const;
    // The slide's scale for measurements (µm per level-0 pixel, possibly user-entered).
    Scale scale() const;
    void fitToWindow();
    void zoomBy(double factor); // about the viewport centre
    void rotateBy(double degrees);
    void setRotation(double degrees);
    void centerOn(QPointF slidePoint);
    // Zooms and pans so the level-0 rectangle fills about 80 % of the view (an annotation
    // double-clicked in the list); a point or tiny shape is shown at 40x at most.
    void showSlideRect(QRectF slideRect);

    // The annotations shown and edited in this view (may be null). Shared: two views of one
    // slide edit the same annotations, and the last view to close saves them.
    // Forgets this slide's failed tiles so that they are read again (after a network outage).
    void retryFailedTiles();
    void setAnnotationSession(std::shared_ptr<AnnotationSession> session);
    AnnotationSession* annotationSession() const { return session_.get(); }
    // The drawing tool the left button uses; null = navigate (drag pans).
    void setTool(AnnotationTool* tool);
    // Edit › Delete: the tool may use it first (the vertex tool deletes the vertex under the
    // cursor); otherwise the selected annotations that are not locked go, in one undo step.
    void deleteSelection();
    AnnotationTool* tool() const { return tool_; }

    // True when every visible tile at the wanted level has arrived.
    bool isSharp() const;
    const ViewRenderStats& lastFrameStats() const { return lastStats_; }

signals:
    void cameraChanged();
    // The level-0 point under the mouse, or nothing when the mouse left the view.
    void cursorMoved(std::optional<QPointF> slidePoint);
    void frameRendered();
    // A short message for the status bar (e.g. why an edit did not happen).
    void statusMessage(const QString& text);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void showEvent(QShowEvent*) override;
    void hideEvent(QHideEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void leaveEvent(QEvent*) override;
    bool event(QEvent*) override; // pinch gestures

private:
    void cameraMoved();     // after any camera change: clamp, request tiles, repaint
    void userMovedCamera(); // the same, and stop fitting automatically
    void kineticStep();
    void drawOverlays(QPainter& painter);
    QPointF toDevice(QPointF logical) const { return logical * devicePixelRatioF(); }
    QPointF slidePointAt(QPointF logical) const; // level-0 pixels under a widget point
    ToolContext toolContext(Qt::KeyboardModifiers modifiers);

    Workspace& workspace_;
    std::shared_ptr<AnnotationSession> session_;
    AnnotationTool* tool_ = nullptr;
    std::unique_ptr<SlideViewRenderer> renderer_;
    Camera camera_;
    bool autoFit_ = true; // fit on resize until the user moves the view
    ViewRenderStats lastStats_;

    // Dragging and kinetic panning (device pixels, seconds).
    std::optional<QPointF> dragLast_;
    QElapsedTimer dragClock_;
    QPointF velocity_; // device pixels per second
    QTimer kinetic_;   // runs only while gliding
    QElapsedTimer kineticClock_;
    // Free rotation with the right mouse button.
    std::optional<double> rotateDragStartAngle_;
    double rotateDragStartRotation_ = 0;
};

} // namespace lamina
