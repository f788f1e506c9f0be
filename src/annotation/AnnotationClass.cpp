#include <lamina/annotation/AnnotationClass.h>

namespace lamina {

std::vector<AnnotationClass> AnnotationClass::defaults() {
    return {
        {"Tumour", 0xc80000},       // QuPath "Tumor": (200, 0, 0)
        {"Stroma", 0x96c896},       // QuPath "Stroma": (150, 200, 150)
        {"Necrosis", 0x323232},     // QuPath "Necrosis": (50, 50, 50)
        {"Immune cells", 0xa05aa0}, // QuPath "Immune cells": (160, 90, 160)
        {"Other", 0xffc800},        // QuPath "Other": (255, 200, 0)
    };
}

} // namespace lamina
