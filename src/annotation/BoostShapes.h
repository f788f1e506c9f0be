#pragma once
// Private to lamina_annotation: the Boost.Geometry types annotation shapes are converted to
// for measuring and hit testing, and the conversion itself (closing rings explicitly, as
// Boost expects, and correcting orientation whichever way the shape was drawn).
// Thread-safety: stateless.

#include <lamina/annotation/AnnotationGeometry.h>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <functional>

namespace lamina::boostshapes {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;
using Line = bg::model::linestring<Point>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;

// Maps a level-0 pixel to the coordinates measured in (pixels, or µm).
using Mapping = std::function<Point(const PointD&)>;

inline Point identity(const PointD& p) {
    return {p.x, p.y};
}

inline Line line(const std::vector<PointD>& points, const Mapping& map = identity) {
    Line out;
    for (const PointD& p : points)
        out.push_back(map(p));
    return out;
}

// The area of a Rectangle, Ellipse or Polygon (holes included for polygons).
inline Polygon polygon(const AnnotationGeometry& g, const Mapping& map = identity) {
    const auto ring = [&](std::vector<Point>& out, const std::vector<PointD>& points) {
        for (const PointD& p : points)
            out.push_back(map(p));
        if (!points.empty())
            out.push_back(map(points.front()));
    };
    Polygon out;
    ring(out.outer(), g.outline());
    if (g.kind == ShapeKind::Polygon)
        for (const auto& hole : g.holes) {
            out.inners().emplace_back();
            ring(out.inners().back(), hole);
        }
    bg::correct(out);
    return out;
}

// Back to an annotation polygon (level-0 pixels): rings without the repeated closing vertex.
inline AnnotationGeometry geometry(const Polygon& polygon) {
    const auto ring = [](const auto& in) {
        std::vector<PointD> out;
        for (const Point& p : in)
            out.push_back({p.x(), p.y()});
        if (out.size() > 1 && out.front() == out.back())
            out.pop_back();
        return out;
    };
    AnnotationGeometry g;
    g.kind = ShapeKind::Polygon;
    g.points = ring(polygon.outer());
    for (const auto& inner : polygon.inners())
        g.holes.push_back(ring(inner));
    return g;
}

} // namespace lamina::boostshapes
