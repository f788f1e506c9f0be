#include "tools/BrushTool.h"

#include "annotation/AnnotationSession.h"

#include <lamina/annotation/GeometryEditing.h>

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace lamina {

QString BrushTool::name() const {
    return mode_ == Mode::Paint ? QObject::tr("Brush") : QObject::tr("Eraser");
}

QString BrushTool::toolTip() const {
    return mode_ == Mode::Paint
               ? QObject::tr("Paint onto the selected region (or a new one); [ and ] change "
                             "the size")
               : QObject::tr("Erase from the selected region (or any region crossed); [ and ] "
                             "change the size");
}

QKeySequence BrushTool::shortcut() const {
    return QKeySequence(mode_ == Mode::Paint ? Qt::Key_U : Qt::Key_X);
}

void BrushTool::press(ToolContext& context, QPointF slide, int) {
    path_ = {{slide.x(), slide.y()}};
    strokeDownsample_ = context.downsample; // the stroke keeps the size it started with
    cursor_ = slide;
    context.update();
}

void BrushTool::move(ToolContext& context, QPointF slide) {
    cursor_ = slide;
    if (!path_.empty()) {
        const PointD& last = path_.back();
        if (std::hypot(slide.x() - last.x, slide.y() - last.y) >= 0.5 * strokeDownsample_)
            path_.push_back({slide.x(), slide.y()});
    }
    context.update(); // the brush outline follows the cursor
}

void BrushTool::release(ToolContext& context, QPointF slide) {
    if (path_.empty())
        return;
    path_.push_back({slide.x(), slide.y()});
    apply(context);
    path_.clear();
    context.update();
}

void BrushTool::apply(ToolContext& context) {
    AnnotationSession& session = context.session;
    const double radius = diameter_ / 2 * strokeDownsample_;
    // Simplify below a quarter screen pixel: the outline looks the same, with far fewer
    // vertices after many strokes.
    auto simplify = [&](std::vector<AnnotationGeometry> parts) {
        for (AnnotationGeometry& g : parts) {
            g.points = simplifiedPath(g.points, 0.25 * strokeDownsample_);
            for (auto& hole : g.holes)
                hole = simplifiedPath(hole, 0.25 * strokeDownsample_);
            std::erase_if(g.holes, [](const auto& hole) { return hole.size() < 3; });
        }
        std::erase_if(parts, [](const AnnotationGeometry& g) { return !g.isValid(); });
        return parts;
    };
    const auto stroke = brushStroke(path_, radius);
    if (stroke.empty())
        return;
    const auto areaAnnotation = [&](const std::string& id) -> const Annotation* {
        const auto where = session.document().find(id);
        if (!where || !session.isEditable(id))
            return nullptr;
        const Annotation& a = session.document().layers[where->layer].annotations[where->index];
        return a.geometry.isArea() ? &a : nullptr;
    };
    const Annotation* target = areaAnnotation(session.selectedId());
    if (mode_ == Mode::Paint) {
        if (target) {
            session.replaceShape(target->id, simplify(unite(target->geometry, stroke)),
                                 QObject::tr("Brush"));
        } else {
            const auto parts = simplify(stroke);
            if (parts.empty())
                return;
            session.addDrawn(parts.front()); // selected: the next stroke grows it
        }
        return;
    }
    std::vector<std::string> targets;
    if (target) {
        targets.push_back(target->id);
    } else { // every editable area the stroke's box meets, in visible layers
        AnnotationGeometry::Bounds box = stroke.front().bounds();
        for (const AnnotationGeometry& part : stroke) {
            const auto b = part.bounds();
            box = {std::min(box.minX, b.minX), std::min(box.minY, b.minY),
                   std::max(box.maxX, b.maxX), std::max(box.maxY, b.maxY)};
        }
        for (const auto& where : session.index().intersecting(box))
            if (session.document().layers[where.layer].visible)
                if (const Annotation* a = areaAnnotation(
                        session.document().layers[where.layer].annotations[where.index].id))
                    targets.push_back(a->id);
    }
    std::vector<std::pair<std::string, std::vector<AnnotationGeometry>>> results;
    for (const std::string& id : targets) {
        const Annotation* a = areaAnnotation(id);
        auto parts = simplify(subtract(a->geometry, stroke));
        if (parts.size() != 1 || parts.front() != a->geometry)
            results.emplace_back(id, std::move(parts));
    }
    if (results.empty())
        return;
    session.undoStack().beginMacro(QObject::tr("Erase"));
    for (auto& [id, parts] : results)
        session.replaceShape(id, std::move(parts), QObject::tr("Erase"));
    session.undoStack().endMacro();
}

bool BrushTool::key(ToolContext& context, QKeyEvent* event) {
    if (event->key() == Qt::Key_BracketLeft || event->key() == Qt::Key_BracketRight) {
        const double factor = event->key() == Qt::Key_BracketRight ? 1.25 : 0.8;
        diameter_ = std::clamp(diameter_ * factor, 4.0, 400.0);
        context.update();
        return true;
    }
    return AnnotationTool::key(context, event);
}

void BrushTool::paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport, const Scale&,
                             const AnnotationSession&) const {
    const QTransform toScreen = camera.slideToScreen(viewport);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QColor colour = mode_ == Mode::Paint ? QColor(255, 220, 0) : QColor(255, 255, 255);
    if (!path_.empty()) { // the stroke so far, as a wide round pen in device pixels
        QPainterPath stroke;
        stroke.moveTo(toScreen.map(QPointF(path_.front().x, path_.front().y)));
        for (const PointD& p : path_)
            stroke.lineTo(toScreen.map(QPointF(p.x, p.y)));
        QColor fill = colour;
        fill.setAlpha(90);
        const double width = diameter_ * strokeDownsample_ / camera.downsample;
        painter.setPen(QPen(fill, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPath(stroke);
    }
    QPen outline(colour, 1.5);
    outline.setCosmetic(true);
    painter.setPen(outline);
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(toScreen.map(cursor_), diameter_ / 2, diameter_ / 2);
    painter.restore();
}

} // namespace lamina
