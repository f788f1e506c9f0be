#pragma once
// `lamina-cli plugin run ID SLIDE [--region X,Y,W,H | --tissue | --annotation ID
//  --annotations FILE] [--param k=v ...]
//  [-o OUT.(geojson|tif)] [--save]`: runs an overlay plugin over a level-0 region, an area
//  annotation
// (its outline bounds the run), the whole tissue
// (found by the tissue-detection plugin; one run per tissue piece, tiles outside it skipped)
// or the whole slide, and writes its vector results as QuPath-compatible GeoJSON (File ›
// Import Annotations opens it as an editable layer) or its raster as a float TIFF
// (PluginRasterFile); with --save, also (or only) saves them with the slide's annotations
// (OverlayStore), where the viewer shows them the next time the slide is opened. Prints the
// measurements summed over tiles.
// Exit 1 when the plugin fails (the message names the plugin, the tile and the cause).

#include "CliCommand.h"

#include <lamina/pluginhost/PluginDescription.h>
#include <lamina/pluginhost/PluginRun.h>

#include <QVariantMap>

#include <map>
#include <string>
#include <vector>

namespace lamina {
class SlideForPlugin;
}

namespace lamina::cli {

class PluginRunCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    void saveWithTheSlide(const PluginDescription& plugin, const QVariantMap& parameters,
                          const QString& target, const std::vector<PluginTileOutcome>& outcomes,
                          const SlideForPlugin& slide) const;

    std::string id_, slidePath_, region_, output_, annotationId_, annotationsPath_;
    std::vector<std::string> params_;
    bool tissue_ = false, save_ = false;
    int threads_ = 0;
};

} // namespace lamina::cli
