#include "BoostShapes.h"

#include <lamina/annotation/GeometryEditing.h>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

namespace shapes = boostshapes;
namespace bg = boost::geometry;

bool isBox(ShapeKind kind) {
    return kind == ShapeKind::Rectangle || kind == ShapeKind::Ellipse;
}

// Handle `handle` as (ring, index): ring 0 is `points`, ring k > 0 is holes[k - 1].
std::pair<size_t, size_t> ringOf(const AnnotationGeometry& g, size_t handle) {
    if (handle < g.points.size())
        return {0, handle};
    handle -= g.points.size();
    for (size_t h = 0; h < g.holes.size(); ++h) {
        if (handle < g.holes[h].size())
            return {h + 1, handle};
        handle -= g.holes[h].size();
    }
    return {size_t(-1), 0};
}

std::vector<PointD>& ring(AnnotationGeometry& g, size_t index) {
    return index == 0 ? g.points : g.holes[index - 1];
}

size_t firstHandleOf(const AnnotationGeometry& g, size_t ringIndex) {
    size_t first = 0;
    for (size_t r = 0; r < ringIndex; ++r)
        first += r == 0 ? g.points.size() : g.holes[r - 1].size();
    return first;
}

double distanceToSegment(PointD p, PointD a, PointD b) {
    return bg::distance(shapes::Point(p.x, p.y),
                        shapes::Line{shapes::Point(a.x, a.y), shapes::Point(b.x, b.y)});
}

std::vector<AnnotationGeometry> parts(const shapes::MultiPolygon& multi) {
    std::vector<std::pair<double, AnnotationGeometry>> sized;
    for (const shapes::Polygon& p : multi)
        sized.emplace_back(bg::area(p), shapes::geometry(p));
    std::stable_sort(sized.begin(), sized.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<AnnotationGeometry> out;
    for (auto& [area, g] : sized)
        if (area > 0 && g.isValid())
            out.push_back(std::move(g));
    return out;
}

shapes::MultiPolygon multi(const std::vector<AnnotationGeometry>& geometries) {
    shapes::MultiPolygon out;
    for (const AnnotationGeometry& g : geometries) {
        if (!g.isArea() || !g.isValid())
            continue;
        shapes::MultiPolygon merged;
        bg::union_(out, shapes::polygon(g), merged);
        out = std::move(merged);
    }
    return out;
}

} // namespace

AnnotationGeometry translated(AnnotationGeometry g, double dx, double dy) {
    for (PointD& p : g.points)
        p = {p.x + dx, p.y + dy};
    for (auto& hole : g.holes)
        for (PointD& p : hole)
            p = {p.x + dx, p.y + dy};
    return g;
}

std::vector<PointD> vertexHandles(const AnnotationGeometry& g) {
    if (isBox(g.kind)) {
        const auto b = g.bounds();
        return {{b.minX, b.minY}, {b.maxX, b.minY}, {b.maxX, b.maxY}, {b.minX, b.maxY}};
    }
    std::vector<PointD> handles = g.points;
    for (const auto& hole : g.holes)
        handles.insert(handles.end(), hole.begin(), hole.end());
    return handles;
}

AnnotationGeometry withHandleMoved(const AnnotationGeometry& g, size_t handle, PointD to) {
    AnnotationGeometry out = g;
    if (isBox(g.kind)) {
        const auto corners = vertexHandles(g);
        if (handle >= corners.size())
            return out;
        const PointD opposite = corners[(handle + 2) % 4];
        out.points = {{std::min(opposite.x, to.x), std::min(opposite.y, to.y)},
                      {std::max(opposite.x, to.x), std::max(opposite.y, to.y)}};
        return out;
    }
    const auto [r, i] = ringOf(g, handle);
    if (r != size_t(-1))
        ring(out, r)[i] = to;
    return out;
}

