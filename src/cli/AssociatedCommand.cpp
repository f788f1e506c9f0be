#include "AssociatedCommand.h"

#include <lamina/render/export/ImageFileWriter.h>
#include <lamina/slide/FormatRegistry.h>

namespace lamina::cli {

CLI::App* AssociatedCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand(
        "associated", "Write an associated image (label, macro, thumbnail); labels may show "
                      "patient identity");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    sub->add_option("name", name_, "Associated image name (see `info`)")->required();
    sub->add_option("-o,--output", output_, "Output image (.png, .jpg, .tif)")->required();
    return sub;
}

int AssociatedCommand::run() {
    const auto slide = FormatRegistry::standard().open(slidePath_);
    writeImageFile(slide->readAssociated(name_), output_);
    return 0;
}

} // namespace lamina::cli
