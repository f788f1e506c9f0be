// The annotation under the cursor: topmost first, holes are not inside, hidden layers ignored.

#include <lamina/annotation/HitTesting.h>

#include <gtest/gtest.h>

using namespace lamina;

namespace {

Annotation shape(std::string id, ShapeKind kind, std::vector<PointD> points) {
    Annotation a;
    a.id = std::move(id);
    a.geometry = {kind, std::move(points), {}};
    return a;
}

} // namespace

TEST(HitTesting, TopmostShapeUnderThePointWins) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    Annotation ring = shape("ring", ShapeKind::Polygon, {{0, 0}, {100, 0}, {100, 100}, {0, 100}});
    ring.geometry.holes.push_back({{40, 40}, {60, 40}, {60, 60}, {40, 60}});
    d.layers[0].annotations.push_back(ring);
    d.layers[0].annotations.push_back(shape("box", ShapeKind::Rectangle, {{80, 80}, {150, 150}}));
    d.layers[0].annotations.push_back(shape("dot", ShapeKind::Point, {{300, 300}}));
    d.layers[0].annotations.push_back(shape("ruler", ShapeKind::Line, {{0, 200}, {100, 200}}));
    EXPECT_EQ(annotationAt(d, {10, 10}, 2), "ring");
    EXPECT_EQ(annotationAt(d, {90, 90}, 2), "box") << "drawn later, so on top";
    EXPECT_EQ(annotationAt(d, {50, 50}, 2), std::nullopt) << "inside the hole";
    EXPECT_EQ(annotationAt(d, {303, 302}, 5), "dot");
    EXPECT_EQ(annotationAt(d, {310, 300}, 5), std::nullopt);
    EXPECT_EQ(annotationAt(d, {50, 203}, 4), "ruler");
    EXPECT_EQ(annotationAt(d, {50, 210}, 4), std::nullopt);
    d.layers[0].visible = false;
    EXPECT_EQ(annotationAt(d, {10, 10}, 2), std::nullopt) << "hidden layers are not hit";
}
