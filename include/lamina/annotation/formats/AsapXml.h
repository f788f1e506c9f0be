#pragma once
// ASAP (Computational Pathology Group, Radboud) annotation XML, read and written.
//
// <ASAP_Annotations><Annotations><Annotation Name Type PartOfGroup Color><Coordinates>
// <Coordinate Order X Y/>... and <AnnotationGroups><Group Name PartOfGroup Color/>.
// Read: types Dot (point), PointSet (multipoint), Measurement (line, or polyline with more
// than two points), Rectangle (its box), Polygon and Spline (polygons: the spline's control
// points, not its curve). Groups become classes with their colour; an annotation naming an
// unknown group creates that class instead of failing. Coordinates are level-0 pixels. Root
// elements `ASAP_Annotations` or `Annotations` are both accepted.
// Write: Point → Dot, MultiPoint → PointSet, Line and Polyline → Measurement, Rectangle →
// Rectangle, Ellipse → Polygon (its outline), Polygon → Polygon (ASAP has no holes: they are
// dropped, and `droppedHoles` counts them). Layers and notes have no place in ASAP.
// Errors: lamina::Error(Corrupt) naming the file, the line and the cause.
// Thread-safety: stateless functions.

#include <lamina/annotation/AnnotationDocument.h>

#include <filesystem>
#include <string>

namespace lamina {

class AsapXml {
public:
    static AnnotationDocument parse(const std::string& text, const std::string& source);
    static AnnotationDocument read(const std::filesystem::path& path);
    static std::string serialize(const AnnotationDocument& document,
                                 size_t* droppedHoles = nullptr);
};

} // namespace lamina
