#include "ReportCommand.h"

#include "RegionArguments.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/render/export/FhirReportBundle.h>
#include <lamina/render/export/ReportPdfWriter.h>
#include <lamina/slide/FormatRegistry.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lamina::cli {
namespace fs = std::filesystem;
namespace {

void requireFolder(const std::string& path) {
    const fs::path p(path);
    const fs::path folder = p.has_parent_path() ? p.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(ErrorKind::NotFound, path, "the output folder does not exist");
}

// "X,Y,W,H" -> a region; anything else is an annotation id.
std::optional<QRectF> parseRegion(const std::string& spec) {
    double x = 0, y = 0, w = 0, h = 0;
    char tail = 0;
    if (std::sscanf(spec.c_str(), "%lf,%lf,%lf,%lf%c", &x, &y, &w, &h, &tail) != 4)
        return std::nullopt;
    if (!(w > 0) || !(h > 0))
        usageError("--snapshot " + spec + ": the width and height must be positive");
    return QRectF(x, y, w, h);
}

} // namespace

CLI::App* ReportCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("report", "Write a FHIR R4 report bundle (and a PDF sheet)");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    sub->add_option("--annotations", annotationsPath_, "Annotation file");
    sub->add_option("--snapshot", snapshots_,
                    "An annotation id (framed with a margin) or X,Y,W,H level-0 pixels; repeat")
        ->required();
    sub->add_option("--mpp", mpp_, "Snapshot µm per pixel");
    sub->add_option("--magnification", magnification_, "Snapshot magnification");
    auto* text = sub->add_option("--conclusion", conclusion_, "Conclusion text");
    sub->add_option("--conclusion-file", conclusionFile_, "Conclusion from a UTF-8 text file")
        ->excludes(text);
    sub->add_flag("--include-label", includeLabel_,
                  "Include the slide label image (it may identify the patient)");
    sub->add_option("-o,--output", output_, "FHIR Bundle (.json)")->required();
    sub->add_option("--pdf", pdfPath_, "Also write a PDF sheet");
    return sub;
}

int ReportCommand::run() {
    requireFolder(output_);
    if (!pdfPath_.empty())
        requireFolder(pdfPath_);
    const auto slide = FormatRegistry::standard().open(slidePath_);
    const double downsample =
        RegionArguments::downsampleFor(slide->metadata(), mpp_, magnification_);
    std::optional<AnnotationDocument> annotations;
    if (!annotationsPath_.empty())
        annotations = readAnnotationFile(annotationsPath_);

    Report report = reportFor(*slide, fs::path(slidePath_).filename().string());
    if (!conclusionFile_.empty()) {
        std::ifstream in(conclusionFile_, std::ios::binary);
        if (!in)
            throw Error(ErrorKind::NotFound, conclusionFile_, "cannot read the conclusion file");
        std::ostringstream text;
        text << in.rdbuf();
        report.conclusion = text.str();
    } else {
        report.conclusion = conclusion_;
    }
    ensureTextRendering();
    for (const auto& spec : snapshots_) {
        SnapshotOptions options;
        options.downsample = downsample;
        options.slideName = report.slideName;
        if (const auto region = parseRegion(spec)) {
            options.region = *region;
        } else {
            if (!annotations)
                usageError("--snapshot " + spec + " names an annotation: give --annotations FILE");
            options.region =
                RegionArguments::annotationFrame(*annotations, spec, annotationsPath_, downsample);
        }
        options.annotations = annotations ? &*annotations : nullptr;
        report.snapshots.push_back(makeReportSnapshot(*slide, options));
    }
    if (includeLabel_) {
        report.label = slideLabelImage(*slide);
        if (!report.label)
            throw Error(ErrorKind::InvalidArgument, slidePath_, "the slide has no label image");
        std::fprintf(stderr, "warning: the report includes the slide label image, which may "
                             "identify the patient\n");
    }

    if (!pdfPath_.empty())
        writeReportPdf(report, pdfPath_);
    writeFhirReportBundle(report, output_);
    size_t measured = 0;
    for (const auto& s : report.snapshots)
        measured += s.measurements.size();
    std::printf("%s: %zu snapshot%s, %zu measurement%s\n", output_.c_str(), report.snapshots.size(),
                report.snapshots.size() == 1 ? "" : "s", measured, measured == 1 ? "" : "s");
    return 0;
}

} // namespace lamina::cli
