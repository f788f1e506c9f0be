// Shape edits: moves, vertex drag/insert/delete, free-hand simplification, brush and eraser.

#include <lamina/annotation/GeometryEditing.h>
#include <lamina/annotation/Measurements.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace lamina;

namespace {

AnnotationGeometry square(double x, double y, double side) {
    return {ShapeKind::Polygon, {{x, y}, {x + side, y}, {x + side, y + side}, {x, y + side}}, {}};
}

double areaOf(const AnnotationGeometry& g) {
    return measure(g, Scale{}).area;
}

} // namespace

TEST(GeometryEditing, TranslateMovesEveryVertexAndHole) {
    AnnotationGeometry g = square(0, 0, 10);
    g.holes.push_back({{2, 2}, {4, 2}, {4, 4}});
    const auto moved = translated(g, 5, -3);
    EXPECT_EQ(moved.points[2], (PointD{15, 7}));
    EXPECT_EQ(moved.holes[0][1], (PointD{9, -1}));
}

TEST(GeometryEditing, BoxCornersResizeAgainstTheOppositeCorner) {
    const AnnotationGeometry box{ShapeKind::Rectangle, {{10, 10}, {50, 30}}, {}};
    ASSERT_EQ(vertexHandles(box).size(), 4u);
    EXPECT_EQ(vertexHandles(box)[2], (PointD{50, 30}));
    // Drag the bottom-right corner past the top-left one: the box flips, stays normalised.
    const auto flipped = withHandleMoved(box, 2, {0, 5});
    EXPECT_EQ(flipped.points, (std::vector<PointD>{{0, 5}, {10, 10}}));
    EXPECT_FALSE(withVertexRemoved(box, 0)) << "box corners cannot be deleted";
}

TEST(GeometryEditing, PolygonVertexDragInsertAndDeleteIncludingHoles) {
    AnnotationGeometry g = square(0, 0, 100);
    g.holes.push_back({{40, 40}, {60, 40}, {60, 60}});
    ASSERT_EQ(vertexHandles(g).size(), 7u);
    EXPECT_EQ(withHandleMoved(g, 5, {70, 40}).holes[0][1], (PointD{70, 40}));

    const auto inserted = withVertexInserted(g, {50, 1}, 3); // near the top edge
    ASSERT_TRUE(inserted);
    EXPECT_EQ(inserted->handle, 1u);
    EXPECT_EQ(inserted->geometry.points[1], (PointD{50, 1}));
    EXPECT_FALSE(withVertexInserted(g, {50, 20}, 3)) << "no edge within tolerance";
    const auto inHole = withVertexInserted(g, {61, 50}, 3);
    ASSERT_TRUE(inHole);
    EXPECT_EQ(inHole->geometry.holes[0].size(), 4u);
    EXPECT_EQ(vertexHandles(inHole->geometry)[inHole->handle], (PointD{61, 50}));

    const auto fewer = withVertexRemoved(g, 0);
    ASSERT_TRUE(fewer);
    EXPECT_EQ(fewer->points.size(), 3u);
    EXPECT_FALSE(withVertexRemoved(*fewer, 0)) << "a triangle keeps its three vertices";
    const auto noHole = withVertexRemoved(g, 4);
    ASSERT_TRUE(noHole);
    EXPECT_TRUE(noHole->holes.empty()) << "a hole left with two vertices is dropped";
}

TEST(GeometryEditing, InsertingIntoARulerMakesAPolyline) {
    const AnnotationGeometry ruler{ShapeKind::Line, {{0, 0}, {100, 0}}, {}};
    const auto bent = withVertexInserted(ruler, {50, 2}, 5);
    ASSERT_TRUE(bent);
    EXPECT_EQ(bent->geometry.kind, ShapeKind::Polyline);
    EXPECT_EQ(bent->geometry.points.size(), 3u);
    EXPECT_FALSE(withVertexInserted(ruler, {150, 0}, 5)) << "beyond the open end";
}

TEST(GeometryEditing, FreehandPathIsSimplifiedWithinTolerance) {
    std::vector<PointD> wobbly;
    for (int i = 0; i <= 1000; ++i)
        wobbly.push_back({double(i), 0.3 * std::sin(i * 0.7)}); // jitter below tolerance
    const auto simple = simplifiedPath(wobbly, 1.0);
    ASSERT_EQ(simple.size(), 2u);
    EXPECT_EQ(simple.front(), wobbly.front());
    EXPECT_EQ(simple.back(), wobbly.back());
    std::vector<PointD> corner{{0, 0}, {50, 0}, {100, 0}, {100, 50}, {100, 100}};
    EXPECT_EQ(simplifiedPath(corner, 1.0).size(), 3u) << "real corners are kept";
}

TEST(GeometryEditing, BrushAddsAndEraserCutsWithExactAreas) {
    const double r = 10;
    const auto dot = brushStroke({{50, 50}}, r);
    ASSERT_EQ(dot.size(), 1u);
    EXPECT_NEAR(areaOf(dot[0]), std::numbers::pi * r * r, 0.01 * std::numbers::pi * r * r);

    // A stroke 100 px long: a 100 x 20 band plus two half discs.
    const auto band = brushStroke({{0, 200}, {50, 200}, {50, 200}, {100, 200}}, r);
    ASSERT_EQ(band.size(), 1u);
    EXPECT_NEAR(areaOf(band[0]), 100 * 2 * r + std::numbers::pi * r * r, 10);

    // Paint across the square's right edge: the square grows by the part outside.
    const AnnotationGeometry box = square(0, 0, 100);
    const auto grown = unite(box, brushStroke({{100, 50}}, r));
    ASSERT_EQ(grown.size(), 1u);
    EXPECT_NEAR(areaOf(grown[0]), 10000 + std::numbers::pi * r * r / 2, 5);

    // Erase a vertical band through the middle: two parts, largest first.
    const auto cut = subtract(box, brushStroke({{30, -20}, {30, 120}}, r));
    ASSERT_EQ(cut.size(), 2u);
    EXPECT_NEAR(areaOf(cut[0]), 60 * 100, 1);
    EXPECT_NEAR(areaOf(cut[1]), 20 * 100, 1);

    // Erasing inside leaves a hole.
    const auto holed = subtract(box, dot);
    ASSERT_EQ(holed.size(), 1u);
    EXPECT_EQ(holed[0].holes.size(), 1u);
    EXPECT_TRUE(subtract(box, brushStroke({{50, 50}}, 200)).empty()) << "erased entirely";

    // A rectangle or ellipse painted on becomes a polygon.
    const AnnotationGeometry ellipse{ShapeKind::Ellipse, {{0, 0}, {100, 50}}, {}};
    const auto painted = unite(ellipse, brushStroke({{300, 300}}, r));
    ASSERT_EQ(painted.size(), 2u) << "a stroke that does not touch adds a separate part";
    EXPECT_EQ(painted[0].kind, ShapeKind::Polygon);
}

TEST(GeometryEditing, HostileInputsGiveNoShape) {
    EXPECT_TRUE(brushStroke({}, 5).empty());
    EXPECT_TRUE(brushStroke({{1, 1}}, 0).empty());
    EXPECT_TRUE(brushStroke({{1, 1}}, std::nan("")).empty());
    EXPECT_FALSE(withVertexRemoved(square(0, 0, 1), 99));
    EXPECT_EQ(withHandleMoved(square(0, 0, 1), 99, {5, 5}), square(0, 0, 1));
}
