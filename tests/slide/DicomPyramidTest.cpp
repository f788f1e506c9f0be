// A DICOM series holding several pyramids — two optical paths and a z-stack of three focal
// planes — written by pydicom (tests/slide/make_multi_pyramid_dicom.py), not by Lamina: frames
// of different planes and paths are never mixed, whether TILED_SPARSE (per-frame Z offset and
// optical path, frames shuffled) or TILED_FULL (planes then paths stacked in frame order);
// every pyramid can be shown, each with its own cache id; a level written for the nominal
// plane only serves the other planes of its path. Hostile stacking values are refused.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/dicom/DicomInstance.h>

#include <gtest/gtest.h>

#include <cstdlib>

using namespace lamina;
using lamina::test::TempDir;

namespace {

// The flat colour the writer gives every frame of (path, plane, level).
uint32_t expectedColour(int path, int plane, int level) {
    return opaqueRgb(uint8_t(60 + 80 * path), uint8_t(40 + 70 * plane), uint8_t(10 + 100 * level));
}

#define WRITE_SERIES(folder)                                                                       \
    do {                                                                                           \
        const std::string why = test::writeMultiPyramidDicom(folder);                              \
        if (!why.empty()) {                                                                        \
            if (std::getenv("CI"))                                                                 \
                FAIL() << why;                                                                     \
            GTEST_SKIP() << why;                                                                   \
        }                                                                                          \
    } while (0)

} // namespace

TEST(DicomPyramids, SeriesListsEveryOpticalPathAndFocalPlaneAndShowsTheNominalOne) {
    TempDir dir;
    WRITE_SERIES(dir.path());
    const auto slide = FormatRegistry::standard().open(dir.path().string());
    const auto pyramids = slide->pyramids();
    ASSERT_EQ(pyramids.size(), 6u);
    const char* paths[] = {"1", "1", "1", "2", "2", "2"};
    const double planes[] = {-2, 0, 2, -2, 0, 2};
    for (size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(pyramids[i].opticalPath, paths[i]) << i;
        ASSERT_TRUE(pyramids[i].focalPlaneUm) << i;
        EXPECT_DOUBLE_EQ(*pyramids[i].focalPlaneUm, planes[i]) << i;
    }
    EXPECT_EQ(pyramids[5].label(), "optical path 2, focal plane +2 µm");
    EXPECT_EQ(pyramids[1].label(), "optical path 1, focal plane +0 µm");
    // Default: the first optical path listed, its middle plane; the series' own id.
    EXPECT_EQ(slide->shownPyramid(), 1u);
    EXPECT_EQ(slide->levelCount(), 3);
    const std::string id = slide->id().text();
    EXPECT_EQ(id.rfind("dicom:", 0), 0u);
    EXPECT_EQ(id.find('#'), std::string::npos);
}

TEST(DicomPyramids, EveryPyramidReadsItsOwnFramesOnEveryLevel) {
    TempDir dir;
    WRITE_SERIES(dir.path());
    const auto opened = FormatRegistry::standard().open(dir.path().string());
    std::vector<std::string> ids;
    for (size_t i = 0; i < 6; ++i) {
        const auto slide = opened->withPyramid(i);
        ASSERT_EQ(slide->shownPyramid(), i);
        ids.push_back(slide->id().text());
        const int path = int(i / 3), plane = int(i % 3);
        // Path 1 has a third level, written for the nominal plane (+0 µm) only.
        ASSERT_EQ(slide->levelCount(), path == 0 ? 3 : 2) << i;
        for (int level = 0; level < slide->levelCount(); ++level) {
            const LevelInfo& info = slide->level(level);
            for (int64_t row = 0; row < info.tilesDown(); ++row)
                for (int64_t col = 0; col < info.tilesAcross(); ++col) {
                    const RgbaImage tile = slide->readTile(level, col, row);
                    const int wantedPlane = level == 2 ? 1 : plane;
                    EXPECT_EQ(tile.pixel(3, 3), expectedColour(path, wantedPlane, level))
                        << "pyramid " << i << " level " << level << " tile " << col << "," << row;
                }
        }
        // Regions too (tiles composed by the backend).
        EXPECT_EQ(slide->readRegion(0, 10, 10, 40, 30).pixel(20, 20),
                  expectedColour(path, plane, 0));
    }
    // Each pyramid caches apart; the default keeps the series id.
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
    EXPECT_EQ(opened->withPyramid(1)->id(), opened->id());
    EXPECT_EQ(opened->withPyramid(2)->location(), opened->location());
    try {
        (void)opened->withPyramid(6);
        ADD_FAILURE() << "pyramid 6 accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    }
}

TEST(DicomPyramids, SlidesWithoutChoiceListNoneAndRefuseAnotherPyramid) {
    const auto slide =
        FormatRegistry::standard().open(test::synthesizedSlide(600, 400, 3).string());
    EXPECT_TRUE(slide->pyramids().empty());
    EXPECT_EQ(slide->shownPyramid(), 0u);
    try {
        (void)slide->withPyramid(1);
        ADD_FAILURE() << "pyramid 1 accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
        EXPECT_NE(std::string(e.what()).find("no pyramid 1"), std::string::npos);
    }
}

TEST(DicomPyramids, HostileStackingValuesAreCorruptNamingTheSource) {
    DicomAttributes a;
    a.sopClass = "1.2.840.10008.5.1.4.1.1.77.1.6";
    a.imageType = "ORIGINAL\\PRIMARY\\VOLUME\\NONE";
    a.columns = a.rows = 16;
    a.totalColumns = a.totalRows = 32;
    a.numberOfFrames = 8;
    a.organisation = "TILED_FULL";
    for (const int64_t planes : {int64_t(0), int64_t(-3), int64_t(1) << 40}) {
        a.focalPlanes = planes;
        try {
            (void)DicomInstance::interpret(a, "hostile.dcm");
            ADD_FAILURE() << planes << " focal planes accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
            EXPECT_NE(std::string(e.what()).find("hostile.dcm"), std::string::npos);
        }
    }
    // Two planes and no spacing: readable, planes numbered 1 µm apart, with a warning.
    a.focalPlanes = 2;
    const DicomInstance d = DicomInstance::interpret(a, "hostile.dcm");
    EXPECT_EQ(d.layerOf(4).focalPlaneUm, 1.0);
    EXPECT_EQ(d.layerOf(4).place, 0);
    EXPECT_FALSE(d.warnings.empty());
    // Frames past the stack belong to no pyramid.
    a.numberOfFrames = 12;
    EXPECT_EQ(DicomInstance::interpret(a, "hostile.dcm").layerOf(9).place, -1);
    // A frame naming an optical path the instance does not list is kept apart, not merged.
    DicomAttributes sparse = a;
    sparse.organisation = "TILED_SPARSE";
    sparse.numberOfFrames = 2;
    sparse.opticalPathIds = {"A"};
    sparse.framePositions = std::vector<std::pair<int64_t, int64_t>>{{1, 1}, {1, 1}};
    sparse.frameOpticalPathIds = std::vector<std::string>{"A", "B"};
    const DicomInstance s = DicomInstance::interpret(sparse, "hostile.dcm");
    EXPECT_EQ(s.opticalPathIds[s.layerOf(0).opticalPath], "A");
    EXPECT_EQ(s.opticalPathIds[s.layerOf(1).opticalPath], "B");
}
