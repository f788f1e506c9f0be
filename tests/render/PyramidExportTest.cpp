// The large-region export: a pyramidal TIFF that OpenSlide opens with the export's size,
// levels and MPP and whose pixels are the slide's; a label mask with each class's value at
// the right pixels; cancel and failures leave no file; bad requests are refused clearly.
// (The 60000 x 60000 export with measured memory is in tests/cli/SynthMemoryTest.cpp.)

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/render/export/PyramidExport.h>
#include <lamina/render/export/RegionSampling.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/TiffFile.h>

#include <gtest/gtest.h>

#include <fstream>

using namespace lamina;
using lamina::test::TempDir;

namespace {

std::shared_ptr<const SlideSource> slide() {
    return FormatRegistry::standard().open(test::synthesizedSlide(8192, 6144, 11));
}

RgbaImage readWithOpenSlide(openslide_t* o, int level, int64_t x, int64_t y, int w, int h) {
    RgbaImage image(w, h);
    openslide_read_region(o, image.data(), x, y, level, w, h);
    return image;
}

AnnotationDocument twoClassDocument() {
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    doc.classes.clear();
    doc.ensureClass("Tumor", 0xFF0000);
    doc.ensureClass("Stroma", 0x00FF00);
    Annotation tumor;
    tumor.id = "t";
    tumor.className = "Tumor";
    tumor.geometry = {ShapeKind::Rectangle, {{1000, 1000}, {1400, 1200}}, {}};
    Annotation stroma;
    stroma.id = "s";
    stroma.className = "Stroma";
    // A square with a square hole.
    stroma.geometry = {ShapeKind::Polygon,
                       {{2000, 1000}, {2400, 1000}, {2400, 1400}, {2000, 1400}},
                       {{{2100, 1100}, {2300, 1100}, {2300, 1300}, {2100, 1300}}}};
    Annotation note; // not an area: not in the mask
    note.id = "p";
    note.className = "Tumor";
    note.geometry = {ShapeKind::Point, {{3000, 3000}}, {}};
    doc.layers[0].annotations = {tumor, stroma, note};
    return doc;
}

} // namespace

TEST(PyramidExport, OpenSlideReadsTheExportWithItsSizeLevelsScaleAndPixels) {
    const auto s = slide();
    TempDir dir;
    PyramidExportOptions o;
    o.region = QRectF(1024, 512, 5000, 4100);
    o.downsample = 1;
    o.tileSize = 256;
    o.quality = 95;
    const auto out = dir / "region.tif";
    const PyramidExportReport report = exportPyramid(*s, o, out);
    ASSERT_EQ(report.levels.size(), 3u); // 5000, 1250, 313
    EXPECT_EQ(report.levels[1].width, 1250);
    EXPECT_EQ(report.levels[2].width, 313);

    const auto os = test::openWithOpenSlide(out);
    ASSERT_TRUE(os && !openslide_get_error(os.get()));
    int64_t w = 0, h = 0;
    openslide_get_level0_dimensions(os.get(), &w, &h);
    EXPECT_EQ(w, 5000);
    EXPECT_EQ(h, 4100);
    EXPECT_EQ(openslide_get_level_count(os.get()), 3);
    EXPECT_STREQ(openslide_get_property_value(os.get(), "openslide.mpp-x"), "0.25");
    EXPECT_STREQ(openslide_get_property_value(os.get(), "openslide.objective-power"), "40");
    // Pixels: the source's, within JPEG re-encoding tolerance, across tile borders.
    const auto diff = test::compareImages(readWithOpenSlide(os.get(), 0, 200, 200, 600, 400),
                                          s->readRegion(0, 1224, 712, 600, 400));
    EXPECT_LT(diff.mean, 3.0);
    // A lower level shows the same place, reduced.
    const auto low =
        test::compareImages(readWithOpenSlide(os.get(), 1, 400, 400, 200, 150),
                            sampleRegion(*s, QRectF(1424, 912, 800, 600), 200, 150).pixels);
    EXPECT_LT(low.mean, 4.0);
}

TEST(PyramidExport, ReducedExportScalesTheMppAndBurnsOutlines) {
    const auto s = slide();
    TempDir dir;
    const AnnotationDocument doc = twoClassDocument();
    PyramidExportOptions o;
    o.region = QRectF(0, 0, 4096, 4096);
    o.downsample = 2;
    o.tileSize = 256;
    const auto plain = dir / "plain.tif", burnt = dir / "burnt.tif";
    exportPyramid(*s, o, plain);
    o.annotations = &doc;
    const PyramidExportReport report = exportPyramid(*s, o, burnt);
    EXPECT_DOUBLE_EQ(*report.micronsPerPixel, 0.5);
    const auto a = test::openWithOpenSlide(plain), b = test::openWithOpenSlide(burnt);
    EXPECT_STREQ(openslide_get_property_value(b.get(), "openslide.mpp-x"), "0.5");
    EXPECT_STREQ(openslide_get_property_value(b.get(), "openslide.objective-power"), "20");
    // The Tumor box's left edge is at x = 500 in the export: red there, unchanged far away.
    const RgbaImage withEdge = readWithOpenSlide(b.get(), 0, 496, 520, 8, 40);
    const RgbaImage without = readWithOpenSlide(a.get(), 0, 496, 520, 8, 40);
    EXPECT_GT(test::compareImages(withEdge, without).max, 80);
    const auto far = test::compareImages(readWithOpenSlide(b.get(), 0, 1800, 200, 64, 64),
                                         readWithOpenSlide(a.get(), 0, 1800, 200, 64, 64));
    EXPECT_EQ(far.max, 0);
}

