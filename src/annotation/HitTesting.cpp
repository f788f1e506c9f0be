#include <lamina/annotation/HitTesting.h>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>

namespace lamina {
namespace {

namespace bg = boost::geometry;
using BgPoint = bg::model::d2::point_xy<double>;
using BgPolygon = bg::model::polygon<BgPoint>;
using BgLine = bg::model::linestring<BgPoint>;

void appendRing(std::vector<BgPoint>& ring, const std::vector<PointD>& points) {
    for (const PointD& p : points)
        ring.emplace_back(p.x, p.y);
    if (!points.empty())
        ring.emplace_back(points.front().x, points.front().y);
}

bool hits(const AnnotationGeometry& g, const BgPoint& p, double tolerance) {
    const auto b = g.bounds();
    if (p.x() < b.minX - tolerance || p.x() > b.maxX + tolerance || p.y() < b.minY - tolerance ||
        p.y() > b.maxY + tolerance)
        return false;
    switch (g.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        for (const PointD& v : g.points)
            if (bg::distance(p, BgPoint(v.x, v.y)) <= tolerance)
                return true;
        return false;
    case ShapeKind::Line:
    case ShapeKind::Polyline: {
        BgLine line;
        for (const PointD& v : g.points)
            line.emplace_back(v.x, v.y);
        return bg::distance(p, line) <= tolerance;
    }
    case ShapeKind::Rectangle:
    case ShapeKind::Ellipse:
    case ShapeKind::Polygon: {
        BgPolygon polygon;
        appendRing(polygon.outer(), g.outline());
        if (g.kind == ShapeKind::Polygon)
            for (const auto& hole : g.holes) {
                polygon.inners().emplace_back();
                appendRing(polygon.inners().back(), hole);
            }
        bg::correct(polygon);
        return bg::distance(p, polygon) <= tolerance; // 0 inside
    }
    }
    return false;
}

} // namespace

std::optional<std::string> annotationAt(const AnnotationDocument& document, PointD point,
                                        double tolerance) {
    const BgPoint p(point.x, point.y);
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
