#pragma once
// `lamina-cli snapshot SLIDE (--region X,Y,W,H | --center X,Y --size WxH |
//                             --annotation ID --annotations FILE)
//                      (--mpp M | --magnification M) [--annotations FILE] [--no-annotations]
//                      [--scale-bar] [--caption] [--upscale] [--quality Q] -o OUT`
// A report snapshot (render/export/SnapshotRenderer) of the region RegionArguments describes.
// The output (.png, .jpg, .tif) is written atomically; on any error nothing is written.

#include "CliCommand.h"
#include "RegionArguments.h"

#include <optional>
#include <string>

namespace lamina::cli {

class SnapshotCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, output_, annotationsPath_;
    RegionArguments where_;
    bool noAnnotations_ = false, scaleBar_ = false, caption_ = false, upscale_ = false;
    int quality_ = 90;
};

} // namespace lamina::cli
