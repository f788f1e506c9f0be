#pragma once
// `lamina-cli bench tiles SLIDE [--threads N] [--tiles N] [--json]`
// Reads the same random whole level-0 tiles three ways in one run: (a) Lamina's slide backend
// (the fast TIFF path when it applies), (b) plain openslide_read_region, (c) the limit: a bare
// loop of libtiff TIFFReadRawTile + TurboJPEG decode, one TIFF handle per thread. Prints
// tiles/s and the ratios a/c and a/b.

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class BenchTilesCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_;
    int threads_ = 1;
    int tiles_ = 2000;
    bool json_ = false;
};

} // namespace lamina::cli
