#include <lamina/annotation/AnnotationDocument.h>

#include <algorithm>
#include <functional>

namespace lamina {

AnnotationDocument AnnotationDocument::withDefaults() {
    AnnotationDocument d;
    d.layers.push_back({Annotation::newId(), "Annotations", true, false, 1.0, {}});
    d.classes = AnnotationClass::defaults();
    return d;
}

std::optional<AnnotationDocument::Location>
AnnotationDocument::find(const std::string& annotationId) const {
    for (size_t l = 0; l < layers.size(); ++l)
        for (size_t i = 0; i < layers[l].annotations.size(); ++i)
            if (layers[l].annotations[i].id == annotationId)
                return Location{l, i};
    return std::nullopt;
}

const AnnotationClass* AnnotationDocument::findClass(const std::string& name) const {
    const auto it = std::find_if(classes.begin(), classes.end(),
                                 [&](const AnnotationClass& c) { return c.name == name; });
    return it == classes.end() ? nullptr : &*it;
}

size_t AnnotationDocument::annotationCount() const {
    size_t n = 0;
    for (const auto& l : layers)
        n += l.annotations.size();
    return n;
}

void AnnotationDocument::ensureClass(const std::string& name, std::optional<uint32_t> rgb) {
    if (name.empty() || findClass(name))
        return;
    // Unknown class without a colour: a stable colour from its name, bright enough to see.
    const uint32_t hash = uint32_t(std::hash<std::string>()(name));
    classes.push_back({name, rgb.value_or(0x404040u | (hash & 0xbfbfbfu))});
}

} // namespace lamina
