#include "BoostShapes.h"

#include <lamina/annotation/Measurements.h>

namespace lamina {
namespace {

namespace shapes = boostshapes;

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
    // Level-0 pixels -> µm (or unchanged pixels without MPP).
    const shapes::Mapping toUnits = [&](const PointD& p) {
        return m.hasMicrons ? shapes::Point(p.x * *scale.mppX, p.y * *scale.mppY)
                            : shapes::Point(p.x, p.y);
    };
    switch (g.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        m.points = g.points.size();
        m.centroid = meanOf(g.points);
        return m;
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        m.length = shapes::bg::length(shapes::line(g.points, toUnits));
        m.centroid = meanOf(g.points);
        return m;
    case ShapeKind::Rectangle:
    case ShapeKind::Ellipse:
    case ShapeKind::Polygon:
        break;
    }
    const shapes::Polygon polygon = shapes::polygon(g, toUnits);
    if (polygon.outer().size() < 4)
        return m;
    m.area = std::abs(shapes::bg::area(polygon));
    m.perimeter = shapes::bg::perimeter(polygon);
    try {
        shapes::Point c;
        shapes::bg::centroid(shapes::polygon(g), c); // in level-0 pixels
        m.centroid = {c.x(), c.y()};
    } catch (const shapes::bg::centroid_exception&) { // zero area: no area-weighted centre
        m.centroid = meanOf(g.outline());
    }
    return m;
}

namespace {

void add(ClassTotals& t, const ShapeMeasurements& m) {
    ++t.annotations;
    t.points += m.points;
    t.area += m.area;
    t.length += m.length;
}

} // namespace

std::map<std::string, ClassTotals> totalsByClass(const AnnotationDocument& document,
                                                 const Scale& scale) {
    std::map<std::string, ClassTotals> totals;
    for (const auto& layer : document.layers)
        for (const auto& a : layer.annotations)
            add(totals[a.className], measure(a.geometry, scale));
    return totals;
}

std::vector<ClassTotals> totalsByLayer(const AnnotationDocument& document, const Scale& scale) {
    std::vector<ClassTotals> totals(document.layers.size());
    for (size_t l = 0; l < document.layers.size(); ++l)
        for (const auto& a : document.layers[l].annotations)
            add(totals[l], measure(a.geometry, scale));
    return totals;
}

} // namespace lamina
