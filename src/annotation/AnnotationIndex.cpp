#include <lamina/annotation/AnnotationIndex.h>

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace lamina {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Box, uint32_t>; // slot into Impl::locations

Box boxOf(const AnnotationGeometry::Bounds& b) {
    return Box(Point(b.minX, b.minY), Point(b.maxX, b.maxY));
}

} // namespace

struct AnnotationIndex::Impl {
    std::vector<Location> locations; // slot -> annotation, in drawing order
    std::vector<Bounds> bounds;      // slot -> bounds
    std::vector<uint32_t> firstSlotOfLayer;
    bgi::rtree<Entry, bgi::rstar<16>> tree;

    std::vector<Location> sorted(std::vector<Entry>&& hits) const {
        std::sort(hits.begin(), hits.end(),
                  [](const Entry& a, const Entry& b) { return a.second < b.second; });
        std::vector<Location> out;
        out.reserve(hits.size());
        for (const Entry& e : hits)
            out.push_back(locations[e.second]);
        return out;
    }
};

AnnotationIndex::AnnotationIndex(const AnnotationDocument& document)
    : impl_(std::make_unique<Impl>()) {
    std::vector<Entry> entries;
    entries.reserve(document.annotationCount());
    for (size_t l = 0; l < document.layers.size(); ++l) {
        impl_->firstSlotOfLayer.push_back(uint32_t(impl_->locations.size()));
        const auto& annotations = document.layers[l].annotations;
        for (size_t i = 0; i < annotations.size(); ++i) {
            const auto b = annotations[i].geometry.bounds();
            entries.emplace_back(boxOf(b), uint32_t(impl_->locations.size()));
            impl_->locations.push_back({l, i});
            impl_->bounds.push_back(b);
        }
    }
    // The range constructor bulk-loads (packing), several times faster than inserting.
    impl_->tree = decltype(impl_->tree)(entries.begin(), entries.end());
}

AnnotationIndex::~AnnotationIndex() = default;
AnnotationIndex::AnnotationIndex(AnnotationIndex&&) noexcept = default;
AnnotationIndex& AnnotationIndex::operator=(AnnotationIndex&&) noexcept = default;

std::vector<AnnotationIndex::Location> AnnotationIndex::intersecting(const Bounds& area) const {
    std::vector<Entry> hits;
    impl_->tree.query(bgi::intersects(boxOf(area)), std::back_inserter(hits));
    return impl_->sorted(std::move(hits));
}

std::vector<AnnotationIndex::Location> AnnotationIndex::inside(const Bounds& area) const {
    std::vector<Entry> hits;
    impl_->tree.query(bgi::covered_by(boxOf(area)), std::back_inserter(hits));
    return impl_->sorted(std::move(hits));
}

void AnnotationIndex::update(const Location& where, const Bounds& bounds) {
    const uint32_t slot = impl_->firstSlotOfLayer.at(where.layer) + uint32_t(where.index);
    Bounds& cached = impl_->bounds.at(slot);
    impl_->tree.remove(Entry(boxOf(cached), slot));
    cached = bounds;
    impl_->tree.insert(Entry(boxOf(bounds), slot));
}

const AnnotationIndex::Bounds& AnnotationIndex::boundsOf(const Location& where) const {
    return impl_->bounds[impl_->firstSlotOfLayer.at(where.layer) + where.index];
}

AnnotationIndex::Bounds AnnotationIndex::totalBounds() const {
    if (impl_->tree.empty())
        return {};
    const Box box = impl_->tree.bounds();
    return {box.min_corner().get<0>(), box.min_corner().get<1>(), box.max_corner().get<0>(),
            box.max_corner().get<1>()};
}

size_t AnnotationIndex::size() const {
    return impl_->locations.size();
}

} // namespace lamina
