#include "tools/VertexTool.h"

#include "annotation/AnnotationSession.h"

#include <lamina/annotation/GeometryEditing.h>
#include <lamina/annotation/HitTesting.h>

#include <QKeyEvent>
#include <QPainter>

#include <cmath>

namespace lamina {
namespace {

constexpr double kGrab = 6; // screen pixels

const Annotation* selectedAnnotation(const AnnotationSession& session) {
    const auto where = session.document().find(session.selectedId());
    return where ? &session.document().layers[where->layer].annotations[where->index] : nullptr;
}

} // namespace

std::optional<size_t> VertexTool::handleAt(const ToolContext& context, QPointF slide) const {
    const Annotation* a = selectedAnnotation(context.session);
    if (!a)
        return std::nullopt;
    const auto handles = vertexHandles(a->geometry);
    std::optional<size_t> best;
    double bestDistance = kGrab * context.downsample;
    for (size_t i = 0; i < handles.size(); ++i) {
        const double d = std::hypot(handles[i].x - slide.x(), handles[i].y - slide.y());
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

void VertexTool::press(ToolContext& context, QPointF slide, int clicks) {
    AnnotationSession& session = context.session;
    const Annotation* selected = selectedAnnotation(session);
    const bool editable = selected && session.isEditable(selected->id);
    const auto handle = handleAt(context, slide);
    if (editable && handle && (context.modifiers & Qt::AltModifier)) {
        if (auto fewer = withVertexRemoved(selected->geometry, *handle))
            session.changeGeometry({{selected->id, std::move(*fewer)}},
                                   QObject::tr("Delete vertex"));
        hovered_.reset();
        return;
    }
    if (editable && handle) {
        drag_ = Drag{selected->id, selected->geometry, *handle, nextDragSerial()};
        return;
    }
    if (editable && clicks > 1) {
        if (auto inserted = withVertexInserted(selected->geometry, {slide.x(), slide.y()},
                                               kGrab * context.downsample)) {
            const int serial = nextDragSerial();
            session.changeGeometry({{selected->id, inserted->geometry}},
                                   QObject::tr("Insert vertex"), serial);
            // Keep the button down to place it: the drag merges into the same undo step.
            drag_ = Drag{selected->id, inserted->geometry, inserted->handle, serial};
            return;
        }
    }
    const auto hit = annotationAt(session.document(), session.index(), {slide.x(), slide.y()},
                                  kGrab * context.downsample);
    session.select(hit.value_or(std::string()));
}

void VertexTool::move(ToolContext& context, QPointF slide) {
    if (!drag_) {
        const auto handle = handleAt(context, slide);
        if (handle != hovered_) {
            hovered_ = handle;
            context.update();
        }
        return;
    }
    context.session.changeGeometry(
        {{drag_->id, withHandleMoved(drag_->original, drag_->handle, {slide.x(), slide.y()})}},
        QObject::tr("Move vertex"), drag_->serial);
}

void VertexTool::release(ToolContext&, QPointF) {
    drag_.reset();
}

bool VertexTool::key(ToolContext& context, QKeyEvent* event) {
    AnnotationSession& session = context.session;
    const Annotation* selected = selectedAnnotation(session);
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && hovered_ &&
        selected && !drag_) {
        if (session.isEditable(selected->id))
            if (auto fewer = withVertexRemoved(selected->geometry, *hovered_))
                session.changeGeometry({{selected->id, std::move(*fewer)}},
                                       QObject::tr("Delete vertex"));
        hovered_.reset();
        return true; // never delete the whole annotation from the vertex tool
    }
    if (event->key() == Qt::Key_Escape && drag_) {
        session.changeGeometry({{drag_->id, drag_->original}}, QObject::tr("Move vertex"),
                               drag_->serial); // merges: the drag undoes to nothing visible
        drag_.reset();
        return true;
    }
    return AnnotationTool::key(context, event);
}

void VertexTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                              const Scale&, const AnnotationSession& session) const {
    const Annotation* a = selectedAnnotation(session);
    if (!a)
        return;
    const QTransform toScreen = camera.slideToScreen(viewport);
    const bool editable = session.isEditable(a->id);
    const auto handles = vertexHandles(a->geometry);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setPen(QPen(QColor(20, 20, 20), 1));
    for (size_t i = 0; i < handles.size(); ++i) {
        const QPointF p = toScreen.map(QPointF(handles[i].x, handles[i].y));
        const bool hot = (hovered_ && *hovered_ == i) || (drag_ && drag_->handle == i);
        const double half = hot ? 5 : 3.5;
        painter.setBrush(!editable ? QColor(150, 150, 150)
                         : hot     ? QColor(255, 220, 0)
                                   : QColor(255, 255, 255));
        painter.drawRect(QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half));
    }
    painter.restore();
}

} // namespace lamina
