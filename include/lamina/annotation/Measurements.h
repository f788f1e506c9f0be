#pragma once
// Lengths, areas, counts and centroids of annotations, from the slide's MPP (µm per level-0
// pixel, x and y apart since scanners may differ per axis). Without MPP the values are in
// pixels and say so (`hasMicrons` false): nothing is silently assumed. Computed with
// Boost.Geometry, not hand-written formulas.
// Thread-safety: stateless functions.

#include <lamina/annotation/AnnotationDocument.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct Scale {
    std::optional<double> mppX, mppY; // µm per level-0 pixel
    bool userEntered = false;         // the pixel size was entered by the user, not the file
    bool hasMicrons() const { return mppX && mppY && *mppX > 0 && *mppY > 0; }
};

struct ShapeMeasurements {
    bool hasMicrons = false; // false: lengths in px, areas in px²
    double length = 0;       // lines and polylines: path length (µm or px)
    double perimeter = 0;    // areas: outer ring plus holes (µm or px)
    double area = 0;         // areas: outer minus holes (µm² or px²)
    size_t points = 0;       // points and multipoints: how many
    PointD centroid;         // level-0 pixels
};

ShapeMeasurements measure(const AnnotationGeometry& geometry, const Scale& scale);

struct ClassTotals {
    size_t annotations = 0;
    size_t points = 0;
    double area = 0, length = 0; // same units as ShapeMeasurements
};

// Totals per layer, in the document's layer order.
std::vector<ClassTotals> totalsByLayer(const AnnotationDocument& document, const Scale& scale);

// Totals per class name ("" = unclassified) over the visible and hidden layers alike.
std::map<std::string, ClassTotals> totalsByClass(const AnnotationDocument& document,
                                                 const Scale& scale);

} // namespace lamina
