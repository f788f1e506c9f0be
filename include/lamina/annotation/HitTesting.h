#pragma once
// Which annotation is under a point: the topmost one (last drawn: later layers, later
// annotations) whose shape contains the point or passes within `tolerance` of it. Points and
// lines are hit near them; areas inside them or near their outline. Hidden layers are not
// hit. Boost.Geometry does the distance and containment tests.
// Coordinates: level-0 pixels (tolerance too: callers convert from screen pixels).
// Thread-safety: stateless.

#include <lamina/annotation/AnnotationDocument.h>

#include <optional>
#include <string>

namespace lamina {

class AnnotationIndex;

std::optional<std::string> annotationAt(const AnnotationDocument& document, PointD point,
                                        double tolerance);
// The same, testing only the candidates `index` (built from `document`) finds near the point.
std::optional<std::string> annotationAt(const AnnotationDocument& document,
                                        const AnnotationIndex& index, PointD point,
                                        double tolerance);

} // namespace lamina