TEST(PyramidExport, LabelMaskHoldsEachClassValueAtItsPixels) {
    const auto s = slide();
    TempDir dir;
    const AnnotationDocument doc = twoClassDocument();
    PyramidExportOptions o;
    o.content = PyramidExportOptions::Content::LabelMask;
    o.region = QRectF(0, 0, 4000, 3000);
    o.downsample = 1;
    o.tileSize = 256;
    o.annotations = &doc;
    const auto out = dir / "mask.tif";
    const PyramidExportReport report = exportPyramid(*s, o, out);
    ASSERT_EQ(report.classValues.size(), 3u);
    EXPECT_EQ(report.classValues[0], (std::pair<int, std::string>(1, "Tumor")));
    EXPECT_EQ(report.classValues[1], (std::pair<int, std::string>(2, "Stroma")));
    EXPECT_EQ(report.classValues[2], (std::pair<int, std::string>(3, "")));

    TiffFile tiff(out, "r");
    uint32_t width = 0, tileWidth = 0;
    uint16_t samples = 0, bits = 0;
    TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tiff.get(), TIFFTAG_TILEWIDTH, &tileWidth);
    TIFFGetField(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetField(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    EXPECT_EQ(width, 4000u);
    EXPECT_EQ(samples, 1);
    EXPECT_EQ(bits, 8);
    EXPECT_NE(tiff.stringTag(TIFFTAG_IMAGEDESCRIPTION)->find("2 = Stroma"), std::string::npos);
    std::vector<uint8_t> tile(size_t(TIFFTileSize(tiff.get())));
    const auto at = [&](uint32_t x, uint32_t y) {
        EXPECT_GE(TIFFReadTile(tiff.get(), tile.data(), x, y, 0, 0), 0);
        return tile[size_t(y % tileWidth) * tileWidth + x % tileWidth];
    };
    EXPECT_EQ(at(1200, 1100), 1);     // inside the Tumor box
    EXPECT_EQ(at(1000, 1000), 1);     // its corner
    EXPECT_EQ(at(1399, 1199), 1);     // last pixel inside
    EXPECT_EQ(at(1401, 1100), 0);     // just outside
    EXPECT_EQ(at(2050, 1200), 2);     // Stroma ring
    EXPECT_EQ(at(2200, 1200), 0);     // its hole
    EXPECT_EQ(at(3000, 3000 - 1), 0); // the point is not an area
}

TEST(PyramidExport, CancelLeavesNoFileAndKeepsAnExistingOne) {
    const auto s = slide();
    TempDir dir;
    const auto out = dir / "kept.tif";
    { std::ofstream(out) << "earlier export"; }
    PyramidExportOptions o;
    o.region = QRectF(0, 0, 8192, 6144);
    o.tileSize = 256;
    int calls = 0;
    o.progress = [&calls](double) { return ++calls < 3; };
    try {
        exportPyramid(*s, o, out);
        FAIL() << "expected a cancel";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    EXPECT_EQ(calls, 3);
    std::ifstream in(out);
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "earlier export");
    size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
        ++files;
    EXPECT_EQ(files, 1u) << "no partial file left behind";
}

TEST(PyramidExport, RefusesBadRequestsNamingTheCause) {
    const auto s = slide();
    TempDir dir;
    const auto expectRefused = [&](PyramidExportOptions o, const std::filesystem::path& out,
                                   const std::string& words) {
        try {
            exportPyramid(*s, o, out);
            ADD_FAILURE() << "accepted, expected: " << words;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    PyramidExportOptions o;
    o.region = QRectF(9000, 0, 100, 100);
    expectRefused(o, dir / "a.tif", "outside the slide");
    o.region = QRectF(std::nan(""), 0, 100, 100);
    expectRefused(o, dir / "a.tif", "outside the slide");
    o.region = QRectF(0, 0, 100, 100);
    o.downsample = 0.5;
    expectRefused(o, dir / "a.tif", "enlarged");
    o.downsample = 1;
    o.content = PyramidExportOptions::Content::LabelMask;
    expectRefused(o, dir / "a.tif", "needs annotations");
    o.content = PyramidExportOptions::Content::Image;
    expectRefused(o, dir / "missing" / "a.tif", "folder does not exist");
    o.tileSize = 100;
    expectRefused(o, dir / "a.tif", "tile size");
}
