// DICOM whole-slide images read by Lamina's own backend, checked against files written by
// tools no one here wrote: synthetic slides converted by OrthancWSIDicomizer (JPEG copied
// from the source, JPEG 2000 re-encoded, levels split over several files) must give the
// source's geometry, spacing and pixels as OpenSlide reads the source; the real DICOM files in
// ../shared/slides (PixelMed, highdicom, pydicom writers) open with their geometry; broken
// files are refused naming the file and the cause.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/dicom/DicomInstance.h>

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

using test::dicomize;

#define REQUIRE_DICOMIZER()                                                                        \
    do {                                                                                           \
        if (!test::hasDicomizer())                                                                 \
            GTEST_SKIP() << "OrthancWSIDicomizer missing (scripts/install-deps.sh installs "       \
                            "orthanc-wsi)";                                                        \
    } while (0)

RgbaImage openSlideRegion(const fs::path& path, int level, int64_t x, int64_t y, int w, int h) {
    const auto o = test::openWithOpenSlide(path);
    RgbaImage image(w, h);
    openslide_read_region(o.get(), image.data(), x, y, level, w, h);
    return image;
}

} // namespace

TEST(DicomSlide, JpegConversionHasTheSourcesGeometrySpacingAndPixels) {
    REQUIRE_DICOMIZER();
    const fs::path source = test::synthesizedSlide(3000, 2000, 21);
    TempDir dir;
    dicomize(source, dir.path(), 3000 * 0.25 / 1000, 2000 * 0.25 / 1000, {"--max-size=0"});
    const auto slide = FormatRegistry::standard().open(dir / "wsi-000000.dcm");
    EXPECT_EQ(slide->metadata().backend, "dicom");
    ASSERT_EQ(slide->levelCount(), 2); // 3000 x 2000 and 750 x 500, as in the source
    EXPECT_EQ(slide->dimensions().width, 3000);
    EXPECT_EQ(slide->dimensions().height, 2000);
    EXPECT_EQ(slide->level(1).width, 750);
    ASSERT_TRUE(slide->metadata().mppX);
    EXPECT_NEAR(*slide->metadata().mppX, 0.25, 1e-4);
    EXPECT_NEAR(*slide->metadata().mppY, 0.25, 1e-4);
    EXPECT_EQ(slide->id().text().rfind("dicom:", 0), 0u) << "keyed on the UIDs";
    // The JPEG tiles were copied, not re-encoded: the same decoder gives the same pixels.
    const auto diff = test::compareImages(slide->readRegion(0, 1000, 700, 900, 600),
                                          openSlideRegion(source, 0, 1000, 700, 900, 600));
    EXPECT_EQ(diff.max, 0);
    const auto low = test::compareImages(slide->readRegion(1, 0, 0, 750, 500),
                                         openSlideRegion(source, 1, 0, 0, 750, 500));
    EXPECT_EQ(low.max, 0);
    // Patient attributes are marked so the UI can hide them.
    EXPECT_EQ(slide->metadata().properties.at("dicom.PatientName"), "TEST^ONLY");
    EXPECT_TRUE(isPatientProperty("dicom.PatientName"));
    EXPECT_TRUE(slide->metadata().isPrivate("dicom.PatientName"));
    EXPECT_FALSE(slide->metadata().isPrivate("dicom.SeriesInstanceUID"));
}

TEST(DicomSlide, LevelSplitOverSeveralFilesIsOneLevel) {
    REQUIRE_DICOMIZER();
    const fs::path source = test::synthesizedSlide(8192, 6144, 11);
    TempDir dir;
    dicomize(source, dir.path(), 8192 * 0.25 / 1000, 6144 * 0.25 / 1000, {"--max-size=1"});
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
        ++files;
    ASSERT_GT(files, 3u) << "the 1 MB limit splits level 0";
    const auto slide = FormatRegistry::standard().open(dir.path()); // the folder
    ASSERT_EQ(slide->levelCount(), 3);
    EXPECT_EQ(slide->dimensions().width, 8192);
    const auto diff = test::compareImages(slide->readRegion(0, 5000, 4000, 1024, 1024),
                                          openSlideRegion(source, 0, 5000, 4000, 1024, 1024));
    EXPECT_EQ(diff.max, 0);
    // Opening one of the files opens the whole series.
    const auto fromFile = FormatRegistry::standard().open(dir / "wsi-000002.dcm");
    EXPECT_EQ(fromFile->levelCount(), 3);
    // ... and it is the same slide as the folder's: one canonical location (the folder), so
    // one entry in Open Recent and one annotation file (it used to be two).
    const std::string folder = fs::absolute(dir.path()).lexically_normal().string();
    EXPECT_EQ(slide->metadata().canonicalLocation, folder);
    EXPECT_EQ(fromFile->metadata().canonicalLocation, folder);
    EXPECT_EQ(
        FormatRegistry::standard().open(dir.path().string() + "/")->metadata().canonicalLocation,
        folder);
    EXPECT_EQ(fromFile->withPyramid(0)->metadata().canonicalLocation, folder);
}

