#include "ExportCommand.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/render/export/PyramidExport.h>
#include <lamina/slide/FormatRegistry.h>

#include <chrono>
#include <cstdio>

namespace lamina::cli {

CLI::App* ExportCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand(
        "export", "Export a region of any size as a pyramidal TIFF (image or label mask)");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    where_.add(sub);
    sub->add_option("--annotations", annotationsPath_, "Annotation file");
    auto* outlines = sub->add_flag("--outlines", outlines_, "Burn the annotations in");
    sub->add_flag("--label-mask", labelMask_,
                  "Write the annotations as a label mask (one value per class) instead")
        ->excludes(outlines);
    sub->add_flag("--upscale", upscale_, "Allow enlarging beyond the slide's resolution");
    sub->add_option("--quality", quality_, "JPEG quality")->capture_default_str();
    sub->add_option("--tile-size", tileSize_, "Tile side in pixels")->capture_default_str();
    sub->add_option("-o,--output", output_, "Output pyramidal TIFF (.tif)")->required();
    return sub;
}

int ExportCommand::run() {
    if ((outlines_ || labelMask_) && annotationsPath_.empty())
        usageError("--outlines and --label-mask need --annotations FILE");
    const auto [slide, annotations, choice] = where_.open(slidePath_, annotationsPath_);
    PyramidExportOptions options;
    options.content = labelMask_ ? PyramidExportOptions::Content::LabelMask
                                 : PyramidExportOptions::Content::Image;
    options.region = choice.region;
    options.downsample = choice.downsample;
    options.allowUpscale = upscale_;
    if (outlines_ || labelMask_)
        options.annotations = &*annotations;
    options.quality = quality_;
    options.tileSize = tileSize_;
    const auto start = std::chrono::steady_clock::now();
    const PyramidExportReport report = exportPyramid(*slide, options, output_);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %lld x %lld, %zu levels, %llu tiles, %.1f MB%s in %.1f s\n", output_.c_str(),
                (long long)report.levels[0].width, (long long)report.levels[0].height,
                report.levels.size(), (unsigned long long)report.tiles,
                double(report.fileBytes) / 1e6, report.bigTiff ? " (BigTIFF)" : "", seconds);
    if (report.micronsPerPixel)
        std::printf("%.4f µm/px\n", *report.micronsPerPixel);
    for (const auto& [value, name] : report.classValues)
        std::printf("%d = %s\n", value, name.empty() ? "(unclassified)" : name.c_str());
    return 0;
}

} // namespace lamina::cli
