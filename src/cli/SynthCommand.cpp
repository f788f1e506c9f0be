#include "SynthCommand.h"

#include <lamina/core/Log.h>

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace lamina::cli {

CLI::App* SynthCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("synth", "Write a synthetic pyramidal slide (Aperio SVS)");
    sub->add_option("-o,--output", output_, "Output slide (.svs)")->required();
    sub->add_option("--width", options_.width, "Level-0 width in pixels")->required();
    sub->add_option("--height", options_.height, "Level-0 height in pixels")->required();
    sub->add_option("--tile", options_.tileSize, "Tile side in pixels (multiple of 16)")
        ->capture_default_str();
    sub->add_option("--quality", options_.quality, "JPEG quality 1-100")->capture_default_str();
    sub->add_option("--compression", compression_,
                    "Tile codec: jpeg, jp2k (Aperio 33005), jp2k-ycbcr (33003), lzw, deflate, none")
        ->capture_default_str();
    sub->add_option("--seed", options_.seed, "Seed of the picture")->capture_default_str();
    sub->add_option("--pattern", pattern_, "tissue (H&E-like) or grid (tiles encode their place)")
        ->check(CLI::IsMember({"tissue", "grid"}))
        ->capture_default_str();
    sub->add_option("--mpp", options_.mpp, "Microns per level-0 pixel")->capture_default_str();
    sub->add_option("--magnification", options_.objectivePower, "Objective power (AppMag)")
        ->capture_default_str();
    sub->add_option("--level-step", options_.levelStep, "Downsample between levels (2 or 4)")
        ->capture_default_str();
    sub->add_option("--threads", options_.threads, "Worker threads (0 = all cores)")
        ->capture_default_str();
    sub->add_option("--bigtiff", bigTiff_, "auto, yes or no")
        ->check(CLI::IsMember({"auto", "yes", "no"}))
        ->capture_default_str();
    sub->add_flag("-q,--quiet", quiet_, "No progress output");
    return sub;
}

int SynthCommand::run() {
    options_.output = output_;
    options_.compression = parseCompression(compression_);
    options_.pattern = pattern_ == "grid" ? SyntheticSlideOptions::Pattern::Grid
                                          : SyntheticSlideOptions::Pattern::Tissue;
    options_.bigTiff = bigTiff_ == "yes"  ? SyntheticSlideOptions::BigTiff::Yes
                       : bigTiff_ == "no" ? SyntheticSlideOptions::BigTiff::No
                                          : SyntheticSlideOptions::BigTiff::Auto;
    const bool showProgress = !quiet_ && ::isatty(STDERR_FILENO);
    int lastPercent = -1;
    const auto report = writeSyntheticSlide(options_, [&](double fraction) {
        const int percent = int(fraction * 100);
        if (showProgress && percent != lastPercent) {
            std::fprintf(stderr, "\rwriting %s: %3d%%", output_.c_str(), percent);
            lastPercent = percent;
        }
    });
    if (showProgress)
        std::fprintf(stderr, "\n");
    if (!quiet_) {
        std::cout << output_ << ": " << report.levels.size() << " levels (";
        for (size_t i = 0; i < report.levels.size(); ++i)
            std::cout << (i ? ", " : "") << report.levels[i].width << "x"
                      << report.levels[i].height;
        std::cout << "), " << report.tiles << " tiles (" << report.backgroundTiles << " glass), "
                  << report.fileBytes << " bytes" << (report.bigTiff ? ", BigTIFF" : "") << '\n';
    }
    return 0;
}

} // namespace lamina::cli
