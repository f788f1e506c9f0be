#pragma once
// A run's raster results as one image, and that image as a file: the tiles' rasters are laid
// side by side on their common grid (they must share one scale; cells no tile covered are NaN,
// "not analysed"), and written as a single-channel 32-bit float tiled TIFF (deflate) whose
// ImageDescription is a JSON object giving the plugin, the kind (continuous / labels) and the
// grid's place on the slide: "origin_x", "origin_y" (level-0 pixels) and
// "level0_pixels_per_pixel"; X/YResolution hold the scale when the slide has one.
// Thread-safety: stateless functions.

#include <lamina/plugin/PluginResult.h>
#include <lamina/pluginhost/PluginDescription.h>
#include <lamina/pluginhost/PluginRun.h>

#include <filesystem>
#include <optional>
#include <vector>

namespace lamina {

// Nothing when no tile returned a raster. Throws lamina::Error(Corrupt) when the tiles' scales
// differ, or InvalidArgument when the mosaic would exceed 2^31 cells.
std::optional<PluginRaster> mosaicRasters(const std::vector<PluginTileOutcome>& outcomes);
std::optional<PluginRaster> mosaicRasters(const std::vector<PluginRaster>& tiles);

// Writes atomically (never a partial file at `path`). Throws lamina::Error(Io) naming `path`.
void writeRasterTiff(const PluginRaster& raster, const PluginDescription& plugin,
                     std::optional<double> slideMicronsPerPixel, const std::filesystem::path& path);

// Reads a file written by writeRasterTiff (for tests and the viewer). Throws lamina::Error:
// Corrupt when it is not such a file.
PluginRaster readRasterTiff(const std::filesystem::path& path);

} // namespace lamina
