// Reports: the FHIR R4 bundle passes a real validator (Medplum's, StructureDefinition-driven,
// installed by the test fixture) and carries what the pathologist chose — snapshots as PNG
// Media, measurements as Observations with UCUM units, the slide's identity (DICOM UIDs when
// it has them), the label only when asked; the PDF has a summary page plus one page per
// snapshot (read back with poppler's pdfinfo/pdftotext).

#include "TestSupport.h"

#include <lamina/render/export/FhirReportBundle.h>
#include <lamina/render/export/ReportPdfWriter.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/PixelSizeOverride.h>

#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>
#include <fstream>

using namespace lamina;
using lamina::test::TempDir;

namespace {

std::shared_ptr<const SlideSource> slide() {
    return FormatRegistry::standard().open(test::synthesizedSlide(8192, 6144, 11));
}

AnnotationDocument document() {
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    doc.ensureClass("Tumor", 0xC80000);
    Annotation tumor;
    tumor.id = "tumor-1";
    tumor.name = "Focus";
    tumor.className = "Tumor";
    tumor.geometry = {ShapeKind::Rectangle, {{1000, 1000}, {3000, 2500}}, {}}; // 0.1875 mm²
    Annotation ruler;
    ruler.id = "ruler-1";
    ruler.geometry = {ShapeKind::Line, {{1200, 2000}, {1600, 2300}}, {}}; // 500 px = 125 µm
    Annotation cells;
    cells.id = "cells-1";
    cells.geometry = {ShapeKind::MultiPoint, {{1500, 1500}, {1600, 1550}, {1700, 1500}}, {}};
    Annotation far; // outside both snapshots
    far.id = "far-1";
    far.geometry = {ShapeKind::Rectangle, {{7000, 5000}, {7100, 5100}}, {}};
    doc.layers[0].annotations = {tumor, ruler, cells, far};
    return doc;
}

Report makeReport(const SlideSource& s, const AnnotationDocument& doc) {
    Report report = reportFor(s, "case-7.svs");
    report.conclusion = "Invasive carcinoma, focus of 0.19 mm².";
    report.issued = QDateTime(QDate(2026, 11, 28), QTime(10, 30), Qt::UTC);
    SnapshotOptions o;
    o.region = QRectF(800, 800, 2400, 1900);
    o.downsample = 4;
    o.annotations = &doc;
    o.slideName = report.slideName;
    report.snapshots.push_back(makeReportSnapshot(s, o));
    o.region = QRectF(4000, 3000, 1600, 1200);
    report.snapshots.push_back(makeReportSnapshot(s, o));
    return report;
}

std::filesystem::path validatorDir() {
    return LAMINA_FHIR_VALIDATOR_DIR;
}

bool validatorInstalled() {
    return std::filesystem::exists(validatorDir() / "node_modules/@medplum/core/package.json");
}

// Skips (or fails in CI, where the fixture must have installed it) without the validator.
#define REQUIRE_FHIR_VALIDATOR()                                                                   \
    do {                                                                                           \
        if (!validatorInstalled()) {                                                               \
            const char* ci = std::getenv("CI");                                                    \
            if (ci && std::string(ci) == "true")                                                   \
                FAIL() << "the FHIR validator is not installed in " << validatorDir();             \
            GTEST_SKIP() << "the FHIR validator is not installed (npm offline?): run "             \
                            "scripts/install-fhir-validator.sh "                                   \
                         << validatorDir();                                                        \
        }                                                                                          \
    } while (0)

test::ProcessResult validate(const std::filesystem::path& file) {
    return test::runProcess({"node", (validatorDir() / "validate-bundle.mjs").string(), file});
}

std::filesystem::path writeJson(const TempDir& dir, const std::string& name,
                                const QByteArray& bytes) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary).write(bytes.constData(), bytes.size());
    return path;
}

QJsonArray entriesOf(const QByteArray& bundle) {
    return QJsonDocument::fromJson(bundle).object()["entry"].toArray();
}

std::vector<QJsonObject> resources(const QJsonArray& entries, const QString& type) {
    std::vector<QJsonObject> out;
    for (const auto& e : entries)
        if (e.toObject()["resource"].toObject()["resourceType"].toString() == type)
            out.push_back(e.toObject()["resource"].toObject());
    return out;
}

} // namespace

