#pragma once
// What a plugin returns for one tile of work: a raster (a float map: probability, density,
// or class labels) at a stated scale and/or vector features (points and polygons with class
// and score, in level-0 pixels), plus named numbers (e.g. "dab_positive_percent").
// Thread-safety: value types.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lamina {

struct PluginRaster {
    enum class Kind { Continuous, Labels }; // Labels: values are class indices
    Kind kind = Kind::Continuous;
    int width = 0, height = 0;
    // Where the raster lies: its top-left corner (level-0 pixels) and the size of one raster
    // pixel in level-0 pixels (e.g. 16 for 4 µm/px on a 0.25 µm/px slide).
    double originX = 0, originY = 0, level0PixelsPerPixel = 1;
    std::vector<float> values; // width * height, row-major; must be finite
};

struct PluginFeature {
    enum class Shape { Point, Polygon };
    Shape shape = Shape::Polygon;
    std::vector<std::pair<double, double>> points; // level-0 pixels; a point has one
    std::string className;
    double score = 1; // 0..1
};

struct PluginResult {
    std::optional<PluginRaster> raster;
    std::vector<PluginFeature> features;
    std::map<std::string, double> measurements;
};

} // namespace lamina
