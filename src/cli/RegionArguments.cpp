#include "RegionArguments.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/render/ViewScale.h>
#include <lamina/render/export/SnapshotRenderer.h>
#include <lamina/slide/FormatRegistry.h>

#include <algorithm>
#include <cstdio>

namespace lamina::cli {

void usageError(const std::string& what) {
    throw Error(ErrorKind::InvalidArgument, {}, what);
}

void RegionArguments::add(CLI::App* sub, bool annotationOption) {
    sub->add_option("--region", region_, "X,Y,W,H in level-0 pixels");
    sub->add_option("--center", center_, "X,Y in level-0 pixels (with --size)");
    sub->add_option("--size", size_, "WxH output pixels (with --center)");
    if (annotationOption)
        sub->add_option("--annotation", annotationId_,
                        "Frame this annotation (id, with --annotations)");
    sub->add_option("--mpp", mpp_, "Output µm per pixel");
    sub->add_option("--magnification", magnification_, "Output magnification (40 = 0.25 µm/px)");
}

double RegionArguments::downsampleFor(const SlideMetadata& meta, std::optional<double> mpp,
                                      std::optional<double> magnification) {
    if (mpp.has_value() == magnification.has_value())
        usageError("give exactly one of --mpp or --magnification");
    if (mpp) {
        if (!meta.mppX || !(*mpp > 0))
            usageError(meta.mppX ? "--mpp must be positive"
                                 : "the slide has no MPP: use --magnification");
        return *mpp / *meta.mppX;
    }
    const auto ds = downsampleForMagnification(meta, *magnification);
    if (!ds || !(*magnification > 0))
        usageError("the slide has no magnification (no MPP or objective power): use --region "
                   "with --mpp on a slide that has them");
    return *ds;
}

QRectF RegionArguments::annotationFrame(const AnnotationDocument& annotations,
                                        const std::string& id, const std::string& annotationsPath,
                                        double downsample) {
    const auto where = annotations.find(id);
    if (!where)
        throw Error(ErrorKind::InvalidArgument, annotationsPath, "no annotation with id " + id);
    const auto b = annotations.layers[where->layer].annotations[where->index].geometry.bounds();
    return framedWithMargin(QRectF(QPointF(b.minX, b.minY), QPointF(b.maxX, b.maxY)), downsample);
}

RegionArguments::Resolved RegionArguments::open(const std::string& slidePath,
                                                const std::string& annotationsPath) const {
    Resolved r;
    r.slide = FormatRegistry::standard().open(slidePath);
    if (!annotationsPath.empty())
        r.annotations = readAnnotationFile(annotationsPath);
    r.choice = resolve(*r.slide, r.annotations ? &*r.annotations : nullptr, annotationsPath);
    return r;
}

RegionChoice RegionArguments::resolve(const SlideSource& slide,
                                      const AnnotationDocument* annotations,
                                      const std::string& annotationsPath) const {
    if (int(!region_.empty()) + int(!center_.empty()) + int(!annotationId_.empty()) != 1)
        usageError("give exactly one of --region, --center (with --size) or --annotation");
    RegionChoice choice;
    choice.downsample = downsample(slide.metadata());
    const double ds = choice.downsample;
    if (!region_.empty()) {
        double x = 0, y = 0, w = 0, h = 0;
        if (std::sscanf(region_.c_str(), "%lf,%lf,%lf,%lf", &x, &y, &w, &h) != 4 || !(w > 0) ||
            !(h > 0))
            usageError("--region must be X,Y,W,H with a positive width and height");
        choice.region = QRectF(x, y, w, h);
    } else if (!center_.empty()) {
        double x = 0, y = 0;
        int w = 0, h = 0;
        if (std::sscanf(center_.c_str(), "%lf,%lf", &x, &y) != 2)
            usageError("--center must be X,Y");
        if (std::sscanf(size_.c_str(), "%dx%d", &w, &h) != 2 || w <= 0 || h <= 0)
            usageError("--center needs --size WxH (output pixels)");
        choice.region = QRectF(x - w * ds / 2, y - h * ds / 2, w * ds, h * ds);
    } else {
        if (!annotations)
            usageError("--annotation needs --annotations FILE");
        choice.region = annotationFrame(*annotations, annotationId_, annotationsPath, ds);
    }
    return choice;
}

} // namespace lamina::cli
