#pragma once
// Every annotation of one slide: its layers (drawn bottom to top in list order) and the
// classes in use. This is what is saved beside the slide and restored when it reopens.
// Thread-safety: value type; the app edits it on the GUI thread only.

#include <lamina/annotation/AnnotationClass.h>
#include <lamina/annotation/AnnotationLayer.h>

#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct AnnotationDocument {
    std::vector<AnnotationLayer> layers;
    std::vector<AnnotationClass> classes;

    // A document with one empty layer ("Annotations") and the default classes.
    static AnnotationDocument withDefaults();

    struct Location {
        size_t layer = 0, index = 0;
    };
    std::optional<Location> find(const std::string& annotationId) const;
    const AnnotationClass* findClass(const std::string& name) const;
    size_t annotationCount() const;

    // Adds `name` with a colour if no class has that name yet (files bring their classes).
    void ensureClass(const std::string& name, std::optional<uint32_t> rgb = std::nullopt);

    friend bool operator==(const AnnotationDocument&, const AnnotationDocument&) = default;
};

} // namespace lamina
