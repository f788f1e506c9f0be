#pragma once
// Shape edits the tools apply: moving a shape, dragging, inserting and deleting vertices,
// simplifying a free-hand path, and brush/eraser strokes (union and difference). The
// clipping and simplification come from Boost.Geometry, not hand-written code.
// Coordinates: level-0 pixels throughout (tolerances and radii too: callers convert from
// screen pixels). Thread-safety: stateless.

#include <lamina/annotation/AnnotationGeometry.h>

#include <optional>
#include <vector>

namespace lamina {

// The same shape moved by (dx, dy).
AnnotationGeometry translated(AnnotationGeometry geometry, double dx, double dy);

// The points a user can drag: the four box corners of a rectangle or ellipse (top-left,
// top-right, bottom-right, bottom-left), else every vertex, outer ring first, then each hole.
std::vector<PointD> vertexHandles(const AnnotationGeometry& geometry);

// The shape with handle `handle` (an index into vertexHandles) moved to `to`. Dragging a box
// corner keeps the opposite corner fixed.
AnnotationGeometry withHandleMoved(const AnnotationGeometry& geometry, size_t handle, PointD to);

// Inserts a vertex at `at` on the edge of a polygon (outer ring or hole), polyline or line
// nearest to it, if that edge passes within `tolerance`. Returns the new shape and the handle
// index of the new vertex; nullopt when no edge is near or the kind has no edges to split.
struct InsertedVertex {
    AnnotationGeometry geometry;
    size_t handle = 0;
};
std::optional<InsertedVertex> withVertexInserted(const AnnotationGeometry& geometry, PointD at,
                                                 double tolerance);

// The shape without vertex `handle`; nullopt when that would leave too few vertices for its
// kind (or the kind is a box, whose corners cannot be removed).
std::optional<AnnotationGeometry> withVertexRemoved(const AnnotationGeometry& geometry,
                                                    size_t handle);

// A free-hand path reduced with Douglas-Peucker at `tolerance` (first and last points kept).
std::vector<PointD> simplifiedPath(const std::vector<PointD>& path, double tolerance);

// The area a round brush of `radius` covers along `path` (one point = a disc), as polygons.
std::vector<AnnotationGeometry> brushStroke(const std::vector<PointD>& path, double radius);

// Polygon parts of `area` ∪ `added` and `area` − `removed`, largest first; empty when
// nothing is left. `area` may be a rectangle, ellipse or polygon (the result is a polygon).
std::vector<AnnotationGeometry> unite(const AnnotationGeometry& area,
                                      const std::vector<AnnotationGeometry>& added);
std::vector<AnnotationGeometry> subtract(const AnnotationGeometry& area,
                                         const std::vector<AnnotationGeometry>& removed);

} // namespace lamina