TEST(Report, SnapshotMeasuresTheVisibleAnnotationsItShows) {
    ensureTextRendering();
    const auto s = slide();
    AnnotationDocument doc = document();
    const Report report = makeReport(*s, doc);
    ASSERT_EQ(report.snapshots[0].measurements.size(), 3u);
    EXPECT_TRUE(report.snapshots[1].measurements.empty());
    EXPECT_EQ(describeMeasurement(report.snapshots[0].measurements[0]), "0.188 mm²");
    EXPECT_EQ(describeMeasurement(report.snapshots[0].measurements[1]), "125.0 µm");
    EXPECT_EQ(describeMeasurement(report.snapshots[0].measurements[2]), "3 points");
    doc.layers[0].visible = false;
    SnapshotOptions o;
    o.region = QRectF(800, 800, 2400, 1900);
    o.downsample = 4;
    o.annotations = &doc;
    EXPECT_TRUE(makeReportSnapshot(*s, o).measurements.empty()) << "hidden layers are not shown";
}

TEST(Report, FhirBundlePassesTheMedplumValidatorAndCarriesSnapshotsAndMeasurements) {
    REQUIRE_FHIR_VALIDATOR();
    ensureTextRendering();
    const auto s = slide();
    const AnnotationDocument doc = document();
    const Report report = makeReport(*s, doc);
    const QByteArray bundle = fhirReportBundle(report);
    TempDir dir;
    const auto result = validate(writeJson(dir, "bundle.json", bundle));
    EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
    EXPECT_EQ(result.out.find(" error "), std::string::npos) << result.out;

    const QJsonObject root = QJsonDocument::fromJson(bundle).object();
    EXPECT_EQ(root["resourceType"].toString(), "Bundle");
    EXPECT_EQ(root["type"].toString(), "collection");
    const QJsonArray entries = root["entry"].toArray();
    const auto reports = resources(entries, "DiagnosticReport");
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0]["status"].toString(), "preliminary");
    EXPECT_EQ(reports[0]["conclusion"].toString(), "Invasive carcinoma, focus of 0.19 mm².");
    EXPECT_EQ(reports[0]["media"].toArray().size(), 2);
    EXPECT_EQ(reports[0]["result"].toArray().size(), 3);
    EXPECT_FALSE(reports[0].contains("imagingStudy")) << "not a DICOM slide";

    const auto media = resources(entries, "Media");
    ASSERT_EQ(media.size(), 2u);
    const QImage png = QImage::fromData(
        QByteArray::fromBase64(media[0]["content"].toObject()["data"].toString().toLatin1()),
        "PNG");
    EXPECT_EQ(png.size(), report.snapshots[0].snapshot.image.size());
    EXPECT_EQ(media[0]["width"].toInt(), png.width());
    EXPECT_EQ(media[0]["height"].toInt(), png.height());
    const QString note = media[0]["note"].toArray()[0].toObject()["text"].toString();
    EXPECT_TRUE(note.contains("Region 800,800 2400 x 1900")) << note.toStdString();
    EXPECT_TRUE(note.contains(QString::fromUtf8("0.188 mm²"))) << note.toStdString();

    std::map<QString, double> valueByUnit;
    for (const auto& o : resources(entries, "Observation")) {
        const QJsonObject q = o["valueQuantity"].toObject();
        EXPECT_EQ(q["system"].toString(), "http://unitsofmeasure.org");
        valueByUnit[q["code"].toString()] = q["value"].toDouble();
    }
    EXPECT_DOUBLE_EQ(valueByUnit["mm2"], 0.1875);
    EXPECT_DOUBLE_EQ(valueByUnit["um"], 125);
    EXPECT_DOUBLE_EQ(valueByUnit["{count}"], 3);

    const auto specimens = resources(entries, "Specimen");
    ASSERT_EQ(specimens.size(), 1u);
    EXPECT_EQ(specimens[0]["identifier"].toArray()[0].toObject()["value"].toString().toStdString(),
              s->id().text());
    EXPECT_FALSE(bundle.contains("\"Patient\"")) << "no patient resource";
}

TEST(Report, ValidatorRejectsABrokenBundle) {
    // The validator is real: a bundle missing a required element and with a bad code fails.
    REQUIRE_FHIR_VALIDATOR();
    ensureTextRendering();
    const auto s = slide();
    const AnnotationDocument doc = document();
    QJsonObject root = QJsonDocument::fromJson(fhirReportBundle(makeReport(*s, doc))).object();
    QJsonArray entries = root["entry"].toArray();
    QJsonObject first = entries[0].toObject();
    QJsonObject diagnostic = first["resource"].toObject();
    diagnostic.remove("status");                            // 1..1 in R4
    diagnostic["issued"] = "the twenty-eighth of November"; // not an instant
    first["resource"] = diagnostic;
    entries[0] = first;
    root["entry"] = entries;
    TempDir dir;
    const auto result = validate(writeJson(dir, "broken.json", QJsonDocument(root).toJson()));
    EXPECT_EQ(result.exitCode, 1) << result.out << result.err;
    EXPECT_NE(result.out.find("status"), std::string::npos) << result.out;
}

