#include "SnapshotCommand.h"

#include "RegionArguments.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/render/export/ImageFileWriter.h>
#include <lamina/render/export/SnapshotRenderer.h>
#include <lamina/slide/FormatRegistry.h>

#include <filesystem>

namespace lamina::cli {

CLI::App* SnapshotCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("snapshot", "Write a report snapshot of a slide region");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    where_.add(sub);
    sub->add_option("--annotations", annotationsPath_, "Annotation file to burn in");
    sub->add_flag("--no-annotations", noAnnotations_, "Do not burn the annotations in");
    sub->add_flag("--scale-bar", scaleBar_, "Draw a scale bar");
    sub->add_flag("--caption", caption_, "Add a caption band (name, magnification, µm/px, date)");
    sub->add_flag("--upscale", upscale_, "Allow enlarging beyond the slide's resolution");
    sub->add_option("--quality", quality_, "JPEG quality")->capture_default_str();
    sub->add_option("-o,--output", output_, "Output image (.png, .jpg, .tif)")->required();
    return sub;
}

int SnapshotCommand::run() {
    const auto [slide, annotations, choice] = where_.open(slidePath_, annotationsPath_);
    SnapshotOptions options;
    options.region = choice.region;
    options.downsample = choice.downsample;
    if (annotations && !noAnnotations_)
        options.annotations = &*annotations;
    options.allowUpscale = upscale_;
    options.scaleBar = scaleBar_;
    options.caption = caption_;
    options.slideName = std::filesystem::path(slidePath_).filename().string();
    ensureTextRendering();
    const Snapshot shot = renderSnapshot(*slide, options);
    writeImageFile(shot.image, output_, quality_);
    return 0;
}

} // namespace lamina::cli
