#pragma once
// The interface an AI / image-analysis plugin implements (SDK version 1). The host cuts the
// region to analyse (the view, an annotation, the whole tissue) into tiles of the size the
// plugin asks for, calls process() for each, on worker threads, and shows the results as an
// overlay: a raster (heatmap, probability or label map) and/or vector features that the user
// may turn into an editable annotation layer.
//
// Rules for plugins:
// - process() may run on several tiles at once: keep per-call state on the stack.
// - Check context.cancelled() between steps and return early when it is set (the host stops
//   waiting soon after a cancel and marks the run failed if the plugin does not return).
// - Throw std::exception with a clear message for bad input; the host shows it and marks the
//   run failed. A raster of the wrong size or with NaN/infinite values is refused likewise.
// Thread-safety: see above; the plugin object lives as long as the host keeps it loaded.

#include <lamina/plugin/PluginResult.h>
#include <lamina/plugin/PluginSdk.h>
#include <lamina/plugin/PluginSlide.h>

#include <QVariantMap>
#include <QtPlugin>

namespace lamina {

// One tile of work: a level-0 rectangle (x, y, width, height) inside the requested region,
// and that region's outline (level-0 polygon; empty = the whole rectangle counts).
struct PluginTile {
    double x = 0, y = 0, width = 0, height = 0;
    std::vector<std::pair<double, double>> regionOutline;
    int index = 0, count = 1; // for messages
};

// What the host offers while a tile runs.
class PluginContext {
public:
    virtual ~PluginContext() = default;
    virtual bool cancelled() const = 0;
};

class OverlayPlugin {
public:
    virtual ~OverlayPlugin() = default;

    // The side of the square tiles (level-0 pixels) the host should cut the region into for
    // these parameters; 0 = one piece, the whole region (e.g. a low-resolution analysis).
    virtual double tileSizeLevel0(const PluginSlide& slide,
                                  const QVariantMap& parameters) const = 0;

    // Analyses one tile. `parameters` hold every parameter the metadata declares, validated
    // by the host (numbers within range, a listed choice, a boolean, an existing file path).
    virtual PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                                 const QVariantMap& parameters,
                                 const PluginContext& context) const = 0;
};

} // namespace lamina

Q_DECLARE_INTERFACE(lamina::OverlayPlugin, LAMINA_OVERLAY_PLUGIN_IID)
