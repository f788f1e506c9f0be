#pragma once
// `lamina-cli annotations convert IN OUT [--to geojson|asap]`: reads an annotation file
// (QuPath GeoJSON or ASAP XML, recognised by content) and writes it in the format of OUT's
// extension (.geojson/.json, .xml) or --to. What the output format cannot hold (ASAP: holes,
// layers, notes) is named on stderr. OUT is written atomically and never equals IN.

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class AnnotationsConvertCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string input_, output_, to_;
};

} // namespace lamina::cli