TEST(Report, DicomSlideIsNamedByAnImagingStudyWithItsUids) {
    REQUIRE_FHIR_VALIDATOR();
    ensureTextRendering();
    const auto s = slide();
    const AnnotationDocument doc = document();
    Report report = makeReport(*s, doc);
    report.dicomUids.emplace("1.2.826.0.1.3680043.8.498.1", "1.2.826.0.1.3680043.8.498.2");
    const QByteArray bundle = fhirReportBundle(report);
    const auto studies = resources(entriesOf(bundle), "ImagingStudy");
    ASSERT_EQ(studies.size(), 1u);
    EXPECT_EQ(studies[0]["identifier"].toArray()[0].toObject()["value"].toString(),
              "urn:oid:1.2.826.0.1.3680043.8.498.1");
    EXPECT_EQ(studies[0]["series"].toArray()[0].toObject()["uid"].toString(),
              "1.2.826.0.1.3680043.8.498.2");
    TempDir dir;
    const auto result = validate(writeJson(dir, "dicom.json", bundle));
    EXPECT_EQ(result.exitCode, 0) << result.out << result.err;
    // reportFor() reads the UIDs from a DICOM slide id.
    EXPECT_FALSE(reportFor(*s, "x").dicomUids) << "a file slide has none";
}

TEST(Report, LabelImageOnlyWhenAskedAndWithAWarning) {
    ensureTextRendering();
    const auto s = slide();
    const AnnotationDocument doc = document();
    Report report = makeReport(*s, doc);
    EXPECT_EQ(resources(entriesOf(fhirReportBundle(report)), "Media").size(), 2u);
    report.label = slideLabelImage(*s);
    ASSERT_TRUE(report.label);
    const auto media = resources(entriesOf(fhirReportBundle(report)), "Media");
    ASSERT_EQ(media.size(), 3u);
    EXPECT_TRUE(media[2]["note"].toArray()[0].toObject()["text"].toString().contains(
        "may identify the patient"));
}

