#pragma once
// A spatial index (Boost.Geometry R-tree, bulk-loaded) over the bounding boxes of every
// annotation in a document, so drawing and hit testing touch only what is near the view or
// the cursor instead of every shape: with 100 000 polygons a zoomed-in frame queries a few
// dozen. Built once per document revision (≈ 30 ms per 100 000 annotations); it refers to
// annotations by position, so it is valid only for the document state it was built from.
// Coordinates: level-0 pixels. Thread-safety: const methods may be called from any thread
// while nothing calls update().

#include <lamina/annotation/AnnotationDocument.h>

#include <memory>
#include <vector>

namespace lamina {

class AnnotationIndex {
public:
    using Location = AnnotationDocument::Location;
    using Bounds = AnnotationGeometry::Bounds;

    explicit AnnotationIndex(const AnnotationDocument& document);
    ~AnnotationIndex();
    AnnotationIndex(AnnotationIndex&&) noexcept;
    AnnotationIndex& operator=(AnnotationIndex&&) noexcept;

    // Annotations whose bounds intersect `area` (hidden layers included), in drawing order:
    // layer by layer, then in list order.
    std::vector<Location> intersecting(const Bounds& area) const;
    // Annotations whose bounds lie entirely inside `area` (rubber-band selection).
    std::vector<Location> inside(const Bounds& area) const;

    // Moves one annotation's entry to its new bounds, so a drag does not rebuild the whole
    // index (only shapes that changed, never added or removed ones: positions must hold).
    // Not thread-safe: no other call may run meanwhile.
    void update(const Location& where, const Bounds& bounds);

    // The bounds of one annotation, cached at build time (or by update).
    const Bounds& boundsOf(const Location& where) const;
    size_t size() const;
    // The box around every annotation (all zero when there are none).
    Bounds totalBounds() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace lamina
