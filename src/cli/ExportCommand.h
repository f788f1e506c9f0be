#pragma once
// `lamina-cli export SLIDE (--region X,Y,W,H | --center X,Y --size WxH |
//                           --annotation ID --annotations FILE) (--mpp M | --magnification M)
//                    [--annotations FILE [--outlines | --label-mask]] [--quality Q]
//                    [--tile-size N] [--upscale] -o OUT.tif`
// The large-region export (render/export/PyramidExport): a streamed pyramidal tiled TIFF of
// any size that OpenSlide and QuPath open with the right scale; --outlines burns the
// annotations in; --label-mask writes the annotations as a class-value mask instead of the
// image (the values are printed). Written atomically; nothing is left behind on error.

#include "CliCommand.h"
#include "RegionArguments.h"

#include <string>

namespace lamina::cli {

class ExportCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, output_, annotationsPath_;
    RegionArguments where_;
    bool outlines_ = false, labelMask_ = false, upscale_ = false;
    int quality_ = 90, tileSize_ = 512;
};

} // namespace lamina::cli
