#pragma once
// One annotation: a shape in level-0 pixels with its class, name, note and lock. Identified
// by a UUID that survives saving and loading (QuPath keeps it as the feature's `id`).
// Thread-safety: value type.

#include <lamina/annotation/AnnotationGeometry.h>

#include <cstdint>
#include <optional>
#include <string>

namespace lamina {

struct Annotation {
    std::string id; // RFC 4122 UUID, lower case
    AnnotationGeometry geometry;
    std::string className; // "" = unclassified; else a name in the document's classes
    std::string name;
    std::string note;
    bool locked = false;
    std::optional<uint32_t> rgb; // own colour (0xRRGGBB); else the class's

    // Fields other tools wrote that Lamina does not use (QuPath's nucleusGeometry, a
    // pipeline's own properties...), kept verbatim so re-exporting gives them back: the JSON
    // text of the members, comma-separated, without braces ("" = none).
    struct ForeignFields {
        std::string feature;    // members of the GeoJSON feature itself
        std::string properties; // members of its properties object
        friend bool operator==(const ForeignFields&, const ForeignFields&) = default;
    };
    ForeignFields foreign;

    // A fresh random (version 4) UUID.
    static std::string newId();

    friend bool operator==(const Annotation&, const Annotation&) = default;
};

} // namespace lamina
