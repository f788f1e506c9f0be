#include <lamina/render/AnnotationPainter.h>

#include <QPainter>
#include <QPainterPath>

namespace lamina {
namespace {

QPolygonF mapped(const std::vector<PointD>& points, const QTransform& toScreen) {
    QPolygonF out;
    out.reserve(qsizetype(points.size()));
    for (const PointD& p : points)
        out << toScreen.map(QPointF(p.x, p.y));
    return out;
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
                              const Camera& camera, QSizeF viewport,
                              const std::string& selectedId) {
    const QTransform toScreen = camera.slideToScreen(viewport);
    const QRectF visible = camera.visibleSlideRect(viewport);
    const double slack = 8 * camera.downsample; // pen width and point dots, in level-0 pixels
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    for (const AnnotationLayer& layer : document.layers) {
        if (!layer.visible || layer.opacity <= 0)
            continue;
        painter.setOpacity(layer.opacity);
        for (const Annotation& a : layer.annotations) {
            const auto b = a.geometry.bounds();
            if (b.maxX + slack < visible.left() || b.minX - slack > visible.right() ||
                b.maxY + slack < visible.top() || b.minY - slack > visible.bottom())
                continue;
            const bool selected = a.id == selectedId;
            const QColor colour = colourOf(document, a);
            QPen pen(selected ? QColor(255, 255, 255) : colour, selected ? 3.0 : 2.0);
            pen.setCosmetic(true);
            painter.setPen(pen);
            const AnnotationGeometry& g = a.geometry;
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
                painter.drawPolyline(mapped(g.points, toScreen));
                break;
            case ShapeKind::Rectangle:
            case ShapeKind::Ellipse:
            case ShapeKind::Polygon: {
                QPainterPath path;
                path.setFillRule(Qt::OddEvenFill); // holes cut out
                path.addPolygon(mapped(g.outline(), toScreen));
                path.closeSubpath();
                if (g.kind == ShapeKind::Polygon)
                    for (const auto& hole : g.holes) {
                        path.addPolygon(mapped(hole, toScreen));
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
    }
    painter.restore();
}

} // namespace lamina