TEST(Report, PdfHasASummaryPageThenOnePagePerSnapshot) {
    ensureTextRendering();
    const auto s = slide();
    const AnnotationDocument doc = document();
    const Report report = makeReport(*s, doc);
    TempDir dir;
    const auto pdf = dir / "report.pdf";
    writeReportPdf(report, pdf);
    const auto info = test::runProcess({"pdfinfo", pdf.string()});
    ASSERT_EQ(info.exitCode, 0) << "pdfinfo (poppler-utils) missing or the PDF is broken: "
                                << info.err;
    EXPECT_NE(info.out.find("Pages:           3"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("A4"), std::string::npos) << info.out;
    const auto text = test::runProcess({"pdftotext", "-layout", pdf.string(), "-"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("Invasive carcinoma, focus of 0.19 mm²."), std::string::npos);
    EXPECT_NE(text.out.find("case-7.svs"), std::string::npos);
    EXPECT_NE(text.out.find("0.188 mm²"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("125.0 µm"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("label"), std::string::npos) << "no label page unless asked";
}

TEST(Report, ManyAnnotationsAreSummedPerClass) {
    ensureTextRendering();
    const auto s = slide();
    AnnotationDocument doc = document();
    doc.ensureClass("Nucleus", 0x0000FF);
    for (int i = 0; i < 120; ++i) { // detections: 10 x 10 px squares = 6.25 µm² each
        Annotation n;
        n.id = "n" + std::to_string(i);
        n.className = "Nucleus";
        const double x = 1100 + (i % 12) * 20, y = 1100 + (i / 12) * 20;
        n.geometry = {ShapeKind::Rectangle, {{x, y}, {x + 10, y + 10}}, {}};
        doc.layers[0].annotations.push_back(n);
    }
    SnapshotOptions o;
    o.region = QRectF(800, 800, 2400, 1900);
    o.downsample = 4;
    o.annotations = &doc;
    const ReportSnapshot shot = makeReportSnapshot(*s, o);
    // Tumor (area), unclassified (length, points) and Nucleus: one total each.
    ASSERT_EQ(shot.measurements.size(), 4u);
    const auto nucleus =
        std::find_if(shot.measurements.begin(), shot.measurements.end(),
                     [](const ReportMeasurement& m) { return m.className == "Nucleus"; });
    ASSERT_NE(nucleus, shot.measurements.end());
    EXPECT_EQ(nucleus->annotationName, "total of 120");
    EXPECT_NEAR(nucleus->values.area, 120 * 6.25, 1e-6);
}

// Rulers were named by their length when drawn ("509.9 µm"); after an edit the PDF printed that
// name beside the new length. Such names are left out of reports; the length is measured now.
TEST(Report, StaleRulerNamesAreLeftOutAndTheLengthIsMeasuredNow) {
    ensureTextRendering();
    const auto s = slide();
    AnnotationDocument doc = document();
    Annotation& ruler = doc.layers[0].annotations[1];
    ruler.name = "509.9 µm"; // drawn 2039.6 px long, then a vertex was moved: now 500 px
    Annotation named = ruler;
    named.id = "ruler-2";
    named.name = "Breslow depth"; // a name the user gave stays
    doc.layers[0].annotations.push_back(named);
    SnapshotOptions o;
    o.region = QRectF(800, 800, 2400, 1900);
    o.downsample = 4;
    o.annotations = &doc;
    const ReportSnapshot shot = makeReportSnapshot(*s, o);
    std::vector<std::string> rulerNames;
    for (const auto& m : shot.measurements)
        if (m.kind == ShapeKind::Line) {
            rulerNames.push_back(m.annotationName);
            EXPECT_EQ(describeMeasurement(m, QLocale::c()), "125.0 µm");
        }
    EXPECT_EQ(rulerNames, (std::vector<std::string>{"", "Breslow depth"}));
    Report report = reportFor(*s, "case-7.svs");
    report.snapshots.push_back(shot);
    TempDir dir;
    writeReportPdf(report, dir / "r.pdf");
    const auto text = test::runProcess({"pdftotext", (dir / "r.pdf").string(), "-"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_EQ(text.out.find("509.9"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("Breslow depth"), std::string::npos);
}

// A table longer than a page used to continue without its header (a page with two rows and
// no header): the header row repeats on every page the table runs onto.
TEST(Report, PdfMeasurementTableRepeatsItsHeaderOnEveryPage) {
    ensureTextRendering();
    const auto s = slide();
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    for (int i = 0; i < 45; ++i) { // itemized (at most kMaxItemizedMeasurements)
        Annotation r;
        r.id = "r" + std::to_string(i);
        r.name = "Margin " + std::to_string(i + 1);
        r.geometry = {ShapeKind::Line, {{1000.0 + i * 20, 1000}, {1000.0 + i * 20, 1400}}, {}};
        doc.layers[0].annotations.push_back(r);
    }
    Report report = reportFor(*s, "margins.svs");
    report.conclusion = std::string(1500, 'x') + " end of the conclusion.";
    SnapshotOptions o;
    o.region = QRectF(800, 800, 2400, 1900);
    o.downsample = 4;
    o.annotations = &doc;
    report.snapshots.push_back(makeReportSnapshot(*s, o));
    ASSERT_EQ(report.snapshots[0].measurements.size(), 45u);
    TempDir dir;
    writeReportPdf(report, dir / "r.pdf");
    // Every page that shows table rows ("Margin N") also shows the header ("Measurement").
    int pagesWithRows = 0;
    for (int page = 1; page <= 6; ++page) {
        const std::string p = std::to_string(page);
        const auto text =
            test::runProcess({"pdftotext", "-f", p, "-l", p, (dir / "r.pdf").string(), "-"});
        if (text.exitCode != 0)
            break; // past the last page
        if (text.out.find("Margin ") == std::string::npos)
            continue;
        ++pagesWithRows;
        EXPECT_NE(text.out.find("Measurement"), std::string::npos) << "page " << page << ":\n"
                                                                   << text.out;
    }
    EXPECT_GE(pagesWithRows, 3) << "the summary table and the snapshot's table span pages";
}

TEST(Report, UserEnteredPixelSizeIsStatedInThePdf) {
    ensureTextRendering();
    const auto s = std::make_shared<PixelSizeOverride>(slide(), 0.5);
    const AnnotationDocument doc = document();
    const Report report = makeReport(*s, doc);
    ASSERT_TRUE(report.userEnteredMicronsPerPixel);
    TempDir dir;
    writeReportPdf(report, dir / "r.pdf");
    const auto text = test::runProcess({"pdftotext", (dir / "r.pdf").string(), "-"});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("Pixel size entered by the user: 0.5"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("250.0 µm"), std::string::npos) << "lengths use the entered size";
}
