#pragma once
// A named, ordered group of annotations with its own visibility, lock and opacity (the design
// card's annotation layers). Overlay layers from plugins will join the same list later.
// Thread-safety: value type.

#include <lamina/annotation/Annotation.h>

#include <string>
#include <vector>

namespace lamina {

struct AnnotationLayer {
    std::string id; // UUID
    std::string name;
    bool visible = true;
    bool locked = false;
    double opacity = 1.0; // 0..1
    std::vector<Annotation> annotations;

    friend bool operator==(const AnnotationLayer&, const AnnotationLayer&) = default;
};

} // namespace lamina
