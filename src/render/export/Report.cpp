#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/render/export/Report.h>

#include <algorithm>
#include <cstdio>
#include <map>

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

namespace {

// What is summed together: areas, lengths, points.
int family(ShapeKind kind) {
    switch (kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        return 2;
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        return 1;
    default:
        return 0;
    }
}

// One measurement per class and family: total area, total length or total points, named
// "total of N".
std::vector<ReportMeasurement> totalsPerClass(const std::vector<ReportMeasurement>& items) {
    std::map<std::pair<std::string, int>, std::pair<ReportMeasurement, size_t>> totals;
    for (const auto& m : items) {
        auto [it, fresh] = totals.try_emplace({m.className, family(m.kind)});
        auto& [total, count] = it->second;
        if (fresh) {
            total.className = m.className;
            total.kind = m.kind == ShapeKind::Point ? ShapeKind::MultiPoint : m.kind;
            total.values.hasMicrons = m.values.hasMicrons;
        }
        total.values.area += m.values.area;
        total.values.perimeter += m.values.perimeter;
        total.values.length += m.values.length;
        total.values.points += m.values.points;
        ++count;
    }
    std::vector<ReportMeasurement> out;
    for (auto& [key, entry] : totals) {
        entry.first.annotationName = "total of " + std::to_string(entry.second);
        out.push_back(std::move(entry.first));
    }
    return out;
}

} // namespace

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
    if (out.measurements.size() > kMaxItemizedMeasurements)
        out.measurements = totalsPerClass(out.measurements);
    return out;
}

std::optional<QImage> slideLabelImage(const SlideSource& slide) {
    const auto& names = slide.metadata().associatedImages;
    if (std::find(names.begin(), names.end(), "label") == names.end())
        return std::nullopt;
    const RgbaImage label = slide.readAssociated("label");
    return QImage(reinterpret_cast<const uchar*>(label.data()), label.width(), label.height(),
                  qsizetype(label.width()) * 4, QImage::Format_ARGB32_Premultiplied)
        .copy();
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
