// The one pyramid plan and TIFF writer behind lamina-cli synth and the large-region export:
// level sizes and tile grids, the BigTIFF decision, Aperio descriptions OpenSlide reads the
// scale from, and refusals that name the file.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/writer/PyramidPlan.h>
#include <lamina/slide/writer/PyramidTiffWriter.h>

#include <gtest/gtest.h>

#include <vector>

using namespace lamina;
namespace fs = std::filesystem;

TEST(PyramidPlan, LevelsShrinkByTheStepRoundingUpUntilTheCoarsestSideFits) {
    const PyramidPlan p = PyramidPlan::make(5000, 3001, 512, 4, 1024);
    ASSERT_EQ(p.levels.size(), 3u); // 5000 -> 1250 -> 313
    EXPECT_EQ(p.levels[1].width, 1250);
    EXPECT_EQ(p.levels[1].height, 751); // ceil(3001 / 4)
    EXPECT_EQ(p.levels[2].width, 313);
    EXPECT_EQ(p.levels[2].downsample, 16);
    EXPECT_EQ(p.levels[0].across, 10); // ceil(5000 / 512)
    EXPECT_EQ(p.levels[0].down, 6);
    EXPECT_EQ(p.tileCount(), 10u * 6 + 3 * 2 + 1);
    // At most `coarsestSide`: 1024 itself is the last level; below it is not reached.
    EXPECT_EQ(PyramidPlan::make(4096, 100, 256, 4, 1024).levels.size(), 2u);
    EXPECT_EQ(PyramidPlan::make(4096, 100, 256, 4, 1023).levels.size(), 3u);
    // A bound on the count, whatever the sizes.
    EXPECT_EQ(PyramidPlan::make(1 << 20, 1 << 20, 256, 2, 1, 5).levels.size(), 5u);
    EXPECT_THROW(PyramidPlan::make(0, 10, 256, 2, 1024), Error);
    EXPECT_THROW(PyramidPlan::make(10, 10, 256, 1, 1024), Error);
}

TEST(PyramidPlan, BigTiffOnlyWhenTheRawPixelsMightNotFitA32BitFile) {
    EXPECT_FALSE(PyramidPlan::make(30000, 30000, 512, 4, 1024).needsBigTiff(3)); // 2.7 GB
    EXPECT_TRUE(PyramidPlan::make(40000, 40000, 512, 4, 1024).needsBigTiff(3));  // 4.9 GB
    EXPECT_FALSE(PyramidPlan::make(40000, 40000, 512, 4, 1024).needsBigTiff(1));
}

TEST(PyramidTiffWriter, AnAperioPyramidItWritesOpensInOpenSlideWithItsScale) {
    test::TempDir dir;
    const fs::path file = dir / "written.svs";
    const PyramidPlan plan = PyramidPlan::make(2000, 1500, 256, 4, 1024);
    AperioDescription aperio;
    aperio.baseWidth = 2000;
    aperio.baseHeight = 1500;
    aperio.tileSize = 256;
    aperio.codec = "JPEG/RGB Q=90";
    aperio.fields = {{"AppMag", "20"}, {"MPP", "0.5000"}};
    PyramidTiffWriter::Format format;
    {
        PyramidTiffWriter writer(file, file.string(), plan, format);
        std::vector<uint8_t> tile(256 * 256 * 3, 200);
        for (size_t level = 0; level < plan.levels.size(); ++level) {
            writer.beginLevel(level, aperio.forLevel(plan.levels[level], level == 0));
            for (uint32_t i = 0; i < plan.levels[level].tileCount(); ++i)
                writer.writeTile(
                    i, PyramidTiffWriter::encodeTile(format, 90, tile.data(), 256, 256 * 3));
            writer.finishLevel();
        }
        writer.close();
    }
    const auto slide = FormatRegistry::standard().open(file.string());
    ASSERT_EQ(slide->levelCount(), 2);
    EXPECT_EQ(slide->dimensions().width, 2000);
    EXPECT_EQ(slide->level(1).width, 500);
    ASSERT_TRUE(slide->metadata().mppX);
    EXPECT_DOUBLE_EQ(*slide->metadata().mppX, 0.5);
    EXPECT_EQ(slide->metadata().vendor, "aperio");
}

TEST(PyramidTiffWriter, RefusalsNameTheFileTheUserAskedFor) {
    test::TempDir dir;
    const PyramidPlan plan = PyramidPlan::make(100, 100, 64, 2, 1024);
    PyramidTiffWriter::Format grey;
    grey.samplesPerPixel = 1; // JPEG tiles are RGB
    try {
        PyramidTiffWriter writer(dir / ".partial", "/data/wanted.tif", plan, grey);
        ADD_FAILURE() << "a grey JPEG pyramid was accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
        EXPECT_EQ(e.file(), "/data/wanted.tif");
    }
    EXPECT_THROW(PyramidTiffWriter(dir / "no-such-folder" / "x.tif", "x.tif", plan, {}), Error);
}
