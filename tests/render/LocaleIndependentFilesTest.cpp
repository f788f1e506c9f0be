// Files never follow the C locale. Qt sets LC_NUMERIC from the system when the app starts, so
// on a French workstation snprintf/strtod use a decimal comma: a slide written there said
// "MPP = 0,2500" (OpenSlide then reads no scale) and numbers in reports and DICOM answers were
// misread. Each test runs under fr_FR.UTF-8 and checks what other tools read.

#include "TestSupport.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/NumberParsing.h>
#include <lamina/render/export/FhirReportBundle.h>
#include <lamina/render/export/PyramidExport.h>
#include <lamina/render/export/Report.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/TiffFile.h>

#include <gtest/gtest.h>
#include <openslide.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <clocale>
#include <string>

using namespace lamina;
using lamina::test::TempDir;

namespace {

// The C locale of a French workstation for the test's duration.
class FrenchCLocale : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::setlocale(LC_ALL, "fr_FR.UTF-8"))
            GTEST_SKIP() << "the fr_FR.UTF-8 locale is not installed (Debian: locales-all)";
        char text[16];
        std::snprintf(text, sizeof text, "%.1f", 0.5);
        ASSERT_STREQ(text, "0,5") << "the locale must really use a decimal comma";
    }
    void TearDown() override { std::setlocale(LC_ALL, "C"); }
};

std::string property(const std::filesystem::path& slide, const char* name) {
    const auto osr = test::openWithOpenSlide(slide);
    const char* v = osr ? openslide_get_property_value(osr.get(), name) : nullptr;
    return v ? v : "";
}

} // namespace

TEST_F(FrenchCLocale, SyntheticSlideStatesItsScaleWithADecimalPoint) {
    SyntheticSlideOptions o;
    o.width = 2048;
    o.height = 1536;
    o.seed = 71;
    o.mpp = 0.2527;
    const auto path = test::synthesizedSlide(o);
    EXPECT_EQ(property(path, "aperio.MPP"), "0.2527");
    // OpenSlide read it as a number (it prints that number in full).
    const auto mppX = parseDouble(property(path, OPENSLIDE_PROPERTY_NAME_MPP_X));
    ASSERT_TRUE(mppX);
    EXPECT_NEAR(*mppX, 0.2527, 1e-12);
    const auto slide = FormatRegistry::standard().open(path.string());
    ASSERT_TRUE(slide->metadata().mppX);
    EXPECT_DOUBLE_EQ(*slide->metadata().mppX, 0.2527);
}

TEST_F(FrenchCLocale, ExportedRegionStatesItsScaleWithADecimalPoint) {
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(4096, 3072, 72));
    TempDir dir;
    PyramidExportOptions o;
    o.region = QRectF(0, 0, 2048, 1536);
    o.downsample = 2; // 0.5 µm per pixel
    exportPyramid(*slide, o, dir / "region.tif");
    EXPECT_EQ(property(dir / "region.tif", "aperio.MPP"), "0.500000");
    EXPECT_EQ(property(dir / "region.tif", "aperio.Lamina Source Region"), "0,0 2048x1536 at 2");
    const auto reread = FormatRegistry::standard().open((dir / "region.tif").string());
    ASSERT_TRUE(reread->metadata().mppX);
    EXPECT_DOUBLE_EQ(*reread->metadata().mppX, 0.5);
}

TEST_F(FrenchCLocale, ReportBundleWritesPointDecimals) {
    ensureTextRendering();
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(4096, 3072, 73));
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    Annotation ruler;
    ruler.id = "r";
    ruler.geometry = {ShapeKind::Line, {{1000, 1000}, {1401, 1000}}, {}}; // 100.25 µm
    doc.layers[0].annotations = {ruler};
    Report report = reportFor(*slide, "fr.svs");
    SnapshotOptions o;
    o.region = QRectF(800, 800, 1000, 800);
    o.downsample = 2;
    o.annotations = &doc;
    report.snapshots.push_back(makeReportSnapshot(*slide, o));
    const QString bundle = QString::fromUtf8(fhirReportBundle(report));
    EXPECT_TRUE(bundle.contains(QStringLiteral("at 0.5 µm/px"))) << bundle.toStdString();
    EXPECT_TRUE(bundle.contains(QStringLiteral("100.2 µm")) ||
                bundle.contains(QStringLiteral("100.3 µm")))
        << bundle.toStdString();
    EXPECT_FALSE(bundle.contains(QStringLiteral("0,5 µm/px")));
}

TEST_F(FrenchCLocale, GeoJsonCoordinatesKeepTheirDecimalPoint) {
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    Annotation a;
    a.id = "a";
    a.geometry = {ShapeKind::Line, {{1.5, 2.25}, {3.125, 4}}, {}};
    doc.layers[0].annotations = {a};
    const std::string text = QuPathGeoJson::serialize(doc);
    EXPECT_NE(text.find("[1.5,2.25]"), std::string::npos) << text;
    const AnnotationDocument back = QuPathGeoJson::parse(text, "fr.geojson");
    EXPECT_EQ(back.layers[0].annotations[0].geometry.points, a.geometry.points);
}
