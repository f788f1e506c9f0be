#include "BoostShapes.h"

#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/annotation/HitTesting.h>

namespace lamina {
namespace {

namespace shapes = boostshapes;

bool hits(const AnnotationGeometry& g, const shapes::Point& p, double tolerance) {
    const auto b = g.bounds();
    if (p.x() < b.minX - tolerance || p.x() > b.maxX + tolerance || p.y() < b.minY - tolerance ||
        p.y() > b.maxY + tolerance)
        return false;
    switch (g.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        for (const PointD& v : g.points)
            if (shapes::bg::distance(p, shapes::identity(v)) <= tolerance)
                return true;
        return false;
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        return shapes::bg::distance(p, shapes::line(g.points)) <= tolerance;
    case ShapeKind::Rectangle:
    case ShapeKind::Ellipse:
    case ShapeKind::Polygon:
        return shapes::bg::distance(p, shapes::polygon(g)) <= tolerance; // 0 inside
    }
    return false;
}

} // namespace

std::optional<std::string> annotationAt(const AnnotationDocument& document,
                                        const AnnotationIndex& index, PointD point,
                                        double tolerance) {
    const shapes::Point p(point.x, point.y);
    const auto candidates = index.intersecting(
        {point.x - tolerance, point.y - tolerance, point.x + tolerance, point.y + tolerance});
    for (auto where = candidates.rbegin(); where != candidates.rend(); ++where) {
        const AnnotationLayer& layer = document.layers[where->layer];
        if (layer.visible && hits(layer.annotations[where->index].geometry, p, tolerance))
            return layer.annotations[where->index].id;
    }
    return std::nullopt;
}

std::optional<std::string> annotationAt(const AnnotationDocument& document, PointD point,
                                        double tolerance) {
    const shapes::Point p(point.x, point.y);
    for (auto layer = document.layers.rbegin(); layer != document.layers.rend(); ++layer) {
        if (!layer->visible)
            continue;
        for (auto a = layer->annotations.rbegin(); a != layer->annotations.rend(); ++a)
            if (hits(a->geometry, p, tolerance))
                return a->id;
    }
    return std::nullopt;
}

} // namespace lamina
