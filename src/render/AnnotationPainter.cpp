#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/render/AnnotationPainter.h>

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace lamina {
namespace {

// Above this many shapes on screen, antialiasing costs more than it shows.
constexpr size_t kAntialiasingLimit = 4000;
// Shapes smaller than this (device pixels) are drawn as a square of this size.
constexpr double kTinyShape = 3;

// Maps to device pixels, dropping vertices within `minStep` device pixels of the last kept
// one (the last vertex is always kept, so outlines close where they should).
QPolygonF mapped(const std::vector<PointD>& points, const QTransform& toScreen,
                 double minStep = 0) {
    QPolygonF out;
    out.reserve(qsizetype(points.size()));
    for (size_t i = 0; i < points.size(); ++i) {
        const QPointF p = toScreen.map(QPointF(points[i].x, points[i].y));
        if (minStep > 0 && !out.isEmpty() && i + 1 < points.size() &&
            std::abs(p.x() - out.back().x()) < minStep &&
            std::abs(p.y() - out.back().y()) < minStep)
            continue;
        out << p;
    }
    return out;
}

struct Painting {
    QPainter& painter;
    const AnnotationDocument& document;
    QTransform toScreen;
    double downsample;
    const AnnotationPainter::IsSelected& isSelected;

    void draw(const Annotation& a, const AnnotationGeometry::Bounds& b) const {
        const bool selected = isSelected && isSelected(a.id);
        const QColor colour = AnnotationPainter::colourOf(document, a);
        const AnnotationGeometry& g = a.geometry;
        const bool isPoint = g.kind == ShapeKind::Point || g.kind == ShapeKind::MultiPoint;
        if (!isPoint && std::max(b.maxX - b.minX, b.maxY - b.minY) / downsample < kTinyShape) {
            const QPointF centre =
                toScreen.map(QPointF((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2));
            painter.fillRect(QRectF(centre.x() - kTinyShape / 2, centre.y() - kTinyShape / 2,
                                    kTinyShape, kTinyShape),
                             selected ? QColor(255, 255, 255) : colour);
            return;
        }
        QPen pen(selected ? QColor(255, 255, 255) : colour, selected ? 3.0 : 2.0);
        pen.setCosmetic(true);
        painter.setPen(pen);
        switch (g.kind) {
        case ShapeKind::Point:
        case ShapeKind::MultiPoint: {
            // A white ring keeps dots visible on purple nuclei and dark stains.
            QPen ring(selected ? QColor(255, 220, 0) : QColor(255, 255, 255), 1.5);
            ring.setCosmetic(true);
            painter.setPen(ring);
            painter.setBrush(colour);
            for (const QPointF& p : mapped(g.points, toScreen))
                painter.drawEllipse(p, 5, 5);
            break;
        }
        case ShapeKind::Line:
        case ShapeKind::Polyline:
            painter.setBrush(Qt::NoBrush);
            painter.drawPolyline(mapped(g.points, toScreen, 1.0));
            break;
        case ShapeKind::Rectangle:
        case ShapeKind::Ellipse:
        case ShapeKind::Polygon: {
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill); // holes cut out
            path.addPolygon(mapped(g.outline(), toScreen, 1.0));
            path.closeSubpath();
            if (g.kind == ShapeKind::Polygon)
                for (const auto& hole : g.holes) {
                    path.addPolygon(mapped(hole, toScreen, 1.0));
                    path.closeSubpath();
                }
            QColor fill = colour;
            fill.setAlpha(selected ? 70 : 40);
            painter.setBrush(fill);
            painter.drawPath(path);
            break;
        }
        }
    }
};

bool meets(const AnnotationGeometry::Bounds& b, const AnnotationGeometry::Bounds& area) {
    return b.maxX >= area.minX && b.minX <= area.maxX && b.maxY >= area.minY && b.minY <= area.maxY;
}

} // namespace

QColor AnnotationPainter::colourOf(const AnnotationDocument& document, const Annotation& a) {
    if (a.rgb)
        return QColor::fromRgb(QRgb(*a.rgb));
    if (const AnnotationClass* c = document.findClass(a.className))
        return QColor::fromRgb(QRgb(c->rgb));
    return QColor(255, 220, 0); // unclassified: yellow, visible on H&E
}

void AnnotationPainter::paint(QPainter& painter, const AnnotationDocument& document,
                              const Camera& camera, QSizeF viewport, const IsSelected& isSelected,
                              const AnnotationIndex* index) {
    const QRectF visible = camera.visibleSlideRect(viewport);
    const double slack = 8 * camera.downsample; // pen width and point dots, in level-0 pixels
    const AnnotationGeometry::Bounds area{visible.left() - slack, visible.top() - slack,
                                          visible.right() + slack, visible.bottom() + slack};
    // Who is on screen, in drawing order, with their bounds.
    struct Shown {
        const Annotation* annotation;
        AnnotationGeometry::Bounds bounds;
        size_t layer;
    };
    std::vector<Shown> shown;
    if (index) {
        for (const auto& where : index->intersecting(area))
            if (document.layers[where.layer].visible)
                shown.push_back({&document.layers[where.layer].annotations[where.index],
                                 index->boundsOf(where), where.layer});
    } else {
        for (size_t l = 0; l < document.layers.size(); ++l)
            if (document.layers[l].visible)
                for (const Annotation& a : document.layers[l].annotations)
                    if (const auto b = a.geometry.bounds(); meets(b, area))
                        shown.push_back({&a, b, l});
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, shown.size() <= kAntialiasingLimit);
    const Painting painting{painter, document, camera.slideToScreen(viewport), camera.downsample,
                            isSelected};
    for (const Shown& s : shown) {
        const double opacity = document.layers[s.layer].opacity;
        if (opacity <= 0)
            continue;
        painter.setOpacity(opacity);
        painting.draw(*s.annotation, s.bounds);
    }
    painter.restore();
}

} // namespace lamina
