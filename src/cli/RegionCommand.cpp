#include "RegionCommand.h"

#include <lamina/render/export/ImageFileWriter.h>

namespace lamina::cli {

CLI::App* RegionCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("region", "Write a region of one pyramid level to an image");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    sub->add_option("--level", level_, "Pyramid level (0 = full resolution)")->required();
    sub->add_option("--x", x_, "Left edge in level-0 pixels")->required();
    sub->add_option("--y", y_, "Top edge in level-0 pixels")->required();
    sub->add_option("--width", width_, "Width in pixels of the level")->required();
    sub->add_option("--height", height_, "Height in pixels of the level")->required();
    sub->add_option("-o,--output", output_, "Output image (.png, .jpg, .tif)")->required();
    addPyramidOption(sub, pyramid_);
    return sub;
}

int RegionCommand::run() {
    const auto slide = openSlide(slidePath_, pyramid_);
    writeImageFile(slide->readRegion(level_, x_, y_, width_, height_), output_);
    return 0;
}

} // namespace lamina::cli
