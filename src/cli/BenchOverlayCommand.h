#pragma once
// `lamina-cli bench overlay SLIDE [--plugin-id ID] [--param K=V ...] [--viewport WxH]
// [--threads N] [--json]`: what an analysis overlay costs in the viewer. Runs the plugin over
// the whole slide (cold), then the identical run again through a PluginResultCache (what
// re-showing a result costs); then paints the result's raster overlay with RasterOverlay at
// fit and at 40x in five places (first paint, which colours the cells, and warm frames), and
// in the same run paints the slide itself (SlideViewRenderer, warm) at the same cameras as
// the baseline the overlay adds to.

#include "CliCommand.h"

#include <string>
#include <vector>

namespace lamina::cli {

class BenchOverlayCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, plugin_ = "stain-separation", viewport_ = "1920x1080";
    std::vector<std::string> params_{"resolution=4"};
    int threads_ = 0;
    bool json_ = false;
};

} // namespace lamina::cli