std::optional<InsertedVertex> withVertexInserted(const AnnotationGeometry& g, PointD at,
                                                 double tolerance) {
    const bool closed = g.kind == ShapeKind::Polygon;
    if (!closed && g.kind != ShapeKind::Polyline && g.kind != ShapeKind::Line)
        return std::nullopt;
    double best = tolerance;
    std::optional<std::pair<size_t, size_t>> where; // (ring, insert before index)
    const size_t rings = closed ? 1 + g.holes.size() : 1;
    for (size_t r = 0; r < rings; ++r) {
        const auto& v = r == 0 ? g.points : g.holes[r - 1];
        const size_t edges = closed ? v.size() : v.size() - 1;
        for (size_t e = 0; e < edges && v.size() >= 2; ++e) {
            const double d = distanceToSegment(at, v[e], v[(e + 1) % v.size()]);
            if (d <= best) {
                best = d;
                where = {r, e + 1};
            }
        }
    }
    if (!where)
        return std::nullopt;
    InsertedVertex out{g, 0};
    if (out.geometry.kind == ShapeKind::Line)
        out.geometry.kind = ShapeKind::Polyline; // a ruler with a bend is a polyline
    auto& v = ring(out.geometry, where->first);
    v.insert(v.begin() + std::ptrdiff_t(where->second), at);
    out.handle = firstHandleOf(out.geometry, where->first) + where->second;
    return out;
}

std::optional<AnnotationGeometry> withVertexRemoved(const AnnotationGeometry& g, size_t handle) {
    if (isBox(g.kind) || g.kind == ShapeKind::Point || g.kind == ShapeKind::Line)
        return std::nullopt;
    const auto [r, i] = ringOf(g, handle);
    if (r == size_t(-1))
        return std::nullopt;
    AnnotationGeometry out = g;
    auto& v = ring(out, r);
    v.erase(v.begin() + std::ptrdiff_t(i));
    if (r > 0 && v.size() < 3) { // a hole with two vertices is no hole: drop it
        out.holes.erase(out.holes.begin() + std::ptrdiff_t(r - 1));
        return out;
    }
    if (!out.isValid())
        return std::nullopt;
    return out;
}

std::vector<PointD> simplifiedPath(const std::vector<PointD>& path, double tolerance) {
    if (path.size() < 3)
        return path;
    shapes::Line simplified;
    bg::simplify(shapes::line(path), simplified, tolerance);
    std::vector<PointD> out;
    for (const shapes::Point& p : simplified)
        out.push_back({p.x(), p.y()});
    return out;
}

std::vector<AnnotationGeometry> brushStroke(const std::vector<PointD>& path, double radius) {
    if (path.empty() || !(radius > 0))
        return {};
    // Enough segments that the disc's outline stays within ~0.5 % of its radius.
    const int segments = 36;
    const bg::strategy::buffer::distance_symmetric<double> distance(radius);
    const bg::strategy::buffer::join_round join(segments);
    const bg::strategy::buffer::end_round end(segments);
    const bg::strategy::buffer::point_circle circle(segments);
    const bg::strategy::buffer::side_straight side;
    shapes::MultiPolygon out;
    // Repeated points make zero-length segments, which the buffer rejects.
    shapes::Line line;
    for (const PointD& p : path)
        if (line.empty() || p.x != line.back().x() || p.y != line.back().y())
            line.push_back({p.x, p.y});
    if (line.size() == 1)
        bg::buffer(line.front(), out, distance, side, join, end, circle);
    else
        bg::buffer(line, out, distance, side, join, end, circle);
    return parts(out);
}

std::vector<AnnotationGeometry> unite(const AnnotationGeometry& area,
                                      const std::vector<AnnotationGeometry>& added) {
    shapes::MultiPolygon out;
    bg::union_(shapes::polygon(area), multi(added), out);
    return parts(out);
}

std::vector<AnnotationGeometry> subtract(const AnnotationGeometry& area,
                                         const std::vector<AnnotationGeometry>& removed) {
    shapes::MultiPolygon out;
    bg::difference(shapes::polygon(area), multi(removed), out);
    return parts(out);
}

} // namespace lamina
