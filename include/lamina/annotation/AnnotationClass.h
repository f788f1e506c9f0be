#pragma once
// A class annotations belong to (Tumour, Stroma, ...): a name and a colour. Class names are
// what QuPath calls a classification, so they travel with exported files.
// Thread-safety: value type.

#include <cstdint>
#include <string>
#include <vector>

namespace lamina {

struct AnnotationClass {
    std::string name;
    uint32_t rgb = 0; // 0xRRGGBB

    // Tumour, Stroma, Necrosis, Immune cells, Other (colours as QuPath's defaults where it
    // has the same class).
    static std::vector<AnnotationClass> defaults();

    friend bool operator==(const AnnotationClass&, const AnnotationClass&) = default;
};

// The colour of annotations without a class: cyan, which reads on H&E and stays far from
// every default class colour (it was a yellow next to "Other"'s).
constexpr uint32_t kUnclassifiedRgb = 0x00c8ff;

} // namespace lamina
