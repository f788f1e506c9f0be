#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/render/ViewScale.h>
#include <lamina/render/export/Report.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace lamina {

Report reportFor(const SlideSource& slide, std::string slideName) {
    Report report;
    report.slideName = std::move(slideName);
    report.slideId = slide.id();
    if (slide.metadata().mppUserEntered)
        report.userEnteredMicronsPerPixel = slide.metadata().mppX;
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

bool isStaleLengthName(const Annotation& annotation) {
    // "509.9 µm", "1,23 mm", "456 px": what rulers were named by before 0.1.
    if (annotation.geometry.kind != ShapeKind::Line &&
        annotation.geometry.kind != ShapeKind::Polyline)
        return false;
    const std::string& name = annotation.name;
    const auto space = name.find(' ');
    if (space == std::string::npos || space == 0)
        return false;
    const std::string number = name.substr(0, space), unit = name.substr(space + 1);
    if (unit != "µm" && unit != "mm" && unit != "px")
        return false;
    const auto separator = number.find_first_of(".,");
    const auto digits = [](const std::string& s) {
        return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
    };
    return separator == std::string::npos
               ? digits(number)
               : digits(number.substr(0, separator)) && digits(number.substr(separator + 1));
}

ReportSnapshot makeReportSnapshot(const SlideSource& slide, const SnapshotOptions& options) {
    ReportSnapshot out;
    out.snapshot = renderSnapshot(slide, options);
    out.region = options.region.normalized();
    out.downsample = options.downsample;
    if (!options.annotations)
        return out;
    const AnnotationDocument& document = *options.annotations;
    const Scale scale = scaleOf(slide.metadata());
    const AnnotationIndex index(document);
    for (const auto& at : index.intersecting(
             {out.region.left(), out.region.top(), out.region.right(), out.region.bottom()})) {
        const AnnotationLayer& layer = document.layers[at.layer];
        if (!layer.visible)
            continue;
        const Annotation& a = layer.annotations[at.index];
        out.measurements.push_back({a.id, isStaleLengthName(a) ? std::string() : a.name,
                                    a.className, a.geometry.kind, measure(a.geometry, scale)});
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

MeasuredQuantity quantityOf(const ReportMeasurement& m) {
    const ShapeMeasurements& v = m.values;
    switch (m.kind) {
    case ShapeKind::Point:
    case ShapeKind::MultiPoint:
        return {double(v.points), v.points == 1 ? "point" : "points", "{count}"};
    case ShapeKind::Line:
    case ShapeKind::Polyline:
        if (!v.hasMicrons)
            return {v.length, "px", "{px}"};
        return v.length >= 10000 ? MeasuredQuantity{v.length / 1000, "mm", "mm"}
                                 : MeasuredQuantity{v.length, "µm", "um"};
    default:
        if (!v.hasMicrons)
            return {v.area, "px²", "{px2}"};
        return v.area >= 1e5 ? MeasuredQuantity{v.area / 1e6, "mm²", "mm2"}
                             : MeasuredQuantity{v.area, "µm²", "um2"};
    }
}

std::string describeMeasurement(const ReportMeasurement& m, const QLocale& locale) {
    const MeasuredQuantity q = quantityOf(m);
    // Decimals that suit the unit: counts and pixels whole, mm² to the µm², µm to 0.1.
    const int decimals = q.ucum == "mm2" ? 3 : q.ucum == "mm" ? 2 : q.ucum == "um" ? 1 : 0;
    QLocale numbers = locale;
    numbers.setNumberOptions(QLocale::OmitGroupSeparator);
    return (numbers.toString(q.value, 'f', decimals) + QLatin1Char(' ') +
            QString::fromStdString(q.unit))
        .toStdString();
}

} // namespace lamina
