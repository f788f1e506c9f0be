#pragma once
// `lamina-cli bench view SLIDE [--viewport 3840x2160] [--threads N] [--json]`
// Drives the real TileLoader, TileCache and SlideViewRenderer offscreen through a fixed script
// (open, fit, jump to 40x at 5 places, pan 20 screens, zoom out) and reports time to first
// full frame, time to sharp after jumps and pans, warm frame render time, tiles/s, cache hit
// rate and peak RSS, plus plain openslide_read_region over the same tiles for the ratio.

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class BenchViewCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, viewport_ = "3840x2160";
    int threads_ = 0;
    bool json_ = false;
};

} // namespace lamina::cli