// A folder holding a second, smaller series: opening the folder shows the larger one, so a
// file of the smaller series keeps its own name.
TEST(DicomSlide, AFileOfAnotherSeriesThanTheFoldersKeepsItsOwnName) {
    REQUIRE_DICOMIZER();
    TempDir big, small;
    dicomize(test::synthesizedSlide(3000, 2000, 21), big.path(), 0.75, 0.5, {"--max-size=0"});
    dicomize(test::synthesizedSlide(1200, 800, 22), small.path(), 0.3, 0.2, {"--max-size=0"});
    std::vector<fs::path> smallFiles;
    for (const auto& e : fs::directory_iterator(small.path()))
        smallFiles.push_back(e.path());
    ASSERT_FALSE(smallFiles.empty());
    for (const auto& f : smallFiles)
        fs::copy_file(f, big / ("small-" + f.filename().string()));
    const auto fromSmall =
        FormatRegistry::standard().open(big / ("small-" + smallFiles[0].filename().string()));
    EXPECT_EQ(fromSmall->dimensions().width, 1200);
    EXPECT_EQ(fromSmall->metadata().canonicalLocation,
              fs::absolute(big / ("small-" + smallFiles[0].filename().string())).string());
    EXPECT_EQ(FormatRegistry::standard().open(big.path())->dimensions().width, 3000);
}

TEST(DicomSlide, Jpeg2000ConversionMatchesWithinCodingTolerance) {
    REQUIRE_DICOMIZER();
    const fs::path source = test::synthesizedSlide(3000, 2000, 21);
    TempDir dir;
    dicomize(source, dir.path(), 0.75, 0.5,
             {"--max-size=0", "--compression", "jpeg2000", "--reencode", "1"});
    const auto slide = FormatRegistry::standard().open(dir / "wsi-000000.dcm");
    EXPECT_EQ(slide->metadata()
                  .properties.at("dicom.TransferSyntaxUID")
                  .rfind("1.2.840.10008.1.2.4.9", 0),
              0u);
    const auto diff = test::compareImages(slide->readRegion(0, 1000, 700, 512, 512),
                                          openSlideRegion(source, 0, 1000, 700, 512, 512));
    EXPECT_LT(diff.mean, 2.0);
}

// The real Aperio slides converted (OpenSlide decodes them for OrthancWSIDicomizer, which
// re-encodes JPEG 2000 ones): for every file of every conversion, `lamina-cli info` reports the
// source's level-0 geometry and spacing as OpenSlide reads the source, and the pixels are the
// source's within coding tolerance.
TEST(DicomSlide, RealSvsSlidesConvertedReportTheSourcesGeometryAndSpacingFromEveryFile) {
    LAMINA_REQUIRE_TEST_SLIDES();
    REQUIRE_DICOMIZER();
    size_t converted = 0;
    for (const auto& entry : fs::directory_iterator(*test::testSlidesDir() / "aperio")) {
        if (entry.path().extension() != ".svs")
            continue;
        SCOPED_TRACE(entry.path().string());
        const auto source = test::openWithOpenSlide(entry.path());
        int64_t width = 0, height = 0;
        openslide_get_level0_dimensions(source.get(), &width, &height);
        const char* mppText =
            openslide_get_property_value(source.get(), OPENSLIDE_PROPERTY_NAME_MPP_X);
        const double mpp = mppText ? std::stod(mppText) : 0.25; // none: the converter needs a size
        TempDir dir;
        dicomize(entry.path(), dir.path(), double(width) * mpp / 1000, double(height) * mpp / 1000,
                 {"--max-size=0", "--openslide", "libopenslide.so.0"});
        ASSERT_FALSE(HasFailure());
        for (const auto& file : fs::directory_iterator(dir.path())) {
            const auto r =
                test::runProcess({test::laminaCliPath(), "info", "--json", file.path().string()});
            ASSERT_EQ(r.exitCode, 0) << r.err;
            const auto info = nlohmann::json::parse(r.out);
            EXPECT_EQ(info["backend"], "dicom") << file.path();
            EXPECT_EQ(info["levels"][0]["width"], width) << file.path();
            EXPECT_EQ(info["levels"][0]["height"], height) << file.path();
            if (mppText) {
                EXPECT_NEAR(info["mpp_x"].get<double>(), mpp, 1e-4) << file.path();
                EXPECT_NEAR(info["mpp_y"].get<double>(), mpp, 1e-4) << file.path();
            }
        }
        const auto slide = FormatRegistry::standard().open(dir.path());
        const auto w = int32_t(std::min<int64_t>(width, 512)),
                   h = int32_t(std::min<int64_t>(height, 512));
        const auto diff =
            test::compareImages(slide->readRegion(0, width - w, height - h, w, h),
                                openSlideRegion(entry.path(), 0, width - w, height - h, w, h));
        EXPECT_LT(diff.mean, 3.0);
        ++converted;
    }
    EXPECT_GE(converted, 2u);
}

