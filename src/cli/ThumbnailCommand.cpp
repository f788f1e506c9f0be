#include "ThumbnailCommand.h"

#include <lamina/render/export/ImageFileWriter.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideThumbnail.h>

namespace lamina::cli {

CLI::App* ThumbnailCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("thumbnail", "Write a thumbnail of the whole slide");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    sub->add_option("--max-size", maxSize_, "Longest side in pixels")
        ->check(CLI::Range(1, 16384))
        ->capture_default_str();
    sub->add_option("-o,--output", output_, "Output image (.png, .jpg, .tif)")->required();
    return sub;
}

int ThumbnailCommand::run() {
    const auto slide = FormatRegistry::standard().open(slidePath_);
    writeImageFile(renderThumbnail(*slide, maxSize_), output_);
    return 0;
}

} // namespace lamina::cli
