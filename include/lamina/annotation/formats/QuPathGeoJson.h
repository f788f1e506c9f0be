#pragma once
// QuPath-compatible GeoJSON, read and written.
//
// Read: a FeatureCollection, a bare Feature, or an array of Features. Geometry Point,
// MultiPoint, LineString, Polygon (with holes) and MultiPolygon (one annotation per polygon);
// coordinates in level-0 (full-resolution) pixels. Properties: `objectType` (or the older
// `object_type`; detections go to a "Detections" layer), `classification` {name, color, or
// `names` for derived classes, joined with ": "}, `name`, `color`, `isLocked`,
// `measurements` (object or older array; accepted and not kept: Lamina recomputes them),
// `geometry.isEllipse`. Lamina's own data (layer, note, shape kind) sits under one
// `properties.lamina` object, which QuPath keeps; layer settings under the collection's
// `lamina` member.
// Write: a FeatureCollection QuPath imports as annotations with their classes.
//
// Hostile input gives lamina::Error(Corrupt) naming the file and the feature: invalid JSON,
// wrong types, non-finite numbers, nesting deeper than 64, more than 5 million vertices in a
// ring or 20 million in a file.
// Thread-safety: stateless functions.

#include <lamina/annotation/AnnotationDocument.h>

#include <filesystem>
#include <string>

namespace lamina {

// What a GeoJSON file may hold before it is refused as hostile.
struct GeoJsonLimits {
    size_t maxRingVertices = 5'000'000;
    size_t maxFileVertices = 20'000'000;
    int maxDepth = 64;
};

class QuPathGeoJson {
public:
    using Limits = GeoJsonLimits;

    // `source` names the file in errors.
    static AnnotationDocument parse(const std::string& text, const std::string& source,
                                    const Limits& limits = {});
    static AnnotationDocument read(const std::filesystem::path& path);

    static std::string serialize(const AnnotationDocument& document);
};

} // namespace lamina
