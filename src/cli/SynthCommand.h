#pragma once
// `lamina-cli synth -o OUT.svs --width W --height H [--tile 256] [--quality 80] [--seed N]
//  [--compression jpeg|jp2k|jp2k-ycbcr|lzw|deflate|none] [--pattern tissue|grid] [--mpp 0.25]
//  [--magnification 40] [--level-step 4] [--threads N]`
// Writes a synthetic Aperio-compatible slide (see SyntheticSlideWriter).

#include "CliCommand.h"

#include <lamina/slide/synthetic/SyntheticSlideWriter.h>

#include <string>

namespace lamina::cli {

class SynthCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    SyntheticSlideOptions options_;
    std::string output_, pattern_ = "tissue", bigTiff_ = "auto", compression_ = "jpeg";
    bool quiet_ = false;
};

} // namespace lamina::cli
