#pragma once
// Private to lamina_annotation: the Boost.Geometry types annotation shapes are converted to
// for measuring and hit testing, and the conversion itself (closing rings explicitly, as
// Boost expects, and correcting orientation whichever way the shape was drawn).
// Thread-safety: stateless.

#include <lamina/annotation/AnnotationGeometry.h>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <functional>

namespace lamina::boostshapes {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;
using Line = bg::model::linestring<Point>;

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

} // namespace lamina::boostshapes
