#include "AnnotationFileIo.h"

#include <lamina/annotation/MeasurementsCsv.h>

#include <fmt/format.h>

namespace lamina {
namespace {

// One CSV text cell: quoted when it holds a separator, quote or line break; defused when a
// spreadsheet would read it as a formula.
std::string cell(const std::string& text) {
    std::string value = text;
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string::npos)
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos)
        return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

} // namespace

std::string measurementsCsv(const AnnotationDocument& document, const Scale& scale) {
    const bool microns = scale.hasMicrons();
    const char* area = microns ? "area_um2" : "area_px2";
    const char* length = microns ? "um" : "px";
    // A pixel size the user entered is said on every row (a last "scale" column).
    const bool userEntered = microns && scale.userEntered;
    std::string out = fmt::format("id,name,class,layer,shape,{},perimeter_{},length_{},points,"
                                  "centroid_x_px,centroid_y_px{}\r\n",
                                  area, length, length, userEntered ? ",scale" : "");
    for (const AnnotationLayer& layer : document.layers)
        for (const Annotation& a : layer.annotations) {
            const ShapeMeasurements m = measure(a.geometry, scale);
            out +=
                fmt::format("{},{},{},{},{},{:.6g},{:.6g},{:.6g},{},{:.2f},{:.2f}{}\r\n",
                            cell(a.id), cell(a.name), cell(a.className), cell(layer.name),
                            shapeKindName(a.geometry.kind), m.area, m.perimeter, m.length, m.points,
                            m.centroid.x, m.centroid.y, userEntered ? ",user-entered" : "");
        }
    return out;
}

void writeMeasurementsCsv(const AnnotationDocument& document, const Scale& scale,
                          const std::filesystem::path& path) {
    writeAtomically(path, measurementsCsv(document, scale));
}

} // namespace lamina
