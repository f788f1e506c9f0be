#include "SnapshotCommand.h"

#include "ImageFileWriter.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/render/export/SnapshotRenderer.h>
#include <lamina/slide/FormatRegistry.h>

#include <cstdio>
#include <filesystem>

namespace lamina::cli {
namespace {

[[noreturn]] void usage(const std::string& what) {
    throw Error(ErrorKind::InvalidArgument, {}, what);
}

} // namespace

CLI::App* SnapshotCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("snapshot", "Write a report snapshot of a slide region");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    sub->add_option("--region", region_, "X,Y,W,H in level-0 pixels");
    sub->add_option("--center", center_, "X,Y in level-0 pixels (with --size)");
    sub->add_option("--size", size_, "WxH output pixels (with --center)");
    sub->add_option("--annotation", annotationId_,
                    "Frame this annotation (id, with --annotations)");
    sub->add_option("--annotations", annotationsPath_, "Annotation file to burn in");
    sub->add_flag("--no-annotations", noAnnotations_, "Do not burn the annotations in");
    sub->add_option("--mpp", mpp_, "Output µm per pixel");
    sub->add_option("--magnification", magnification_, "Output magnification (40 = 0.25 µm/px)");
    sub->add_flag("--scale-bar", scaleBar_, "Draw a scale bar");
    sub->add_flag("--caption", caption_, "Add a caption band (name, magnification, µm/px, date)");
    sub->add_flag("--upscale", upscale_, "Allow enlarging beyond the slide's resolution");
    sub->add_option("--quality", quality_, "JPEG quality")->capture_default_str();
    sub->add_option("-o,--output", output_, "Output image (.png, .jpg, .tif)")->required();
    return sub;
}

int SnapshotCommand::run() {
    if (int(!region_.empty()) + int(!center_.empty()) + int(!annotationId_.empty()) != 1)
        usage("give exactly one of --region, --center (with --size) or --annotation");
    if (mpp_.has_value() == magnification_.has_value())
        usage("give exactly one of --mpp or --magnification");
    const auto slide = FormatRegistry::standard().open(slidePath_);
    const SlideMetadata& meta = slide->metadata();

    SnapshotOptions options;
    if (mpp_) {
        if (!meta.mppX || !(*mpp_ > 0))
            usage(meta.mppX ? "--mpp must be positive"
                            : "the slide has no MPP: use --magnification");
        options.downsample = *mpp_ / *meta.mppX;
    } else {
        const auto ds = downsampleForMagnification(meta, *magnification_);
        if (!ds || !(*magnification_ > 0))
            usage("the slide has no magnification (no MPP or objective power): use --region "
                  "with --mpp on a slide that has them");
        options.downsample = *ds;
    }

    std::optional<AnnotationDocument> annotations;
    if (!annotationsPath_.empty())
        annotations = readAnnotationFile(annotationsPath_);
    if (!region_.empty()) {
        double x = 0, y = 0, w = 0, h = 0;
        if (std::sscanf(region_.c_str(), "%lf,%lf,%lf,%lf", &x, &y, &w, &h) != 4 || w <= 0 ||
            h <= 0)
            usage("--region must be X,Y,W,H with a positive width and height");
        options.region = QRectF(x, y, w, h);
    } else if (!center_.empty()) {
        double x = 0, y = 0;
        int w = 0, h = 0;
        if (std::sscanf(center_.c_str(), "%lf,%lf", &x, &y) != 2)
            usage("--center must be X,Y");
        if (std::sscanf(size_.c_str(), "%dx%d", &w, &h) != 2 || w <= 0 || h <= 0)
            usage("--center needs --size WxH (output pixels)");
        options.region = QRectF(x - w * options.downsample / 2, y - h * options.downsample / 2,
                                w * options.downsample, h * options.downsample);
    } else {
        if (!annotations)
            usage("--annotation needs --annotations FILE");
        const auto where = annotations->find(annotationId_);
        if (!where)
            throw Error(ErrorKind::InvalidArgument, annotationsPath_,
                        "no annotation with id " + annotationId_);
        const auto b =
            annotations->layers[where->layer].annotations[where->index].geometry.bounds();
        // 10 % around it, at least 32 output pixels (a point gets a small square).
        const double margin =
            std::max(0.1 * std::max(b.maxX - b.minX, b.maxY - b.minY), 32 * options.downsample);
        options.region = QRectF(QPointF(b.minX - margin, b.minY - margin),
                                QPointF(b.maxX + margin, b.maxY + margin));
    }
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