TEST(DicomSlide, RealFilesFromOtherWritersOpenWithTheirGeometry) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const fs::path dir = *test::testSlidesDir() / "dicom";
    const auto highdicom = FormatRegistry::standard().open(dir / "highdicom-sm_image.dcm");
    EXPECT_EQ(highdicom->dimensions().width, 50);
    EXPECT_EQ(highdicom->level(0).tileWidth, 10);
    EXPECT_TRUE(highdicom->metadata().mppX.has_value());
    EXPECT_TRUE(highdicom->readRegion(0, 0, 0, 50, 50).isOpaque());
    // Two files of one PixelMed series: the volume and its thumbnail.
    const auto boxes = FormatRegistry::standard().open(dir / "openslide-python-boxes_1.dcm");
    EXPECT_EQ(boxes->dimensions().width, 16);
    // pydicom-written, not conformant (no ImageType, spacing or functional groups): opens.
    const auto pathml = FormatRegistry::standard().open(dir / "pathml-small_dicom.dcm");
    EXPECT_EQ(pathml->dimensions().width, 3236);
    EXPECT_EQ(pathml->dimensions().height, 2638);
    EXPECT_EQ(pathml->level(0).tileWidth, 500);
    EXPECT_FALSE(pathml->metadata().mppX) << "no spacing: no scale, not a guessed one";
    EXPECT_TRUE(pathml->readRegion(0, 1000, 1000, 600, 600).isOpaque());
}

TEST(DicomSlide, BrokenFilesAreRefusedNamingTheFileAndTheCause) {
    REQUIRE_DICOMIZER();
    const fs::path source = test::synthesizedSlide(3000, 2000, 21);
    TempDir converted, dir;
    dicomize(source, converted.path(), 0.75, 0.5, {"--max-size=0"});
    std::ifstream in(converted / "wsi-000000.dcm", std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const auto expectRefused = [](const fs::path& file, const std::string& words) {
        try {
            const auto s = FormatRegistry::standard().open(file);
            s->readRegion(0, 0, 0, 3000, 2000); // every frame
            ADD_FAILURE() << file << " was read";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(file.filename().string()), std::string::npos)
                << e.what();
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    // Cut in the middle of the pixel data.
    std::ofstream(dir / "truncated.dcm", std::ios::binary).write(bytes.data(), bytes.size() / 2);
    expectRefused(dir / "truncated.dcm", "");
    // A fragment length that runs past the end of the file.
    std::string lying = bytes;
    const size_t pixelData = lying.rfind(std::string("\xE0\x7F\x10\x00", 4));
    ASSERT_NE(pixelData, std::string::npos);
    uint32_t tableLength = 0; // the Basic Offset Table item's length
    std::memcpy(&tableLength, lying.data() + pixelData + 12 + 4, 4);
    const size_t firstFragment = pixelData + 12 + 8 + tableLength; // element, offset table
    lying[firstFragment + 4 + 3] = '\x7F';                         // length high byte: ~2 GB
    std::ofstream(dir / "lying.dcm", std::ios::binary).write(lying.data(), lying.size());
    expectRefused(dir / "lying.dcm", "longer than the file");
    // DICM prefix, then garbage.
    std::string garbage(128, '\0');
    garbage += "DICM";
    garbage += std::string(500, '\x5A');
    std::ofstream(dir / "garbage.dcm", std::ios::binary) << garbage;
    expectRefused(dir / "garbage.dcm", "");
}
