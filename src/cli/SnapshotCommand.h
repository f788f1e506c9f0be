#pragma once
// `lamina-cli snapshot SLIDE (--region X,Y,W,H | --center X,Y --size WxH |
//                             --annotation ID --annotations FILE)
//                      (--mpp M | --magnification M) [--annotations FILE] [--no-annotations]
//                      [--scale-bar] [--caption] [--upscale] [--quality Q] -o OUT`
// A report snapshot (render/export/SnapshotRenderer): X, Y, W, H in level-0 pixels; --size in
// output pixels; --annotation frames that annotation's bounds with a 10 % margin (at least 32
// output pixels). The output
// (.png, .jpg, .tif) is written atomically; on any error nothing is written.

#include "CliCommand.h"

#include <optional>
#include <string>

namespace lamina::cli {

class SnapshotCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, output_, region_, center_, size_, annotationId_, annotationsPath_;
    std::optional<double> mpp_, magnification_;
    bool noAnnotations_ = false, scaleBar_ = false, caption_ = false, upscale_ = false;
    int quality_ = 90;
};

} // namespace lamina::cli
