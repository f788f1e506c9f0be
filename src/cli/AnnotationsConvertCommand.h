#pragma once
// `lamina-cli annotations convert IN OUT [--to geojson]`: reads an annotation file and
// writes it in the format of OUT's extension (or --to). Today: QuPath GeoJSON in and out
// (normalises and validates a file, and adds Lamina's layer data); ASAP and ImageScope XML
// are the annotation issue's next formats. OUT is written atomically and never equals IN.

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
