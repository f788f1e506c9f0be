#include "tools/SelectTool.h"

#include "annotation/AnnotationSession.h"

#include <lamina/annotation/GeometryEditing.h>
#include <lamina/annotation/HitTesting.h>

#include <QKeyEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lamina {

void SelectTool::press(ToolContext& context, QPointF slide, int) {
    AnnotationSession& session = context.session;
    const auto hit = annotationAt(session.document(), session.index(), {slide.x(), slide.y()},
                                  6 * context.downsample);
    const bool shift = context.modifiers & Qt::ShiftModifier;
    if (!hit) {
        band_ = Band{slide, slide, shift};
        if (!shift)
            session.select({});
        return;
    }
    if (shift) { // toggle membership, no move
        auto selection = session.selection();
        if (session.isSelected(*hit))
            std::erase(selection, *hit);
        else
            selection.push_back(*hit);
        session.setSelection(std::move(selection));
        return;
    }
    if (!session.isSelected(*hit))
        session.select(*hit);
    // A drag from here moves every selected annotation that may be edited.
    Move m{slide, {}, nextDragSerial(), false};
    for (const std::string& id : session.selection())
        if (session.isEditable(id)) {
            const auto where = session.document().find(id);
            m.originals.emplace_back(
                id, session.document().layers[where->layer].annotations[where->index].geometry);
        }
    if (!m.originals.empty())
        moving_ = std::move(m);
}

void SelectTool::move(ToolContext& context, QPointF slide) {
    if (band_) {
        band_->to = slide;
        context.update();
        return;
    }
    if (!moving_)
        return;
    const double dx = slide.x() - moving_->from.x(), dy = slide.y() - moving_->from.y();
    if (!moving_->started && std::max(std::abs(dx), std::abs(dy)) < 3 * context.downsample)
        return; // a click, not a drag
    moving_->started = true;
    movedIn_ = &context.session;
    std::vector<std::pair<std::string, AnnotationGeometry>> changes;
    for (const auto& [id, geometry] : moving_->originals)
        changes.emplace_back(id, translated(geometry, dx, dy));
    context.session.changeGeometry(
        std::move(changes),
        QObject::tr("Move %n annotation(s)", nullptr, int(moving_->originals.size())),
        moving_->serial);
}

void SelectTool::release(ToolContext& context, QPointF slide) {
    moving_.reset();
    if (!band_)
        return;
    band_->to = slide;
    const QRectF box = QRectF(band_->from, band_->to).normalized();
    AnnotationSession& session = context.session;
    std::vector<std::string> selection;
    if (band_->adding)
        selection = session.selection();
    if (box.width() >= 3 * context.downsample || box.height() >= 3 * context.downsample)
        for (const auto& where :
             session.index().inside({box.left(), box.top(), box.right(), box.bottom()}))
            if (session.document().layers[where.layer].visible)
                selection.push_back(
                    session.document().layers[where.layer].annotations[where.index].id);
    band_.reset();
    session.setSelection(std::move(selection));
    context.update();
}

void SelectTool::cancel() {
    band_.reset();
    if (moving_ && moving_->started && movedIn_)
        movedIn_->undoStack().undo(); // the merged move command: back to where it started
    moving_.reset();
    movedIn_ = nullptr;
}

bool SelectTool::key(ToolContext& context, QKeyEvent* event) {
    AnnotationSession& session = context.session;
    if (event->matches(QKeySequence::SelectAll)) {
        session.selectAllVisible();
        return true;
    }
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (session.selection().empty())
            return false;
        session.removeAnnotations(session.selection());
        return true;
    case Qt::Key_Escape:
        if (busy()) {
            cancel();
            context.update();
        } else {
            session.select({});
        }
        return true;
    default:
        return false;
    }
}

void SelectTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                              const Scale&, const AnnotationSession&) const {
    if (!band_)
        return;
    painter.save();
    painter.setTransform(camera.slideToScreen(viewport), true);
    QPen pen(QColor(255, 255, 255), 1, Qt::DashLine);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.setBrush(QColor(255, 255, 255, 30));
    painter.drawRect(QRectF(band_->from, band_->to).normalized());
    painter.restore();
}

} // namespace lamina
