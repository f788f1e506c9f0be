#include <lamina/annotation/Measurements.h>

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

// Level-0 pixels -> µm (or unchanged pixels without MPP).
BgPoint scaled(const PointD& p, const Scale& s) {
    return s.hasMicrons() ? BgPoint(p.x * *s.mppX, p.y * *s.mppY) : BgPoint(p.x, p.y);
}

void appendRing(std::vector<BgPoint>& ring, const std::vector<PointD>& points, const Scale& s) {
    for (const PointD& p : points)
        ring.push_back(scaled(p, s));
    if (!points.empty())
        ring.push_back(scaled(points.front(), s)); // Boost rings are closed explicitly
}

PointD meanOf(const std::vector<PointD>& points) {
    PointD c;
    for (const PointD& p : points) {
        c.x += p.x / double(points.size());
        c.y += p.y / double(points.size());
    }
    return c;
}

} // namespace

ShapeMeasurements measure(const AnnotationGeometry& g, const Scale& scale) {
    ShapeMeasurements m;
    m.hasMicrons = scale.hasMicrons();
    switch (g.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint: {
        m.points = g.points.size();
        m.centroid = meanOf(g.points);
        return m;
    }
    case ShapeKind::Line:
    case ShapeKind::Polyline: {
        BgLine line;
        for (const PointD& p : g.points)
            line.push_back(scaled(p, scale));
        m.length = bg::length(line);
        m.centroid = meanOf(g.points);
        return m;
    }
    case ShapeKind::Rectangle:
    case ShapeKind::Ellipse:
    case ShapeKind::Polygon:
        break;
    }
    const auto polygonIn = [&](const Scale& s) {
        BgPolygon polygon;
        appendRing(polygon.outer(), g.outline(), s);
        if (g.kind == ShapeKind::Polygon)
            for (const auto& hole : g.holes) {
                polygon.inners().emplace_back();
                appendRing(polygon.inners().back(), hole, s);
            }
        bg::correct(polygon); // orientation as Boost expects, whichever way it was drawn
        return polygon;
    };
    const BgPolygon polygon = polygonIn(scale);
    if (polygon.outer().size() < 4)
        return m;
    m.area = std::abs(bg::area(polygon));
    m.perimeter = bg::perimeter(polygon);
    try {
        BgPoint c;
        bg::centroid(polygonIn(Scale{}), c);
        m.centroid = {c.x(), c.y()};
    } catch (const bg::centroid_exception&) { // zero area: no area-weighted centre
        m.centroid = meanOf(g.outline());
    }
    return m;
}

std::map<std::string, ClassTotals> totalsByClass(const AnnotationDocument& document,
                                                 const Scale& scale) {
    std::map<std::string, ClassTotals> totals;
    for (const auto& layer : document.layers)
        for (const auto& a : layer.annotations) {
            const ShapeMeasurements m = measure(a.geometry, scale);
            ClassTotals& t = totals[a.className];
            ++t.annotations;
            t.points += m.points;
            t.area += m.area;
            t.length += m.length;
        }
    return totals;
}

} // namespace lamina
