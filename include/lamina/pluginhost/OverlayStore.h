#pragma once
// Where a slide's analysis results live on disk, beside its annotations (the counterpart of
// AnnotationStore): the folder `<annotation file>.overlays/` holds per result <id>.json (the
// manifest: plugin, version, parameters, target, state, measurements, display settings),
// <id>.tif (the raster, PluginRasterFile) and <id>.geojson (the detections, QuPath GeoJSON).
// The viewer (OverlayStack) and `lamina-cli plugin run --save` both write through it, so a
// result computed on the command line opens in the viewer with the slide.
// Files that cannot be read are left as they are and reported by load().
// Thread-safety: one store per open slide; not for concurrent use.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/plugin/PluginResult.h>
#include <lamina/pluginhost/PluginDescription.h>
#include <lamina/pluginhost/PluginRun.h>

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

// What the manifest says of one result.
struct OverlayManifest {
    QString id; // unique within the slide; names the files
    PluginDescription plugin;
    QString target; // "current view", "annotation Tumour 1", "whole tissue", ...
    QVariantMap parameters;
    PluginRun::State state = PluginRun::State::Finished;
    QString error;
    std::map<std::string, double> measurements;
    bool visible = true;
    double opacity = 0.6;
    QString colourMap; // RasterOverlay's name for it; empty: the default
    bool fadeLowValues = true;
    QString outlineColour; // detections' outline, "#rrggbb"; empty: their class colours
    bool hasRaster = false, hasDetections = false;
};

struct SavedOverlay {
    OverlayManifest manifest;
    std::optional<PluginRaster> raster;
    AnnotationDocument detections; // empty unless manifest.hasDetections
};

class OverlayStore {
public:
    // `folder` empty: nothing is saved or loaded.
    explicit OverlayStore(std::filesystem::path folder);
    // The results folder of the annotation file `annotations` (AnnotationStore::path()).
    static std::filesystem::path folderBeside(const std::filesystem::path& annotations);

    const std::filesystem::path& folder() const { return folder_; }

    // "<pluginId>-<n>", the first n whose files are not on disk and that `taken` refuses not.
    QString newId(const QString& pluginId,
                  const std::function<bool(const QString&)>& taken = {}) const;

    // Writes the raster and the detections (when given), then the manifest. Throws
    // lamina::Error (Io) naming the file that could not be written.
    void save(const OverlayManifest& manifest, const std::optional<PluginRaster>& raster,
              const AnnotationDocument* detections, std::optional<double> slideMicronsPerPixel);
    // Rewrites the manifest only (display settings changed). Throws lamina::Error(Io).
    void saveManifest(const OverlayManifest& manifest);
    // Deletes a result's files (none is fine).
    void remove(const QString& id);

    struct Loaded {
        std::vector<SavedOverlay> overlays; // in a stable order (by id)
        QStringList errors;                 // one message per result that could not be read
    };
    // A manifest saved while running is read as cancelled: a run cannot go on after a restart.
    Loaded load() const;

private:
    std::filesystem::path fileOf(const QString& id, const char* extension) const;

    std::filesystem::path folder_;
};

} // namespace lamina
