#pragma once
// The shape of one annotation in level-0 pixel coordinates (doubles; x right, y down): the
// coordinates QuPath and ASAP files use, independent of any view or pyramid level.
// Rectangles and ellipses keep their bounding box so they stay editable as such; free-hand
// shapes are polygons. Thread-safety: value type.

#include <lamina/core/Geometry.h>

#include <string>
#include <vector>

namespace lamina {

// The largest coordinate an annotation file may hold (level-0 pixels, either sign): far
// beyond any slide (2^40), small enough that geometry (areas, clipping, Boost.Geometry's
// integer robustness) cannot overflow. Readers refuse larger ones as a damaged file.
inline constexpr double kMaxAnnotationCoordinate = 1099511627776.0;

enum class ShapeKind {
    Point,      // one vertex
    MultiPoint, // cell counting: many vertices
    Line,       // ruler: two vertices
    Polyline,   // open path
    Rectangle,  // axis-aligned box: two vertices, top-left and bottom-right
    Ellipse,    // axis-aligned ellipse inscribed in the box of its two vertices
    Polygon,    // closed ring (not repeated first vertex) plus optional holes
};

std::string shapeKindName(ShapeKind kind); // "point", "multipoint", "line", ...

struct AnnotationGeometry {
    ShapeKind kind = ShapeKind::Polygon;
    std::vector<PointD> points;             // see ShapeKind for the meaning
    std::vector<std::vector<PointD>> holes; // Polygon only

    // Closed outline used for area, perimeter, hit testing and export: the ring itself for
    // polygons, four corners for rectangles, `ellipseVertices` points for ellipses. Empty for
    // points and lines.
    std::vector<PointD> outline(int ellipseVertices = 72) const;
    bool isArea() const;  // Rectangle, Ellipse, Polygon
    bool isValid() const; // enough finite vertices for its kind

    // Bounding box (level-0 pixels), [minX, minY, maxX, maxY].
    struct Bounds {
        double minX = 0, minY = 0, maxX = 0, maxY = 0;
    };
    Bounds bounds() const;

    friend bool operator==(const AnnotationGeometry&, const AnnotationGeometry&) = default;
};

} // namespace lamina
