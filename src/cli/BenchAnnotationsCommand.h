#pragma once
// `lamina-cli bench annotations [--count 100000] [--vertices 24] [--file F]
//                               [--viewport 1920x1080] [--json]`
// The many-annotations case: writes COUNT cell-sized polygons (clustered like real tissue,
// QuPath GeoJSON) unless --file names an existing file, then measures opening it (read and
// parse, median of 3) beside a bare nlohmann::json DOM parse of the same bytes (the peer:
// JSON parsing alone), building the spatial index, and painting frames of the annotation
// layer at three zooms while panning, with the index and with a linear scan, and dragging one
// shape (index updated in place, or rebuilt). Reports p50/p95 frame times and peak RSS.

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class BenchAnnotationsCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    int count_ = 100000, vertices_ = 24;
    std::string file_, viewport_ = "1920x1080";
    bool json_ = false;
};

} // namespace lamina::cli
