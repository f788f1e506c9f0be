#include <lamina/annotation/AnnotationGeometry.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace lamina {

std::string shapeKindName(ShapeKind kind) {
    switch (kind) {
    case ShapeKind::Point:
        return "point";
    case ShapeKind::MultiPoint:
        return "multipoint";
    case ShapeKind::Line:
        return "line";
    case ShapeKind::Polyline:
        return "polyline";
    case ShapeKind::Rectangle:
        return "rectangle";
    case ShapeKind::Ellipse:
        return "ellipse";
    case ShapeKind::Polygon:
        return "polygon";
    }
    return "?";
}

bool AnnotationGeometry::isArea() const {
    return kind == ShapeKind::Rectangle || kind == ShapeKind::Ellipse || kind == ShapeKind::Polygon;
}

bool AnnotationGeometry::isValid() const {
    const auto finite = [](const std::vector<PointD>& ring) {
        return std::all_of(ring.begin(), ring.end(), [](const PointD& p) {
            return std::isfinite(p.x) && std::isfinite(p.y);
        });
    };
    if (!finite(points) || !std::all_of(holes.begin(), holes.end(), finite))
        return false;
    switch (kind) {
    case ShapeKind::Point:
        return points.size() == 1;
    case ShapeKind::MultiPoint:
        return !points.empty();
    case ShapeKind::Line:
        return points.size() == 2;
    case ShapeKind::Polyline:
        return points.size() >= 2;
    case ShapeKind::Rectangle:
    case ShapeKind::Ellipse:
        return points.size() == 2;
    case ShapeKind::Polygon:
        return points.size() >= 3 &&
               std::all_of(holes.begin(), holes.end(), [](const auto& h) { return h.size() >= 3; });
    }
    return false;
}

std::vector<PointD> AnnotationGeometry::outline(int ellipseVertices) const {
    if (points.size() < 2)
        return {};
    const PointD a = points[0], b = points[1];
    const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x);
    const double y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
    switch (kind) {
    case ShapeKind::Rectangle:
        return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    case ShapeKind::Ellipse: {
        std::vector<PointD> ring;
        const int n = std::max(8, ellipseVertices);
        const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, rx = (x1 - x0) / 2, ry = (y1 - y0) / 2;
        for (int i = 0; i < n; ++i) {
            const double t = 2 * std::numbers::pi * i / n;
            ring.push_back({cx + rx * std::cos(t), cy + ry * std::sin(t)});
        }
        return ring;
    }
    case ShapeKind::Polygon:
        return points;
    default:
        return {};
    }
}

AnnotationGeometry::Bounds AnnotationGeometry::bounds() const {
    Bounds b{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
             std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()};
    for (const PointD& p : points) {
        b.minX = std::min(b.minX, p.x);
        b.minY = std::min(b.minY, p.y);
        b.maxX = std::max(b.maxX, p.x);
        b.maxY = std::max(b.maxY, p.y);
    }
    if (points.empty())
        return {};
    return b;
}

} // namespace lamina
