// The annotation under the cursor: topmost first, holes are not inside, hidden layers ignored.

#include <lamina/annotation/AnnotationIndex.h>
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

TEST(HitTesting, IndexedLookupAgreesWithTheFullScan) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    d.layers.push_back({"l2", "second", true, false, 1.0, {}});
    for (int i = 0; i < 400; ++i) {
        const double x = (i % 20) * 50.0, y = (i / 20) * 50.0;
        d.layers[size_t(i % 2)].annotations.push_back(
            shape("p" + std::to_string(i), i % 3 ? ShapeKind::Rectangle : ShapeKind::Ellipse,
                  {{x, y}, {x + 70, y + 70}})); // overlapping neighbours: order matters
    }
    const AnnotationIndex index(d);
    for (double x = -10; x < 1100; x += 13)
        for (double y = -10; y < 1100; y += 17)
            ASSERT_EQ(annotationAt(d, index, {x, y}, 3), annotationAt(d, {x, y}, 3))
                << "at " << x << "," << y;
}
