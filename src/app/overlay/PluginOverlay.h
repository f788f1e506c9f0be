#pragma once
// One analysis result shown over a slide: what a plugin computed on a target (the view, an
// annotation, the whole tissue) — its raster (heatmap, probability or label map) and/or its
// detections (points and polygons with class and score, read-only until converted into an
// annotation layer) — with how it is shown (visible, opacity, colour map), the run's state
// and the measurements summed over its tiles. Filled tile by tile while the run goes on.
// Thread-safety: GUI thread only (OverlayStack feeds it there).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/pluginhost/PluginDescription.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/render/RasterOverlay.h>

#include <QColor>
#include <QString>
#include <QVariantMap>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace lamina {

class PluginJob;

struct PluginOverlay {
    using State = PluginRun::State; // a job's end is its last run's end

    PluginOverlay();
    ~PluginOverlay();
    PluginOverlay(const PluginOverlay&) = delete;
    PluginOverlay& operator=(const PluginOverlay&) = delete;

    QString id;     // unique within the slide; names the saved files
    QString target; // "current view", "annotation Tumour 1", "whole tissue"
    PluginDescription plugin;
    QVariantMap parameters;
    State state = State::Running;
    QString error;     // why it failed
    QString saveError; // why the result could not be saved (shown; empty when saved)
    size_t tilesDone = 0, tileCount = 0;
    size_t cachedTiles = 0; // tiles taken from the result cache

    RasterOverlay raster;
    AnnotationDocument detections;     // one layer; its opacity follows the overlay's
    std::optional<QRgb> outlineColour; // the user's colour for the detections; else classes
    // Spatial index of `detections` for painting (built on first paint after a change, so a
    // frame visits only the detections on screen even with 100 000 of them).
    mutable std::unique_ptr<AnnotationIndex> detectionIndex;
    size_t detectionCount() const;
    std::map<std::string, double> sums;                 // summed tile measurements
    std::map<std::string, double> measurements() const; // sums plus the declared ratios

    bool visible = true;
    QString title() const;     // "Stain separation — current view"
    QString stateText() const; // "running 3/12", "failed", "finished", ...

    std::optional<double> slideMicronsPerPixel; // written into the saved raster
    uint64_t serial = 0;                        // matches a job's tiles to their overlay
    std::unique_ptr<PluginJob> job;             // while running
};

} // namespace lamina
