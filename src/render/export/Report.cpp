#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/render/export/Report.h>

#include <cstdio>

namespace lamina {

Report reportFor(const SlideSource& slide, std::string slideName) {
    Report report;
    report.slideName = std::move(slideName);
    report.slideId = slide.id();
    const std::string& id = slide.id().text();
    constexpr std::string_view prefix = "dicom:";
    if (id.rfind(prefix, 0) == 0) {
        const auto slash = id.find('/', prefix.size());
        if (slash != std::string::npos)
            report.dicomUids.emplace(id.substr(prefix.size(), slash - prefix.size()),
                                     id.substr(slash + 1));
    }
    return report;
}

ReportSnapshot makeReportSnapshot(const SlideSource& slide, const SnapshotOptions& options) {
    ReportSnapshot out;
    out.snapshot = renderSnapshot(slide, options);
    out.region = options.region.normalized();
    out.downsample = options.downsample;
    if (!options.annotations)
        return out;
    const AnnotationDocument& document = *options.annotations;
    const Scale scale{slide.metadata().mppX, slide.metadata().mppY};
    const AnnotationIndex index(document);
    for (const auto& at : index.intersecting(
             {out.region.left(), out.region.top(), out.region.right(), out.region.bottom()})) {
        const AnnotationLayer& layer = document.layers[at.layer];
        if (!layer.visible)
            continue;
        const Annotation& a = layer.annotations[at.index];
        out.measurements.push_back(
            {a.id, a.name, a.className, a.geometry.kind, measure(a.geometry, scale)});
    }
    return out;
}

std::string describeMeasurement(const ReportMeasurement& m) {
    char text[64];
    const ShapeMeasurements& v = m.values;
    switch (m.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        std::snprintf(text, sizeof text, "%zu point%s", v.points, v.points == 1 ? "" : "s");
        break;
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        if (!v.hasMicrons)
            std::snprintf(text, sizeof text, "%.0f px", v.length);
        else if (v.length >= 10000)
            std::snprintf(text, sizeof text, "%.2f mm", v.length / 1000);
        else
            std::snprintf(text, sizeof text, "%.1f µm", v.length);
        break;
    default:
        if (!v.hasMicrons)
            std::snprintf(text, sizeof text, "%.0f px²", v.area);
        else if (v.area >= 1e5)
            std::snprintf(text, sizeof text, "%.3f mm²", v.area / 1e6);
        else
            std::snprintf(text, sizeof text, "%.0f µm²", v.area);
        break;
    }
    return text;
}

} // namespace lamina
