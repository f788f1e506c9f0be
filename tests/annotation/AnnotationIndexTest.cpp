// The R-tree over annotation bounds finds exactly what a linear scan finds, in drawing order.

#include <lamina/annotation/AnnotationIndex.h>

#include <gtest/gtest.h>

#include <random>

using namespace lamina;

namespace {

bool overlaps(const AnnotationGeometry::Bounds& a, const AnnotationGeometry::Bounds& b) {
    return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

bool within(const AnnotationGeometry::Bounds& a, const AnnotationGeometry::Bounds& outer) {
    return a.minX >= outer.minX && a.maxX <= outer.maxX && a.minY >= outer.minY &&
           a.maxY <= outer.maxY;
}

AnnotationDocument randomDocument(int count) {
    std::mt19937 random(7);
    std::uniform_real_distribution<double> position(0, 10000), size(1, 300);
    AnnotationDocument d = AnnotationDocument::withDefaults();
    d.layers.push_back({"second", "second", false, false, 1.0, {}});
    for (int i = 0; i < count; ++i) {
        Annotation a;
        a.id = std::to_string(i);
        const double x = position(random), y = position(random);
        a.geometry = {
            ShapeKind::Polygon, {{x, y}, {x + size(random), y}, {x, y + size(random)}}, {}};
        d.layers[size_t(i % 2)].annotations.push_back(a);
    }
    return d;
}

} // namespace

TEST(AnnotationIndex, QueriesMatchALinearScanInDrawingOrder) {
    const AnnotationDocument d = randomDocument(5000);
    const AnnotationIndex index(d);
    ASSERT_EQ(index.size(), 5000u);
    const AnnotationGeometry::Bounds area{2000, 3000, 2600, 3900};
    std::vector<AnnotationDocument::Location> expectIntersecting, expectInside;
    for (size_t l = 0; l < d.layers.size(); ++l)
        for (size_t i = 0; i < d.layers[l].annotations.size(); ++i) {
            const auto b = d.layers[l].annotations[i].geometry.bounds();
            if (overlaps(b, area))
                expectIntersecting.push_back({l, i});
            if (within(b, area))
                expectInside.push_back({l, i});
        }
    const auto toPairs = [](const std::vector<AnnotationDocument::Location>& v) {
        std::vector<std::pair<size_t, size_t>> out;
        for (const auto& l : v)
            out.emplace_back(l.layer, l.index);
        return out;
    };
    ASSERT_FALSE(expectInside.empty());
    ASSERT_GT(expectIntersecting.size(), expectInside.size());
    EXPECT_EQ(toPairs(index.intersecting(area)), toPairs(expectIntersecting));
    EXPECT_EQ(toPairs(index.inside(area)), toPairs(expectInside));
    const auto& where = expectInside.front();
    const auto b = d.layers[where.layer].annotations[where.index].geometry.bounds();
    EXPECT_EQ(index.boundsOf(where).minX, b.minX);
    EXPECT_EQ(index.boundsOf(where).maxY, b.maxY);
}

TEST(AnnotationIndex, EmptyDocumentFindsNothing) {
    const AnnotationIndex index(AnnotationDocument::withDefaults());
    EXPECT_EQ(index.size(), 0u);
    EXPECT_TRUE(index.intersecting({0, 0, 1e9, 1e9}).empty());
}

TEST(AnnotationIndex, UpdateMovesOneEntryWithoutARebuild) {
    AnnotationDocument d = randomDocument(2000);
    AnnotationIndex index(d);
    const AnnotationDocument::Location where{1, 17};
    Annotation& moved = d.layers[where.layer].annotations[where.index];
    for (PointD& p : moved.geometry.points)
        p = {p.x + 50000, p.y + 50000}; // far outside everything else
    index.update(where, moved.geometry.bounds());
    const auto b = moved.geometry.bounds();
    const auto found = index.intersecting(b);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].layer, where.layer);
    EXPECT_EQ(found[0].index, where.index);
    EXPECT_EQ(index.boundsOf(where).minX, b.minX);
    EXPECT_GE(index.totalBounds().maxX, b.maxX);
    // Its old place no longer finds it, and everything else is still where a rebuild says.
    const AnnotationIndex rebuilt(d);
    const AnnotationGeometry::Bounds area{0, 0, 10000, 10000};
    ASSERT_EQ(index.intersecting(area).size(), rebuilt.intersecting(area).size());
}
