#pragma once
// One drawing tool (as Tiled's AbstractTool): it receives the view's mouse and key events in
// level-0 pixel coordinates, shows its shape in progress, and commits the finished
// annotation through the session's undo stack. Tools are created in one place
// (ToolRegistry). Esc cancels the shape in progress.
// Thread-safety: GUI thread only.

#include <lamina/annotation/Measurements.h>
#include <lamina/render/Camera.h>

#include <QKeySequence>
#include <QObject>
#include <QPen>
#include <QPointF>
#include <QString>

#include <functional>

class QPainter;
class QKeyEvent;

namespace lamina {

class AnnotationSession;

// What a tool may touch while handling an event.
struct ToolContext {
    AnnotationSession& session;
    Scale scale;                  // the slide's µm per pixel, for live measurements
    double downsample = 1;        // level-0 pixels per device pixel (tolerances on screen)
    std::function<void()> update; // repaint the view
    Qt::KeyboardModifiers modifiers = Qt::NoModifier; // held during this event
};

class AnnotationTool {
public:
    virtual ~AnnotationTool() = default;
    virtual QString name() const = 0;
    virtual QString toolTip() const = 0;
    virtual QKeySequence shortcut() const = 0;

    // Left button, level-0 pixels. `clicks` is 2 for a double-click.
    virtual void press(ToolContext& context, QPointF slide, int clicks) = 0;
    virtual void move(ToolContext& context, QPointF slide) = 0;
    virtual void release(ToolContext& context, QPointF slide) = 0;
    // Returns true when the key was used (Enter to finish, Backspace to undo a vertex...).
    virtual bool key(ToolContext& context, QKeyEvent* event);
    virtual void cancel() = 0;
    virtual bool busy() const = 0; // a shape is in progress

    // The shape in progress, in device pixels of the viewport.
    virtual void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                              const Scale& scale, const AnnotationSession& session) const = 0;

    // A new id for the commands of one mouse drag, so they merge into one undo step.
    static int nextDragSerial();

    // The dashed yellow pen shapes in progress are drawn with (cosmetic: device pixels).
    static QPen previewPen();
};

} // namespace lamina
